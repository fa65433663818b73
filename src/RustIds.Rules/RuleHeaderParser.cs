namespace RustIds.Rules;

/// <summary>Parses <c>action proto src sport dir dst dport</c> up to the opening parenthesis.</summary>
internal static class RuleHeaderParser
{
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
            default:
                session.Error(actionAt, RuleDiagnosticKind.Syntax, action.Length == 0 ? "expected a rule action" : $"unknown action '{action}'");
                return null;
        }

        var (protocol, protocolAt) = NextToken(text, ref pos);
        RuleProtocol ruleProtocol;
        switch (protocol.ToLowerInvariant())
        {
            case "tcp": ruleProtocol = RuleProtocol.Tcp; break;
            case "udp": ruleProtocol = RuleProtocol.Udp; break;
            case "icmp": ruleProtocol = RuleProtocol.Icmp; break;
            case "ip": ruleProtocol = RuleProtocol.Ip; break;
            case "":
                session.Error(protocolAt, RuleDiagnosticKind.Syntax, "expected a protocol");
                return null;
            default:
                // Keep parsing a full header so the options are checked too (and their unsupported keywords counted).
                session.Error(protocolAt, RuleDiagnosticKind.Unsupported, $"unsupported protocol '{protocol}'");
                var next = pos;
                while (next < text.Length && char.IsWhiteSpace(text[next]))
                    next++;
                if (next >= text.Length || text[next] == '(')
                    return null;
                ruleProtocol = RuleProtocol.Ip;
                break;
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
        return new RuleHeader(ruleAction, ruleProtocol, source!, sourcePorts, destination!, destinationPorts, direction == "<>");
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
