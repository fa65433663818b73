namespace RustIds.Packets.AppLayer.Tls.Tests;

public sealed class TlsParserOptionsTests
{
    [Fact]
    public void Validate_Defaults_NoProblems() => Assert.Empty(TlsParserOptions.Default.Validate());

    [Fact]
    public void Validate_EveryLimitOutOfRange_ListsEachProblem()
    {
        var options = new TlsParserOptions
        {
            MaxHandshakeMessageBytes = 10,
            MaxRecordBytes = 70000,
            MaxListEntries = 0,
            MaxServerNameBytes = 1,
            MaxAlpnBytes = 1,
            MaxDistinguishedNameBytes = 1,
            MaxSerialOctets = 1,
        };

        Assert.Equal(7, options.Validate().Count);
    }

    [Fact]
    public void Constructor_WorkspaceWithOtherOptions_Throws()
    {
        var workspace = new TlsWorkspace(TlsParserOptions.Default with { MaxListEntries = 32 });

        Assert.Throws<ArgumentException>(() => new TlsParser(TlsParserOptions.Default, new TlsCounters(), workspace));
    }
}
