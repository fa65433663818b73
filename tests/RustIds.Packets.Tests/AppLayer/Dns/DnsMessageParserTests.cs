using System.Text;
using RustIds.Packets.AppLayer.Dns;

namespace RustIds.Packets.Tests.AppLayer.Dns;

public sealed class DnsMessageParserTests
{
    private readonly DnsCounters _counters = new();
    private readonly DnsMessage _message = new();

    private static string Text(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    [Fact]
    public void Parse_StandardQuery_DecodesHeaderAndQuestion()
    {
        var status = DnsMessageParser.Parse(DnsSamples.Query, _message, _counters);

        Assert.Equal(DnsParseStatus.Ok, status);
        Assert.Equal(0x1a2b, _message.Id);
        Assert.False(_message.IsResponse);
        Assert.Equal(0, _message.Opcode);
        Assert.True(_message.RecursionDesired);
        Assert.False(_message.RecursionAvailable);
        Assert.Equal(1, _message.QuestionCount);
        var question = _message.GetQuestion(0);
        Assert.Equal("www.example.com", Text(question.Name));
        Assert.Equal(DnsRecordType.A, question.Type);
        Assert.Equal(1, question.Class);
        Assert.Equal(0, _message.AnswerCount);
        Assert.Equal(1, _counters.Messages);
        Assert.Equal(1, _counters.Queries);
        Assert.Equal(0, _counters.Errors);
    }

    [Fact]
    public void Parse_CompressedResponse_FollowsPointersInOwnersAndRdata()
    {
        var status = DnsMessageParser.Parse(DnsSamples.Response, _message, _counters);

        Assert.Equal(DnsParseStatus.Ok, status);
        Assert.True(_message.IsResponse);
        Assert.True(_message.RecursionAvailable);
        Assert.Equal(0x8180, _message.Flags);
        Assert.Equal(0, _message.ResponseCode);
        Assert.Equal(2, _message.AnswerCount);
        var cname = _message.GetAnswer(0);
        Assert.Equal("www.example.com", Text(cname.Name));
        Assert.Equal(DnsRecordType.CNAME, cname.Type);
        Assert.Equal(3600u, cname.Ttl);
        Assert.Equal("cdn.example.com", Text(cname.Target));
        Assert.Equal(6, cname.Data.Length);
        var a = _message.GetAnswer(1);
        Assert.Equal("cdn.example.com", Text(a.Name));
        Assert.Equal(IpAddr.Parse("93.184.216.34"), a.Address);
        Assert.Equal(60u, a.Ttl);
        Assert.Equal(1, _counters.Responses);
    }

    [Fact]
    public void Parse_RichResponse_DecodesEveryRecordType()
    {
        var status = DnsMessageParser.Parse(DnsSamples.RichResponse(), _message, _counters);

        Assert.Equal(DnsParseStatus.Ok, status);
        Assert.True(_message.IsAuthoritative);
        Assert.Equal(6, _message.AnswerCount);
        Assert.Equal(1, _message.AuthorityCount);
        Assert.Equal(1, _message.AdditionalCount);

        var aaaa = _message.GetAnswer(0);
        Assert.Equal(DnsRecordType.AAAA, aaaa.Type);
        Assert.Equal(IpAddr.Parse("2001:db8::1"), aaaa.Address);

        var mx = _message.GetAnswer(1);
        Assert.Equal(10, mx.Preference);
        Assert.Equal("mail.example.org", Text(mx.Target));

        var txt = _message.GetAnswer(2);
        var strings = new List<string>();
        foreach (var s in txt.TxtStrings)
            strings.Add(Text(s));
        Assert.Equal(["v=spf1 -all", "second"], strings);

        var srv = _message.GetAnswer(3);
        Assert.Equal("_sip._tcp.example.org", Text(srv.Name));
        Assert.Equal(5, srv.Preference);
        Assert.Equal(60, srv.Weight);
        Assert.Equal(5060, srv.Port);
        Assert.Equal("sip.example.org", Text(srv.Target));

        var ptr = _message.GetAnswer(4);
        Assert.Equal("1.0.0.127.in-addr.arpa", Text(ptr.Name));
        Assert.Equal("localhost", Text(ptr.Target));

        var cname = _message.GetAnswer(5);
        Assert.Equal("_sip._tcp.example.org", Text(cname.Name));
        Assert.Equal("alias.example.org", Text(cname.Target));

        var soa = _message.GetAuthority(0);
        Assert.Equal("ns1.example.org", Text(soa.Target));
        Assert.Equal("hostmaster.example.org", Text(soa.Mailbox));
        Assert.Equal(2024010101u, soa.SoaSerial);
        Assert.Equal(7200u, soa.SoaRefresh);
        Assert.Equal(900u, soa.SoaRetry);
        Assert.Equal(1209600u, soa.SoaExpire);
        Assert.Equal(86400u, soa.SoaMinimum);

        var ns = _message.GetAdditional(0);
        Assert.Equal("ns1.example.org", Text(ns.Name));
        Assert.Equal("example.org", Text(ns.Target));
        Assert.Equal(0, _counters.Errors);
    }

    [Fact]
    public void Parse_RecordTypeAccessors_ReturnDefaultsForOtherTypes()
    {
        DnsMessageParser.Parse(DnsSamples.Response, _message, _counters);
        var cname = _message.GetAnswer(0);

        Assert.Equal(default, cname.Address);
        Assert.Equal(0, cname.Preference);
        Assert.Equal(0, cname.Port);
        Assert.Equal(0u, cname.SoaSerial);
        Assert.False(cname.TxtStrings.MoveNext());
        Assert.True(_message.GetAnswer(1).Target.IsEmpty);
    }

    [Fact]
    public void Parse_NxDomainWithFlags_ExposesOpcodeRcodeAndBits()
    {
        // Response, opcode 0, AA, TC, RD, RA, AD, CD, RCODE 3 (NXDOMAIN).
        var bytes = new DnsBuilder().Header(7, 0x8000 | 0x0400 | 0x0200 | 0x0100 | 0x0080 | 0x0020 | 0x0010 | 3, 1)
            .Question("nope.example", DnsRecordType.A).ToArray();

        DnsMessageParser.Parse(bytes, _message, _counters);

        Assert.Equal(3, _message.ResponseCode);
        Assert.True(_message.IsAuthoritative && _message.IsTruncated && _message.RecursionDesired);
        Assert.True(_message.RecursionAvailable && _message.AuthenticData && _message.CheckingDisabled);
        Assert.Equal("NXDOMAIN", Text(DnsText.ResponseCodeName(_message.ResponseCode)));
    }

    [Fact]
    public void Parse_UpdateOpcode_ReportsOpcodeFive()
    {
        // Opcode 5 (UPDATE, RFC 2136): zone section in place of the question, delete-RRset with class ANY and empty rdata.
        var bytes = new DnsBuilder().Header(9, 5 << 11, 1, 0, 1)
            .Question("example.com", DnsRecordType.SOA)
            .Name("host.example.com").Record(DnsRecordType.A, 0, _ => { }, @class: 255).ToArray();

        var status = DnsMessageParser.Parse(bytes, _message, _counters);

        Assert.Equal(DnsParseStatus.Ok, status);
        Assert.Equal(5, _message.Opcode);
        Assert.Equal(1, _message.AuthorityCount);
        Assert.Equal(default, _message.GetAuthority(0).Address);
    }

    [Theory]
    [InlineData(DnsRecordType.MX)]
    [InlineData(DnsRecordType.SRV)]
    [InlineData(DnsRecordType.SOA)]
    [InlineData(DnsRecordType.AAAA)]
    public void Parse_EmptyRdataWithClassAny_AccessorsReturnDefaults(ushort type)
    {
        // Regression (mutation test): empty rdata is valid with class ANY, so accessors must not read past it.
        var bytes = new DnsBuilder().Header(9, 5 << 11, 1, 0, 1)
            .Question("example.com", DnsRecordType.SOA)
            .Name("host.example.com").Record(type, 0, _ => { }, @class: 255).ToArray();

        Assert.Equal(DnsParseStatus.Ok, DnsMessageParser.Parse(bytes, _message, _counters));
        var record = _message.GetAuthority(0);
        Assert.True(record.IsRdataValid);
        Assert.Equal(0, record.Preference + record.Weight + record.Port);
        Assert.Equal(0u, record.SoaSerial + record.SoaMinimum);
        Assert.Equal(default, record.Address);
        Assert.True(record.Target.IsEmpty);
    }

    [Fact]
    public void Parse_RootName_IsEmpty()
    {
        var bytes = new DnsBuilder().Header(1, 0, 1).Question("", DnsRecordType.NS).ToArray();

        Assert.Equal(DnsParseStatus.Ok, DnsMessageParser.Parse(bytes, _message, _counters));
        Assert.True(_message.GetQuestion(0).Name.IsEmpty);
    }

    [Fact]
    public void Parse_MixedCaseAndBinaryLabels_KeepsBytesAsReceived()
    {
        var bytes = new DnsBuilder().Header(1, 0, 1).Label("WwW"u8).Label([(byte)'a', (byte)'.', 0xff, 0x01]).Byte(0)
            .U16(1).U16(1).ToArray();

        DnsMessageParser.Parse(bytes, _message, _counters);

        Assert.Equal([(byte)'W', (byte)'w', (byte)'W', (byte)'.', (byte)'a', (byte)'.', 0xff, 0x01], _message.GetQuestion(0).Name.ToArray());
    }

    [Fact]
    public void Parse_MessageReused_ReplacesPreviousContent()
    {
        DnsMessageParser.Parse(DnsSamples.RichResponse(), _message, _counters);
        DnsMessageParser.Parse(DnsSamples.Query, _message, _counters);

        Assert.Equal(0, _message.AnswerCount);
        Assert.Equal(0, _message.AuthorityCount);
        Assert.Equal(0x1a2b, _message.Id);
        Assert.Equal("www.example.com", Text(_message.GetQuestion(0).Name));
    }

    [Fact]
    public void Parse_TrailingBytes_AreIgnoredAndCounted()
    {
        byte[] bytes = [.. DnsSamples.Query, 0xde, 0xad];

        Assert.Equal(DnsParseStatus.Ok, DnsMessageParser.Parse(bytes, _message, _counters));
        Assert.Equal(1, _counters.TrailingBytes);
        Assert.Equal(0, _counters.Errors);
    }

    [Fact]
    public void Parse_MoreQuestionsThanKept_WalksAndCountsTheRest()
    {
        var message = new DnsMessage(new DnsParserOptions { MaxQuestions = 2, MaxRecordsPerSection = 1 });
        var builder = new DnsBuilder().Header(1, 0x8000, 4, 3);
        for (var i = 0; i < 4; i++)
            builder.Question($"q{i}.example", DnsRecordType.A);
        for (var i = 0; i < 3; i++)
            builder.Pointer(12).Record(DnsRecordType.A, 1, r => r.Bytes([10, 0, 0, (byte)i]));

        var status = DnsMessageParser.Parse(builder.ToArray(), message, _counters);

        Assert.Equal(DnsParseStatus.Ok, status);
        Assert.Equal(2, message.QuestionCount);
        Assert.Equal(4, message.DeclaredQuestionCount);
        Assert.Equal("q1.example", Text(message.GetQuestion(1).Name));
        Assert.Equal(1, message.AnswerCount);
        Assert.Equal(3, message.DeclaredAnswerCount);
        Assert.Equal(2, _counters.QuestionsDropped);
        Assert.Equal(2, _counters.RecordsDropped);
    }

    [Fact]
    public void GetQuestion_IndexOutOfRange_Throws()
    {
        DnsMessageParser.Parse(DnsSamples.Query, _message, _counters);

        Assert.Throws<ArgumentOutOfRangeException>(() => _message.GetQuestion(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => _message.GetAnswer(0));
    }
}
