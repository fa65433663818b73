using RustIds.Packets.AppLayer;

namespace RustIds.Rules;

/// <summary>Parses <c>action proto src sport dir dst dport</c> up to the opening parenthesis.</summary>
internal static class RuleHeaderParser
{
    // App-layer protocols Suricata and Snort know that rustids has no parser for: named in the diagnostic.
    private static readonly HashSet<string> UnparsedAppProtocols = new(StringComparer.Ordinal)
    {
        "smtp", "ftp", "ftp-data", "smb", "dcerpc", "nfs", "krb5", "ikev2", "ike", "tftp", "dhcp", "snmp", "sip",
        "rdp", "rfb", "dnp3", "modbus", "enip", "http2", "imap", "pop3", "pgsql", "telnet", "quic", "websocket",
        "ldap", "bittorrent-dht", "ntp", "file", "netbios-ssn",
    };

    /// <summary>Maps a header protocol word to the transport and the app-layer protocol it implies.</summary>
    public static bool TryProtocol(string word, out RuleProtocol protocol, out AppProtocol appProtocol, out PayloadScope scope)
    {
        scope = PayloadScope.PacketAndStream;
        appProtocol = AppProtocol.Unknown;
        protocol = RuleProtocol.Ip;
        switch (word)
        {
            case "ip" or "ipv4" or "ipv6" or "pkthdr": return true;
            case "tcp": protocol = RuleProtocol.Tcp; return true;
            case "tcp-stream": protocol = RuleProtocol.Tcp; scope = PayloadScope.StreamOnly; return true;
            case "tcp-pkt": protocol = RuleProtocol.Tcp; scope = PayloadScope.PacketOnly; return true;
            case "udp": protocol = RuleProtocol.Udp; return true;
            case "icmp" or "icmpv4" or "icmpv6": protocol = RuleProtocol.Icmp; return true;
            case "http" or "http1": protocol = RuleProtocol.Tcp; appProtocol = AppProtocol.Http; return true;
            case "tls" or "ssl": protocol = RuleProtocol.Tcp; appProtocol = AppProtocol.Tls; return true;
            case "ssh": protocol = RuleProtocol.Tcp; appProtocol = AppProtocol.Ssh; return true;
            case "mqtt": protocol = RuleProtocol.Tcp; appProtocol = AppProtocol.Mqtt; return true;
            case "dns": appProtocol = AppProtocol.Dns; return true;
            case "coap": protocol = RuleProtocol.Udp; appProtocol = AppProtocol.Coap; return true;
            default: return false;
        }
    }

