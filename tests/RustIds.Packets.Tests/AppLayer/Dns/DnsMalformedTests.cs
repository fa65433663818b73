using RustIds.Packets.AppLayer.Dns;

namespace RustIds.Packets.Tests.AppLayer.Dns;

public sealed class DnsMalformedTests
{
    private readonly DnsCounters _counters = new();
    private readonly DnsMessage _message = new();

    private DnsParseStatus Parse(byte[] bytes) => DnsMessageParser.Parse(bytes, _message, _counters);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(11)]
    public void Parse_ShorterThanHeader_IsTruncatedHeader(int length)
    {
        Assert.Equal(DnsParseStatus.TruncatedHeader, Parse(DnsSamples.Response[..length]));
        Assert.False(_message.HasHeader);
        Assert.Equal(1, _counters.TruncatedHeader);
        Assert.Equal(0, _counters.Messages);
    }

    [Fact]
    public void Parse_ResponseTruncatedAtEveryLength_NeverOkAndCounted()
    {
        var full = DnsSamples.Response;
        for (var length = 12; length < full.Length; length++)
        {
            var status = Parse(full[..length]);
            Assert.True(status is DnsParseStatus.CountBeyondData or DnsParseStatus.RdLengthBeyondData, $"length {length}: {status}");
        }
        Assert.Equal(full.Length - 12, _counters.CountBeyondData + _counters.RdLengthBeyondData);
    }

    [Fact]
    public void Parse_TruncatedAfterFirstAnswer_KeepsWhatWasDecoded()
    {
        var status = Parse(DnsSamples.Response[..51]);

        Assert.Equal(DnsParseStatus.CountBeyondData, status);
        Assert.True(_message.HasHeader);
        Assert.Equal(1, _message.QuestionCount);
        Assert.Equal(1, _message.AnswerCount);
        Assert.Equal(2, _message.DeclaredAnswerCount);
    }

    [Fact]
    public void Parse_CountBeyondData_IsReported()
    {
        var bytes = DnsSamples.Query;
        bytes[7] = 5; // ANCOUNT 5, no records follow

        Assert.Equal(DnsParseStatus.CountBeyondData, Parse(bytes));
        Assert.Equal(1, _counters.CountBeyondData);
    }

    [Fact]
    public void Parse_RdLengthBeyondData_IsReported()
    {
        var bytes = DnsSamples.Response;
        bytes[^5] = 0x40; // last RDLENGTH 0x0004 -> 0x4004

        Assert.Equal(DnsParseStatus.RdLengthBeyondData, Parse(bytes));
        Assert.Equal(1, _counters.RdLengthBeyondData);
    }

    [Fact]
    public void Parse_SelfPointer_IsPointerLoop()
    {
        var bytes = new DnsBuilder().Header(1, 0, 1).Pointer(12).U16(1).U16(1).ToArray();

        Assert.Equal(DnsParseStatus.PointerLoop, Parse(bytes));
        Assert.Equal(1, _counters.PointerLoop);
    }

    [Fact]
    public void Parse_TwoPointerCycle_IsStoppedAtTheForwardPointer()
    {
        // Offset 12: pointer -> 14; offset 14: pointer -> 12. The first hop already points forward.
        var bytes = new DnsBuilder().Header(1, 0, 1).Pointer(14).Pointer(12).U16(1).U16(1).ToArray();

        Assert.Equal(DnsParseStatus.ForwardPointer, Parse(bytes));
        Assert.Equal(1, _counters.ForwardPointer);
    }

    [Fact]
    public void Parse_PointerBackToStartOfSameName_IsPointerLoop()
    {
        // The owner name at 12 is the label "abcdefgh" followed by a pointer at 21 back to 12: each pass
        // would read the same label again, forever. The target lies before the pointer, yet inside the
        // name part being read.
        var b = new DnsBuilder().Header(1, 0x8000, 0, 1);
        b.Label("abcdefgh"u8).Pointer(12).Record(DnsRecordType.A, 1, r => r.Bytes([1, 2, 3, 4]));
        var bytes = b.ToArray();

        Assert.Equal(DnsParseStatus.PointerLoop, Parse(bytes));
        Assert.Equal(0, _message.AnswerCount);
    }

    [Fact]
    public void Parse_PointerBeyondMessage_IsForwardPointer()
    {
        var bytes = new DnsBuilder().Header(1, 0, 1).Pointer(0x3fff).U16(1).U16(1).ToArray();

        Assert.Equal(DnsParseStatus.ForwardPointer, Parse(bytes));
    }

    [Fact]
    public void Parse_PointerIntoHeader_IsRejected()
    {
        var bytes = new DnsBuilder().Header(1, 0, 1).Labels("a").Pointer(4).U16(1).U16(1).ToArray();

        Assert.Equal(DnsParseStatus.PointerIntoHeader, Parse(bytes));
        Assert.Equal(1, _counters.PointerIntoHeader);
    }

    [Theory]
    [InlineData(0x40)]
    [InlineData(0x41)]
    [InlineData(0x80)]
    [InlineData(0xBF)]
    public void Parse_LabelOctetAbove63_IsLabelTooLong(byte octet)
    {
        var bytes = new DnsBuilder().Header(1, 0, 1).Byte(octet).Bytes(new byte[80]).ToArray();

        Assert.Equal(DnsParseStatus.LabelTooLong, Parse(bytes));
        Assert.Equal(1, _counters.LabelTooLong);
    }

    [Fact]
    public void Parse_NameOf255WireBytes_IsAccepted()
    {
        // 3 × (1 + 63) + (1 + 61) + root = 255 octets; dotted 253 characters.
        var name = $"{new string('a', 63)}.{new string('b', 63)}.{new string('c', 63)}.{new string('d', 61)}";
        var bytes = new DnsBuilder().Header(1, 0, 1).Question(name, DnsRecordType.A).ToArray();

        Assert.Equal(DnsParseStatus.Ok, Parse(bytes));
        Assert.Equal(253, _message.GetQuestion(0).Name.Length);
    }

    [Fact]
    public void Parse_NameOf256WireBytes_IsNameTooLong()
    {
        var name = $"{new string('a', 63)}.{new string('b', 63)}.{new string('c', 63)}.{new string('d', 62)}";
        var bytes = new DnsBuilder().Header(1, 0, 1).Question(name, DnsRecordType.A).ToArray();

        Assert.Equal(DnsParseStatus.NameTooLong, Parse(bytes));
        Assert.Equal(1, _counters.NameTooLong);
    }

    [Fact]
    public void Parse_CompressionThatGrowsNamePast255_IsNameTooLong()
    {
        // Question 1 is exactly 255 octets; question 2 prepends one label through a pointer.
        var name = $"{new string('a', 63)}.{new string('b', 63)}.{new string('c', 63)}.{new string('d', 61)}";
        var bytes = new DnsBuilder().Header(1, 0, 2).Question(name, DnsRecordType.A)
            .Labels("x").Pointer(12).U16(1).U16(1).ToArray();

        Assert.Equal(DnsParseStatus.NameTooLong, Parse(bytes));
        Assert.Equal(1, _message.QuestionCount);
    }

    [Theory]
    [InlineData(15, DnsParseStatus.Ok)]
    [InlineData(16, DnsParseStatus.TooManyPointers)]
    public void Parse_PointerChain_IsCappedAtSixteenPointers(int chainLength, DnsParseStatus expected)
    {
        // Question 1: one opaque label holding a root octet at 13 and a chain of pointers, each to the one
        // before it. Question 2 points at the last link: 1 + chainLength pointers strictly backwards.
        var content = new DnsBuilder().Byte(0);
        content.Pointer(13);
        for (var i = 1; i < chainLength; i++)
            content.Pointer(14 + (2 * (i - 1)));
        var label = content.ToArray();
        var lastLink = 13 + label.Length - 2;
        var bytes = new DnsBuilder().Header(1, 0, 2).Label(label).Byte(0).U16(1).U16(1)
            .Pointer(lastLink).U16(1).U16(1).ToArray();

        Assert.Equal(expected, Parse(bytes));
        if (expected == DnsParseStatus.Ok)
            Assert.True(_message.GetQuestion(1).Name.IsEmpty);
    }

    [Theory]
    [InlineData(DnsRecordType.A, 3)]
    [InlineData(DnsRecordType.A, 5)]
    [InlineData(DnsRecordType.A, 16)]
    [InlineData(DnsRecordType.AAAA, 4)]
    [InlineData(DnsRecordType.AAAA, 15)]
    [InlineData(DnsRecordType.MX, 2)]
    [InlineData(DnsRecordType.SRV, 6)]
    [InlineData(DnsRecordType.SOA, 21)]
    public void Parse_RdataLengthWrongForType_RecordKeptInvalidAndParsingGoesOn(ushort type, int length)
    {
        var b = new DnsBuilder().Header(1, 0x8000, 1, 2).Question("example.com", type);
        b.Pointer(12).Record(type, 1, r => r.Bytes(new byte[length]));
        b.Pointer(12).Record(DnsRecordType.A, 1, r => r.Bytes([192, 0, 2, 1]));

        var status = Parse(b.ToArray());

        Assert.Equal(DnsParseStatus.BadRdata, status);
        Assert.Equal(2, _message.AnswerCount);
        var bad = _message.GetAnswer(0);
        Assert.False(bad.IsRdataValid);
        Assert.Equal(length, bad.Data.Length);
        Assert.Equal(default, bad.Address);
        Assert.True(bad.Target.IsEmpty);
        Assert.Equal(IpAddr.Parse("192.0.2.1"), _message.GetAnswer(1).Address);
        Assert.Equal(1, _counters.BadRdata);
    }

    [Fact]
    public void Parse_CnameRunningPastRdata_IsBadRdata()
    {
        // RDLENGTH 3 but the name in it needs 5 bytes ("abc" + root): the name must end at the rdata end,
        // even though the following bytes exist.
        var b = new DnsBuilder().Header(1, 0x8000, 0, 1).Name("x")
            .U16(DnsRecordType.CNAME).U16(1).U32(1).U16(3).Labels("abc").Byte(0);

        Assert.Equal(DnsParseStatus.BadRdata, Parse(b.ToArray()));
        Assert.False(_message.GetAnswer(0).IsRdataValid);
        Assert.Equal(1, _counters.TrailingBytes);
    }

    [Fact]
    public void Parse_ForwardPointerInsideRdata_CountedByKindAndRecordInvalid()
    {
        var b = new DnsBuilder().Header(1, 0x8000, 0, 1).Name("x")
            .Record(DnsRecordType.CNAME, 1, r => r.Pointer(200));

        Assert.Equal(DnsParseStatus.ForwardPointer, Parse(b.ToArray()));
        Assert.Equal(1, _message.AnswerCount);
        Assert.False(_message.GetAnswer(0).IsRdataValid);
        Assert.Equal(1, _counters.ForwardPointer);
    }

    [Theory]
    [InlineData(new byte[] { 5, (byte)'a' })]
    [InlineData(new byte[] { 1, (byte)'a', 3 })]
    [InlineData(new byte[0])]
    public void Parse_TxtStringsNotFittingRdata_IsBadRdata(byte[] rdata)
    {
        var b = new DnsBuilder().Header(1, 0x8000, 0, 1).Name("t").Record(DnsRecordType.TXT, 1, r => r.Bytes(rdata));

        Assert.Equal(DnsParseStatus.BadRdata, Parse(b.ToArray()));
    }
}
