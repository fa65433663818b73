using System.Text;

namespace RustIds.Rules.Tests;

public sealed class RuleParserTests
{
    private const string Body = "(msg:\"m\"; sid:1;)";

    [Theory]
    [InlineData("alert tcp any any -> any any", RuleAction.Alert, RuleProtocol.Tcp, false)]
    [InlineData("drop udp any any <> any any", RuleAction.Drop, RuleProtocol.Udp, true)]
    [InlineData("reject icmp any any -> any any", RuleAction.Reject, RuleProtocol.Icmp, false)]
    [InlineData("pass ip any any -> any any", RuleAction.Pass, RuleProtocol.Ip, false)]
    [InlineData("  alert   TCP  any  any ->  any   any  ", RuleAction.Alert, RuleProtocol.Tcp, false)]
    public void Parse_HeaderForms_ReadsActionProtocolDirection(string header, RuleAction action, RuleProtocol protocol, bool bidirectional)
    {
        var rule = TestRules.Parse(header + " " + Body);

        Assert.Equal(action, rule.Action);
        Assert.Equal(protocol, rule.Protocol);
        Assert.Equal(bidirectional, rule.Bidirectional);
    }

    [Theory]
    [InlineData("192.168.1.0/24", "192.168.1.77", true)]
    [InlineData("192.168.1.0/24", "192.168.2.1", false)]
    [InlineData("10.0.0.1", "10.0.0.1", true)]
    [InlineData("10.0.0.0/255.0.0.0", "10.9.9.9", true)]
    [InlineData("!10.0.0.1", "10.0.0.1", false)]
    [InlineData("!10.0.0.1", "10.0.0.2", true)]
    [InlineData("[10.0.0.0/8, 192.168.0.0/16]", "192.168.5.5", true)]
    [InlineData("[10.0.0.0/8,!10.1.0.0/16]", "10.1.2.3", false)]
    [InlineData("[10.0.0.0/8,!10.1.0.0/16]", "10.2.2.3", true)]
    [InlineData("![10.0.0.0/8,192.168.0.0/16]", "10.2.2.3", false)]
    [InlineData("![10.0.0.0/8,192.168.0.0/16]", "8.8.8.8", true)]
    [InlineData("[1.1.1.1,[2.2.2.0/24,!2.2.2.2]]", "2.2.2.3", true)]
    [InlineData("[1.1.1.1,[2.2.2.0/24,!2.2.2.2]]", "2.2.2.2", false)]
    [InlineData("$HOME_NET", "172.16.4.4", true)]
    [InlineData("$HOME_NET", "8.8.8.8", false)]
    [InlineData("$EXTERNAL_NET", "8.8.8.8", true)]
    [InlineData("$EXTERNAL_NET", "10.0.0.1", false)]
    [InlineData("!$EXTERNAL_NET", "10.0.0.1", true)]
    [InlineData("[$HOME_NET,!10.0.0.5]", "10.0.0.5", false)]
    [InlineData("2001:db8::/32", "2001:db8::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("[::1,10.0.0.1]", "::1", true)]
    [InlineData("any", "::1", true)]
    [InlineData("10.0.0.5-10.0.0.9", "10.0.0.5", true)]
    [InlineData("10.0.0.5-10.0.0.9", "10.0.0.9", true)]
    [InlineData("10.0.0.5-10.0.0.9", "10.0.0.4", false)]
    [InlineData("10.0.0.5-10.0.0.9", "10.0.0.10", false)]
    [InlineData("[10.0.0.1,2001:db8::1-2001:db8::ff]", "2001:db8::80", true)]
    [InlineData("[10.0.0.1,2001:db8::1-2001:db8::ff]", "2001:db8::", false)]
    [InlineData("[10.0.0.1,2001:db8::1-2001:db8::ff]", "2001:db8::100", false)]
    [InlineData("![192.168.1.0-192.168.2.255]", "192.168.2.7", false)]
    [InlineData("0.0.0.0-255.255.255.255", "203.0.113.9", true)]
    [InlineData("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db8::1", true)]
    public void Parse_AddressForms_MatchAsExpected(string address, string probe, bool expected)
    {
        var rule = TestRules.Parse($"alert tcp {address} any -> any any {Body}");

        Assert.Equal(expected, rule.Source.Matches(TestRules.Ip(probe)));
    }

    [Theory]
    [InlineData("80", 80, true)]
    [InlineData("80", 81, false)]
    [InlineData("1024:2048", 1500, true)]
    [InlineData("1024:2048", 2049, false)]
    [InlineData(":1023", 0, true)]
    [InlineData(":1023", 1024, false)]
    [InlineData("1024:", 65535, true)]
    [InlineData("1024:", 80, false)]
    [InlineData("!80", 80, false)]
    [InlineData("!80", 443, true)]
    [InlineData("[80,443,8000:8100]", 8050, true)]
    [InlineData("[80,443,8000:8100]", 8101, false)]
    [InlineData("[1:100,!50]", 50, false)]
    [InlineData("![80,443]", 443, false)]
    [InlineData("![80,443]", 22, true)]
    [InlineData("$HTTP_PORTS", 80, true)]
    [InlineData("$SHELLCODE_PORTS", 80, false)]
    [InlineData("$FILE_DATA_PORTS", 143, true)]
    [InlineData("[$HTTP_PORTS,8080]", 8080, true)]
    [InlineData("any", 1, true)]
    public void Parse_PortForms_MatchAsExpected(string ports, int probe, bool expected)
    {
        var rule = TestRules.Parse($"alert tcp any any -> any {ports} {Body}");

        Assert.Equal(expected, rule.DestinationPorts.Matches(probe));
    }

    [Theory]
    [InlineData("\"abc\"", "abc")]
    [InlineData("\"|41 42|C\"", "ABC")]
    [InlineData("\"|4142|\"", "AB")]
    [InlineData("\"a|0d 0a|b\"", "a\r\nb")]
    [InlineData("\"a\\;b\"", "a;b")]
    [InlineData("\"a\\\"b\"", "a\"b")]
    [InlineData("\"a\\\\b\"", "a\\b")]
    [InlineData("\"a\\:b\"", "a:b")]
    [InlineData("\"x|3B|y\"", "x;y")]
    public void Parse_ContentEncodings_DecodeToBytes(string content, string expected)
    {
        var rule = TestRules.Parse($"alert tcp any any -> any any (msg:\"m\"; content:{content}; sid:1;)");

        Assert.Equal(Encoding.Latin1.GetBytes(expected), rule.Contents[0].Pattern.ToArray());
    }

    [Fact]
    public void Parse_ContentModifiers_AreRecorded()
    {
        var rule = TestRules.Parse("alert tcp any any -> any any (msg:\"m\"; content:!\"AbC\"; nocase; offset:2; depth:10; content:\"x\"; distance:-1; within:5; fast_pattern; sid:1;)");

        var first = rule.Contents[0];
        Assert.True(first.Negated);
        Assert.True(first.NoCase);
        Assert.Equal("abc"u8.ToArray(), first.FoldedPattern.ToArray());
        Assert.Equal(2, first.Offset);
        Assert.Equal(10, first.Depth);
        Assert.False(first.IsRelative);
        var second = rule.Contents[1];
        Assert.True(second.IsRelative);
        Assert.Equal(-1, second.Distance);
        Assert.Equal(5, second.Within);
        Assert.True(second.FastPattern);
    }

    [Fact]
    public void Parse_MetaOptions_FillRuleModel()
    {
        var rule = TestRules.Parse("alert tcp any any -> any any (msg:\"Bad \\\"thing\\\"\"; flow:established,to_server; reference:cve,2021-44228; reference:url,example.com/a; metadata:created_at 2021_12_10, former_category EXPLOIT; classtype:trojan-activity; gid:3; sid:42; rev:7;)");

        Assert.Equal("Bad \"thing\"", rule.Message);
        Assert.Equal(FlowOptions.Established | FlowOptions.ToServer, rule.Flow);
        Assert.Equal(new RuleReference("cve", "2021-44228"), rule.References[0]);
        Assert.Equal(2, rule.References.Count);
        Assert.Equal(new KeyValuePair<string, string>("former_category", "EXPLOIT"), rule.Metadata[1]);
        Assert.Equal("trojan-activity", rule.ClassType);
        Assert.Equal("A Network Trojan was detected", rule.Category);
        Assert.Equal(1, rule.Priority);
        Assert.Equal((3L, 42L, 7), (rule.Gid, rule.Sid, rule.Rev));
    }

    [Theory]
    [InlineData("classtype:misc-activity; priority:1;", 1)]
    [InlineData("classtype:misc-activity;", 3)]
    [InlineData("classtype:bad-unknown;", 2)]
    [InlineData("", 3)]
    public void Parse_Priority_ExplicitThenClasstypeThenThree(string options, int expected)
    {
        var rule = TestRules.Parse($"alert tcp any any -> any any (msg:\"m\"; {options} sid:1;)");

        Assert.Equal(expected, rule.Priority);
    }

    [Theory]
    // text, column, message fragment, sid
    [InlineData("alart tcp any any -> any any (msg:\"m\"; sid:5;)", 1, "unknown action 'alart'", 5L)]
    [InlineData("alert smtp any any -> any any (msg:\"m\"; sid:5;)", 7, "unsupported protocol 'smtp' (rustids has no smtp parser)", 5L)]
    [InlineData("alert foo (msg:\"m\"; sid:6;)", 7, "unsupported protocol 'foo'", 6L)]
    [InlineData("alert tcp 1.2.3.400 any -> any any (msg:\"m\"; sid:5;)", 11, "invalid address '1.2.3.400'", 5L)]
    [InlineData("alert tcp [1.1.1.1,2.2.2.2 any -> any any (msg:\"m\"; sid:5;)", 28, "expected ',' or ']'", 5L)]
    [InlineData("alert tcp 10.0.0.9-10.0.0.5 any -> any any (msg:\"m\"; sid:5;)", 11, "range '10.0.0.9-10.0.0.5' ends before it starts", 5L)]
    [InlineData("alert tcp 10.0.0.1-2001:db8::1 any -> any any (msg:\"m\"; sid:5;)", 11, "mixes IPv4 and IPv6", 5L)]
    [InlineData("alert tcp [1.1.1.1,10.0.0.1-10.0.0.x] any -> any any (msg:\"m\"; sid:5;)", 29, "invalid address '10.0.0.x' in range", 5L)]
    [InlineData("alert tcp 10.0.0.1-10.0.0.3-10.0.0.4 any -> any any (msg:\"m\"; sid:5;)", 20, "invalid address '10.0.0.3-10.0.0.4' in range", 5L)]
    [InlineData("alert tcp $NOPE any -> any any (msg:\"m\"; sid:5;)", 11, "unknown variable '$NOPE'", 5L)]
    [InlineData("alert tcp [10.0.0.1,$NOPE] any -> any any (msg:\"m\"; sid:5;)", 21, "unknown variable '$NOPE'", 5L)]
    [InlineData("alert tcp any 70000 -> any any (msg:\"m\"; sid:5;)", 15, "invalid port '70000'", 5L)]
    [InlineData("alert tcp any 90:80 -> any any (msg:\"m\"; sid:5;)", 15, "reversed", 5L)]
    [InlineData("alert tcp any any <- any any (msg:\"m\"; sid:5;)", 19, "invalid direction '<-'", 5L)]
    [InlineData("alert tcp any any -> any any msg:\"m\"; sid:5;)", 30, "expected '('", null)]
    [InlineData("alert tcp any any -> any any (msg:\"m\"; sid:5;", 46, "expected ')'", 5L)]
    [InlineData("alert tcp any any -> any any (msg:\"m\"; asn1:oversize_length 10; sid:9;)", 40, "unsupported keyword 'asn1'", 9L)]
    [InlineData("alert tcp any any -> any any (msg:\"m\"; content:\"a|4|\"; sid:9;)", 51, "odd number of hex digits", 9L)]
    [InlineData("alert tcp any any -> any any (msg:\"m\"; content:\"a|41\"; sid:9;)", 50, "unterminated hex block", 9L)]
    [InlineData("alert tcp any any -> any any (msg:\"m\"; content:\"a\\x\"; sid:9;)", 50, "invalid escape", 9L)]
    [InlineData("alert tcp any any -> any any (msg:\"m\"; content:abc; sid:9;)", 48, "quoted string", 9L)]
    [InlineData("alert tcp any any -> any any (msg:\"m\"; content:\"x\",depth 4,bogus; sid:9;)", 60, "unsupported content modifier 'bogus'", 9L)]
    [InlineData("alert tcp any any -> any any (msg:\"m\"; nocase; sid:9;)", 40, "needs a preceding content", 9L)]
    [InlineData("alert tcp any any -> any any (msg:\"m\"; content:\"abcd\"; depth:3; sid:9;)", 62, "shorter than the content", 9L)]
    [InlineData("alert tcp any any -> any any (msg:\"m\"; content:\"a\"; offset:1; distance:1; sid:9;)", 63, "cannot be combined", 9L)]
    [InlineData("alert tcp any any -> any any (msg:\"m\"; flow:to_server,sideways; sid:9;)", 55, "unsupported flow option 'sideways'", 9L)]
    [InlineData("alert tcp any any -> any any (msg:\"m\"; stream_size:sideways,<,5; sid:9;)", 52, "unknown side 'sideways'", 9L)]
    [InlineData("alert tcp any any -> any any (msg:\"m\"; stream_size:server,<>,5; sid:9;)", 59, "unknown comparison '<>'", 9L)]
    [InlineData("alert tcp any any -> any any (msg:\"m\"; stream_size:server,<,x; sid:9;)", 61, "stream_size: invalid number", 9L)]
    [InlineData("alert tcp any any -> any any (msg:\"m\"; stream_size:server,<; sid:9;)", 52, "expected 'server|client|both|either", 9L)]
    [InlineData("alert tcp any any -> any any (msg:\"m\"; flow:only_stream,no_stream; sid:9;)", 57, "flow option 'no_stream' contradicts", 9L)]
    [InlineData("alert tcp any any -> any any (msg:\"m\"; sid:abc;)", 44, "invalid value 'abc' for 'sid'", null)]
    [InlineData("alert tcp any any -> any any (msg:\"m\"; rev:1;)", 1, "rule has no sid", null)]
    public void Parse_InvalidRule_ReportsColumnMessageAndSid(string text, int column, string fragment, long? sid)
    {
        var diagnostics = TestRules.Errors(text);

        var error = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Equal(sid, error.Sid);
    }

    [Fact]
    public void Parse_SeveralUnsupportedKeywords_ReportsEachOnceAtItsColumn()
    {
        var diagnostics = TestRules.Errors("alert tcp any any -> any any (msg:\"m\"; xbits:set,a; content:\"a\"; base64_data; xbits:set,b; sid:77;)");

        Assert.Equal(["unsupported keyword 'xbits'", "unsupported keyword 'base64_data'"], diagnostics.Select(d => d.Message));
        Assert.Equal([40, 66], diagnostics.Select(d => d.Column));
        Assert.All(diagnostics, d => Assert.Equal(77L, d.Sid));
    }

    [Fact]
    public void ToString_Error_IsCompilerStyle()
    {
        var diagnostic = new RuleDiagnostic("a.rules", 3, 14, 2001, DiagnosticSeverity.Error, RuleDiagnosticKind.Unsupported, "unsupported keyword 'pcre'");

        Assert.Equal("a.rules:3:14: error: unsupported keyword 'pcre' [sid 2001]", diagnostic.ToString());
        Assert.Equal("a.rules:3:14: warning: x", new RuleDiagnostic("a.rules", 3, 14, null, DiagnosticSeverity.Warning, RuleDiagnosticKind.Semantic, "x").ToString());
    }

    [Fact]
    public void Parse_UnknownClasstype_WarnsButLoads()
    {
        var diagnostics = new List<RuleDiagnostic>();
        var rule = new RuleParser().Parse("alert tcp any any -> any any (msg:\"m\"; classtype:made-up; sid:1;)", "t", 1, diagnostics);

        Assert.NotNull(rule);
        var warning = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(50, warning.Column);
    }

    [Fact]
    public void Parse_OverriddenVariable_IsUsedByDependants()
    {
        var variables = RuleVariables.CreateDefault();
        variables.Set("HOME_NET", "[203.0.113.0/24]");
        var rule = new RuleParser(variables).Parse("alert tcp $EXTERNAL_NET any -> $HTTP_SERVERS any (msg:\"m\"; sid:1;)", "t", 1, new List<RuleDiagnostic>())!;

        Assert.True(rule.Destination.Matches(TestRules.Ip("203.0.113.9")));
        Assert.False(rule.Source.Matches(TestRules.Ip("203.0.113.9")));
        Assert.True(rule.Source.Matches(TestRules.Ip("10.0.0.1")));
    }

    [Fact]
    public void Parse_CyclicVariable_ReportsInsteadOfRecursingForever()
    {
        var variables = new RuleVariables();
        variables.Set("A", "$B");
        variables.Set("B", "[$A]");
        var diagnostics = new List<RuleDiagnostic>();

        var rule = new RuleParser(variables).Parse("alert tcp $A any -> any any (msg:\"m\"; sid:1;)", "t", 1, diagnostics);

        Assert.Null(rule);
        Assert.Contains("nests too deeply", Assert.Single(diagnostics).Message, StringComparison.Ordinal);
        Assert.Equal(11, diagnostics[0].Column);
    }
}