    public static RuleHeader? Parse(RuleParseSession session, RuleVariables variables, out int optionsOpen)
    {
        optionsOpen = -1;
        var text = session.Text;
        var pos = 0;

        var (action, actionAt) = NextToken(text, ref pos);
        RuleAction ruleAction;
        switch (action)
        {
            case "alert": ruleAction = RuleAction.Alert; break;
            case "drop": ruleAction = RuleAction.Drop; break;
            case "reject": ruleAction = RuleAction.Reject; break;
            case "pass": ruleAction = RuleAction.Pass; break;
            case "rejectsrc" or "rejectdst" or "rejectboth": ruleAction = RuleAction.Reject; break;
            case "sdrop": ruleAction = RuleAction.Drop; break;
            default:
                session.Error(actionAt, RuleDiagnosticKind.Syntax, action.Length == 0 ? "expected a rule action" : $"unknown action '{action}'");
                return null;
        }

        var (protocol, protocolAt) = NextToken(text, ref pos);
        if (protocol.Length == 0)
        {
            session.Error(protocolAt, RuleDiagnosticKind.Syntax, "expected a protocol");
            return null;
        }
        var known = TryProtocol(protocol.ToLowerInvariant(), out var ruleProtocol, out var appProtocol, out var scope);
        if (!known)
        {
            // Keep parsing a full header so the options are checked too (and their unsupported keywords counted).
            var message = UnparsedAppProtocols.Contains(protocol.ToLowerInvariant())
                ? $"unsupported protocol '{protocol}' (rustids has no {protocol} parser)"
                : $"unsupported protocol '{protocol}'";
            session.Unsupported(protocolAt, $"protocol {protocol.ToLowerInvariant()}", message);
        }

        var afterProtocol = pos;
        while (afterProtocol < text.Length && char.IsWhiteSpace(text[afterProtocol]))
            afterProtocol++;
        if (afterProtocol < text.Length && text[afterProtocol] == '(')
        {
            // Snort 3 headerless rule: any address, any port, either direction.
            optionsOpen = afterProtocol;
            if (session.ErrorCount > 0)
                return null;
            return new RuleHeader(ruleAction, ruleProtocol, AddressMatcher.Any, PortMatcher.Any, AddressMatcher.Any, PortMatcher.Any, Bidirectional: false)
            {
                AppProtocol = appProtocol,
                Headerless = true,
                Scope = scope,
            };
        }

        var source = ParseAddress(session, variables, text, ref pos, "source address");
        var sourcePorts = source is null ? null : ParsePorts(session, variables, text, ref pos, "source port");
        if (sourcePorts is null)
            return null;

        var (direction, directionAt) = NextToken(text, ref pos);
        if (direction is not ("->" or "<>"))
        {
            session.Error(directionAt, RuleDiagnosticKind.Syntax, direction.Length == 0 ? "expected a direction ('->' or '<>')" : $"invalid direction '{direction}' (expected '->' or '<>')");
            return null;
        }

        var destination = ParseAddress(session, variables, text, ref pos, "destination address");
        var destinationPorts = destination is null ? null : ParsePorts(session, variables, text, ref pos, "destination port");
        if (destinationPorts is null)
            return null;

        while (pos < text.Length && char.IsWhiteSpace(text[pos]))
            pos++;
        if (pos >= text.Length || text[pos] != '(')
        {
            session.Error(pos, RuleDiagnosticKind.Syntax, "expected '(' to start the rule options");
            return null;
        }
        optionsOpen = pos;
        if (session.ErrorCount > 0)
            return null;
        return new RuleHeader(ruleAction, ruleProtocol, source!, sourcePorts, destination!, destinationPorts, direction == "<>")
        {
            AppProtocol = appProtocol,
            Scope = scope,
        };
    }

    private static AddressMatcher? ParseAddress(RuleParseSession session, RuleVariables variables, string text, ref int pos, string what)
    {
        var (token, at) = NextToken(text, ref pos);
        if (token.Length == 0)
        {
            session.Error(at, RuleDiagnosticKind.Syntax, $"expected {what}");
            return null;
        }
        var parser = SpecParser.ParseAddress(token, variables, out var matcher);
        if (matcher is null)
            session.Error(at + parser.ErrorOffset, parser.ErrorIsSemantic ? RuleDiagnosticKind.Semantic : RuleDiagnosticKind.Syntax, $"{what}: {parser.Error}");
        return matcher;
    }

    private static PortMatcher? ParsePorts(RuleParseSession session, RuleVariables variables, string text, ref int pos, string what)
    {
        var (token, at) = NextToken(text, ref pos);
        if (token.Length == 0)
        {
            session.Error(at, RuleDiagnosticKind.Syntax, $"expected {what}");
            return null;
        }
        var parser = SpecParser.ParsePorts(token, variables, out var matcher);
        if (matcher is null)
            session.Error(at + parser.ErrorOffset, parser.ErrorIsSemantic ? RuleDiagnosticKind.Semantic : RuleDiagnosticKind.Syntax, $"{what}: {parser.Error}");
        return matcher;
    }

    /// <summary>Next whitespace-separated token; brackets nest so lists may contain spaces; stops at '('.</summary>
    private static (string Token, int At) NextToken(string text, ref int pos)
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos]))
            pos++;
        var start = pos;
        var depth = 0;
        while (pos < text.Length)
        {
            var c = text[pos];
            if (c == '[')
                depth++;
            else if (c == ']')
                depth--;
            else if (depth <= 0 && (char.IsWhiteSpace(c) || c == '('))
                break;
            pos++;
        }
        return (text[start..pos], start);
    }
}
