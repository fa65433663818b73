using RustIds.Packets.AppLayer.Dns;

namespace RustIds.Packets.Tests.AppLayer.Dns;

public sealed class DnsParserOptionsTests
{
    [Fact]
    public void Validate_Defaults_NoProblems()
    {
        Assert.Empty(DnsParserOptions.Default.Validate());
    }

    [Fact]
    public void Validate_EveryLimitOutOfRange_ListsEveryProblem()
    {
        var options = new DnsParserOptions
        {
            MaxQuestions = 0,
            MaxRecordsPerSection = 5000,
            MaxNameLength = 100,
            MaxCompressionPointers = 0,
            MaxTcpMessageBytes = 70000,
        };

        Assert.Equal(5, options.Validate().Count);
    }

    [Fact]
    public void MaxNameLength_Raised_AcceptsLongerNames()
    {
        var name = string.Join('.', Enumerable.Repeat(new string('a', 63), 6)); // 6 × 64 + 1 = 385 wire octets
        var bytes = new DnsBuilder().Header(1, 0, 1).Question(name, DnsRecordType.A).ToArray();
        var counters = new DnsCounters();

        Assert.Equal(DnsParseStatus.NameTooLong, DnsMessageParser.Parse(bytes, new DnsMessage(), counters));
        var lenient = new DnsMessage(new DnsParserOptions { MaxNameLength = 1025 });
        Assert.Equal(DnsParseStatus.Ok, DnsMessageParser.Parse(bytes, lenient, counters));
        Assert.Equal(name.Length, lenient.GetQuestion(0).Name.Length);
    }
}
