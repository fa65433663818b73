using System.Globalization;
using System.Text;

namespace RustIds.Rules;

/// <summary>Parses the option list of one rule, from its '(' to the final ')'.</summary>
internal sealed class RuleOptionParser
{
    private const int DefaultPriority = 3;

    private readonly RuleParseSession _session;
    private readonly ClassificationTable _classifications;
    private readonly List<ContentBuilder> _contents = [];
    private readonly List<RuleReference> _references = [];
    private readonly List<KeyValuePair<string, string>> _metadata = [];
    private readonly HashSet<string> _unsupported = new(StringComparer.Ordinal);
    private long _gid = 1;
    private long? _sid;
    private int _rev;
    private string? _message;
    private string? _classType;
    private string? _category;
    private int? _classPriority;
    private int? _priority;
    private FlowOptions _flow;

    private RuleOptionParser(RuleParseSession session, ClassificationTable classifications)
    {
        _session = session;
        _classifications = classifications;
    }

    public static RuleBody? Parse(RuleParseSession session, ClassificationTable classifications, int open, int ruleAt)
    {
        var options = Split(session, open);
        if (options is null)
            return null;
        var parser = new RuleOptionParser(session, classifications);
        foreach (var option in options)
            parser.Apply(option);
        return parser.Finish(ruleAt);
    }

    /// <summary>Splits <c>kw:value; kw;</c> items; values end at the first unescaped ';' (Suricata's rule).</summary>
    private static List<RuleOption>? Split(RuleParseSession session, int open)
    {
        var text = session.Text;
        var close = text.LastIndexOf(')');
        if (close < open)
        {
            session.Error(text.TrimEnd().Length, RuleDiagnosticKind.Syntax, "expected ')' at the end of the rule");
            return null;
        }
        for (var k = close + 1; k < text.Length; k++)
        {
            if (!char.IsWhiteSpace(text[k]))
            {
                session.Error(k, RuleDiagnosticKind.Syntax, "unexpected text after ')'");
                return null;
            }
        }
        var options = new List<RuleOption>();
        var pos = open + 1;
        while (true)
        {
            while (pos < close && char.IsWhiteSpace(text[pos]))
                pos++;
            if (pos >= close)
                return options;
            var keywordAt = pos;
            while (pos < close && text[pos] is not (':' or ';') && !char.IsWhiteSpace(text[pos]))
                pos++;
            var keyword = text[keywordAt..pos];
            if (keyword.Length == 0)
            {
                session.Error(pos, RuleDiagnosticKind.Syntax, $"expected an option keyword but found '{text[pos]}'");
                return null;
            }
            while (pos < close && char.IsWhiteSpace(text[pos]))
                pos++;
            string? value = null;
            var valueAt = pos;
            if (pos < close && text[pos] == ':')
            {
                pos++;
                while (pos < close && char.IsWhiteSpace(text[pos]))
                    pos++;
                valueAt = pos;
                while (pos < close && text[pos] != ';')
                    pos += text[pos] == '\\' ? 2 : 1;
                pos = Math.Min(pos, close);
                value = text[valueAt..pos].TrimEnd();
            }
            if (pos < close && text[pos] == ';')
            {
                pos++;
            }
            else
            {
                session.Error(pos, RuleDiagnosticKind.Syntax, $"expected ';' after option '{keyword}'");
                return null;
            }
            options.Add(new RuleOption(keyword, keywordAt, value, valueAt));
        }
    }

    private void Apply(RuleOption option)
    {
        switch (option.Keyword)
        {
            case "msg":
                if (RequireValue(option) is { } msg)
                    _message = Unquote(msg);
                break;
            case "sid":
                _sid = ParseNumber(option, 1, uint.MaxValue);
                break;
            case "rev":
                _rev = (int)(ParseNumber(option, 0, int.MaxValue) ?? 0);
                break;
            case "gid":
                _gid = ParseNumber(option, 1, uint.MaxValue) ?? 1;
                break;
            case "priority":
                _priority = (int?)ParseNumber(option, 1, 255);
                break;
            case "classtype":
                ApplyClassType(option);
                break;
            case "reference":
                ApplyReference(option);
                break;
            case "metadata":
                ApplyMetadata(option);
                break;
            case "content":
                if (RequireValue(option) is { } content && ContentStringParser.Parse(_session, content, option.ValueAt, out var negated) is { } bytes)
                    _contents.Add(new ContentBuilder(bytes, negated, option.KeywordAt));
                break;
            case "nocase" or "fast_pattern" or "offset" or "depth" or "distance" or "within":
                ApplyModifier(option);
                break;
            case "flow":
                ApplyFlow(option);
                break;
            default:
                if (_unsupported.Add(option.Keyword))
                    _session.Error(option.KeywordAt, RuleDiagnosticKind.Unsupported, $"unsupported keyword '{option.Keyword}'");
                break;
        }
    }

    private RuleBody? Finish(int ruleAt)
    {
        if (_sid is null && _session.ErrorCount == 0)
            _session.Error(ruleAt, RuleDiagnosticKind.Semantic, "rule has no sid");
        if (_message is null && _session.ErrorCount == 0)
            _session.Error(ruleAt, RuleDiagnosticKind.Semantic, "rule has no msg");
        if (_session.ErrorCount > 0 || _sid is null || _message is null)
            return null;
        var contents = _contents.ConvertAll(c => c.Build());
        var priority = _priority ?? _classPriority ?? DefaultPriority;
        return new RuleBody(_gid, _sid.Value, _rev, _message, _classType, _category, priority, _references, _metadata, contents, _flow);
    }

    private void ApplyClassType(RuleOption option)
    {
        if (RequireValue(option) is not { } name)
            return;
        _classType = name;
        if (_classifications.TryGet(name, out var classification) && classification is not null)
        {
            _category = classification.Description;
            _classPriority = classification.Priority;
        }
        else
        {
            _session.Warning(option.ValueAt, RuleDiagnosticKind.Semantic, $"unknown classtype '{name}'");
        }
    }

    private void ApplyReference(RuleOption option)
    {
        if (RequireValue(option) is not { } value)
            return;
        var comma = value.IndexOf(',', StringComparison.Ordinal);
        if (comma <= 0)
        {
            _session.Error(option.ValueAt, RuleDiagnosticKind.Syntax, "reference must be 'system,id'");
            return;
        }
        _references.Add(new RuleReference(value[..comma].Trim(), value[(comma + 1)..].Trim()));
    }

    private void ApplyMetadata(RuleOption option)
    {
        if (RequireValue(option) is not { } value)
            return;
        foreach (var entry in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var space = entry.IndexOf(' ', StringComparison.Ordinal);
            _metadata.Add(space < 0 ? new(entry, string.Empty) : new(entry[..space], entry[(space + 1)..].Trim()));
        }
    }

    private void ApplyFlow(RuleOption option)
    {
        if (RequireValue(option) is not { } value)
            return;
        var at = option.ValueAt;
        foreach (var part in value.Split(','))
        {
            var word = part.Trim();
            var wordAt = at + part.Length - part.TrimStart().Length;
            at += part.Length + 1;
            FlowOptions flag = word switch
            {
                "to_server" or "from_client" => FlowOptions.ToServer,
                "to_client" or "from_server" => FlowOptions.ToClient,
                "established" => FlowOptions.Established,
                "not_established" => FlowOptions.NotEstablished,
                "stateless" => FlowOptions.Stateless,
                _ => FlowOptions.None,
            };
            if (flag == FlowOptions.None)
            {
                _session.Error(wordAt, RuleDiagnosticKind.Unsupported, $"unsupported flow option '{word}'");
                continue;
            }
            _flow |= flag;
            if ((_flow & (FlowOptions.ToServer | FlowOptions.ToClient)) == (FlowOptions.ToServer | FlowOptions.ToClient)
                || (_flow & (FlowOptions.Established | FlowOptions.NotEstablished)) == (FlowOptions.Established | FlowOptions.NotEstablished))
            {
                _session.Error(wordAt, RuleDiagnosticKind.Semantic, $"flow option '{word}' contradicts an earlier one");
            }
        }
    }

    private void ApplyModifier(RuleOption option)
    {
        if (_contents.Count == 0)
        {
            _session.Error(option.KeywordAt, RuleDiagnosticKind.Semantic, $"'{option.Keyword}' needs a preceding content");
            return;
        }
        var content = _contents[^1];
        switch (option.Keyword)
        {
            case "nocase":
                content.NoCase = true;
                return;
            case "fast_pattern":
                content.FastPattern = true;
                return;
        }
        if (RequireValue(option) is not { } text)
            return;
        if (text.Length > 0 && (char.IsAsciiLetter(text[0]) || text[0] == '_'))
        {
            _session.Error(option.ValueAt, RuleDiagnosticKind.Unsupported, $"variable '{text}' in '{option.Keyword}' is not supported");
            return;
        }
        var isRelative = option.Keyword is "distance" or "within";
        var min = option.Keyword switch { "distance" => -65535, "offset" => 0, _ => 1 };
        if (ParseNumber(option, min, 65535) is not { } number)
            return;
        var value = (int)number;
        if (isRelative ? content.Offset is not null || content.Depth is not null : content.Distance is not null || content.Within is not null)
        {
            _session.Error(option.KeywordAt, RuleDiagnosticKind.Semantic, $"'{option.Keyword}' cannot be combined with {(isRelative ? "offset/depth" : "distance/within")} on the same content");
            return;
        }
        var already = option.Keyword switch
        {
            "offset" => content.Offset is not null,
            "depth" => content.Depth is not null,
            "distance" => content.Distance is not null,
            _ => content.Within is not null,
        };
        if (already)
        {
            _session.Error(option.KeywordAt, RuleDiagnosticKind.Semantic, $"'{option.Keyword}' given twice for one content");
            return;
        }
        if (option.Keyword is "depth" or "within" && value < content.Pattern.Length)
        {
            _session.Error(option.ValueAt, RuleDiagnosticKind.Semantic, $"{option.Keyword} {value} is shorter than the content ({content.Pattern.Length} bytes)");
            return;
        }
        switch (option.Keyword)
        {
            case "offset": content.Offset = value; break;
            case "depth": content.Depth = value; break;
            case "distance": content.Distance = value; break;
            default: content.Within = value; break;
        }
    }

    private string? RequireValue(RuleOption option)
    {
        if (!string.IsNullOrEmpty(option.Value))
            return option.Value;
        _session.Error(option.KeywordAt, RuleDiagnosticKind.Syntax, $"'{option.Keyword}' needs a value");
        return null;
    }

    private long? ParseNumber(RuleOption option, long min, long max)
    {
        if (RequireValue(option) is not { } text)
            return null;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
            return number;
        _session.Error(option.ValueAt, RuleDiagnosticKind.Syntax, $"invalid value '{text}' for '{option.Keyword}' (expected {min}..{max})");
        return null;
    }

    /// <summary>Strips quotes and backslash escapes from a msg value.</summary>
    private static string Unquote(string value)
    {
        var inner = value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
        if (!inner.Contains('\\', StringComparison.Ordinal))
            return inner;
        var builder = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length)
                i++;
            builder.Append(inner[i]);
        }
        return builder.ToString();
    }
}
