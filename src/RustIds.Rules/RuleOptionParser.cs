using System.Globalization;
using System.Text;
using RustIds.Packets.AppLayer;
using RustIds.Rules.Buffers;
using RustIds.Rules.Conditions;
using RustIds.Rules.Flowbits;
using RustIds.Rules.Matching;

namespace RustIds.Rules;

/// <summary>Parses the option list of one rule, from its '(' to the final ')'.</summary>
/// <remarks>
/// Keywords are applied in order: sticky buffers (<c>http.uri;</c>) set the buffer later payload keywords
/// inspect, legacy modifiers (<c>content:"x"; http_uri;</c>) move the content before them, and in Snort 3
/// syntax the content's modifiers follow it after commas. Split over three files: identity and flow options
/// here, payload keywords in <c>RuleOptionParser.Payload.cs</c>, header tests in <c>RuleOptionParser.Conditions.cs</c>.
/// </remarks>
internal sealed partial class RuleOptionParser
{
    private const int DefaultPriority = 3;

    private readonly RuleParseSession _session;
    private readonly ClassificationTable _classifications;
    private readonly List<RuleReference> _references = [];
    private readonly List<KeyValuePair<string, string>> _metadata = [];
    private readonly List<FlowbitOperation> _flowbits = [];
    private readonly List<string> _services = [];
    private readonly List<string> _ignored = [];
    private PayloadScope? _scope;
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
    private bool _noAlert;
    private Thresholds.ThresholdSpec? _threshold;
    private Thresholds.DetectionFilterSpec? _detectionFilter;
    private bool? _targetIsSource;

    private RuleOptionParser(RuleParseSession session, ClassificationTable classifications)
    {
        _session = session;
        _classifications = classifications;
    }

    private bool Snort3 => _session.Snort3;

    public static RuleBody? Parse(RuleParseSession session, ClassificationTable classifications, RuleHeader? header, int open, int ruleAt)
    {
        var options = Split(session, open);
        if (options is null)
            return null;
        session.Snort3 |= header?.Headerless == true || options.Exists(IsSnort3Marker);
        var parser = new RuleOptionParser(session, classifications);
        foreach (var option in options)
            parser.Apply(option);
        return parser.Finish(header, ruleAt);
    }

    /// <summary>Options only Snort 3 writes: <c>service:</c>, or modifiers after a content's closing quote.</summary>
    private static bool IsSnort3Marker(RuleOption option)
    {
        if (option.Keyword == "service")
            return true;
        if (option.Keyword != "content" || option.Value is not { } value)
            return false;
        var close = value.LastIndexOf('"');
        return close > 0 && value.AsSpan(close + 1).TrimStart().StartsWith(",");
    }

    /// <summary>Splits <c>kw:value; kw;</c> items; values end at the first unescaped ';'.</summary>
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
                // Like Suricata: a value ends at the first ';' not escaped with a backslash, quotes or not.
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
        if (TryApplyPayload(option) || TryApplyCondition(option))
            return;
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
            case "flow":
                ApplyFlow(option);
                break;
            case "flowbits":
                ApplyFlowbits(option);
                break;
            case "noalert":
                _noAlert = true;
                break;
            case "threshold" or "detection_filter":
                ApplyThreshold(option);
                break;
            case "target":
                ApplyTarget(option);
                break;
            case "app-layer-protocol":
                ApplyAppLayerProtocol(option);
                break;
            case "service":
                if (RequireValue(option) is { } services)
                    _services.AddRange(services.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                break;
            case "tag" or "rem":
                // tag asks for extra packet logging and rem is a comment: neither changes what matches.
                _ignored.Add(option.Keyword);
                break;
            default:
                Unsupported(option.KeywordAt, option.Keyword);
                break;
        }
    }

    private void Unsupported(int at, string keyword)
    {
        if (_unsupported.Add(keyword))
            _session.Unsupported(at, keyword, $"unsupported keyword '{keyword}'");
    }

    private RuleBody? Finish(RuleHeader? header, int ruleAt)
    {
        if (_sid is null && _session.ErrorCount == 0)
            _session.Error(ruleAt, RuleDiagnosticKind.Semantic, "rule has no sid");
        // msg is optional in Suricata and Snort (suricata-verify's rules often omit it).
        _message ??= string.Empty;
        if (_session.ErrorCount > 0 || _sid is null)
            return null;
        var toClient = (_flow & FlowOptions.ToClient) != 0 ? true : (_flow & FlowOptions.ToServer) != 0 ? false : (bool?)null;
        var buffers = BuildBuffers(toClient);
        if (buffers is null || !ResolveEvent(header, buffers, ruleAt, out var appProtocol, out var txEvent))
            return null;
        var priority = _priority ?? _classPriority ?? DefaultPriority;
        return new RuleBody
        {
            Gid = _gid,
            Sid = _sid.Value,
            Rev = _rev,
            Message = _message,
            ClassType = _classType,
            Category = _category,
            Priority = priority,
            References = _references,
            Metadata = _metadata,
            Flow = _flow,
            Scope = _scope,
            Buffers = buffers,
            Conditions = _conditions,
            Flowbits = _flowbits,
            NoAlert = _noAlert,
            TargetIsSource = _targetIsSource,
            AppProtocol = appProtocol,
            Event = txEvent,
            Services = _services,
            Threshold = _threshold,
            DetectionFilter = _detectionFilter,
            IgnoredKeywords = _ignored,
        };
    }

    /// <summary>Checks the buffers belong to one protocol and one event, consistent with the header and the flow direction.</summary>
    private bool ResolveEvent(RuleHeader? header, List<BufferInspection> buffers, int ruleAt, out AppProtocol appProtocol, out TxEvent txEvent)
    {
        appProtocol = AppProtocol.Unknown;
        txEvent = TxEvent.None;
        foreach (var inspection in buffers)
        {
            var kind = inspection.Buffer;
            if (kind == BufferKind.Packet)
                continue;
            var protocol = BufferCatalog.ProtocolOf(kind);
            var bufferEvent = BufferCatalog.EventOf(kind);
            var name = BufferName(kind);
            if (header is { AppProtocol: not AppProtocol.Unknown } && header.AppProtocol != protocol)
            {
                _session.Error(ruleAt, RuleDiagnosticKind.Semantic, $"buffer '{name}' is {protocol.ToString().ToLowerInvariant()}, but the rule header says {header.AppProtocol.ToString().ToLowerInvariant()}");
                return false;
            }
            var needsTcp = protocol != AppProtocol.Dns;
            if (header is not null && (header.Protocol == RuleProtocol.Icmp || (needsTcp && header.Protocol == RuleProtocol.Udp)))
            {
                _session.Error(ruleAt, RuleDiagnosticKind.Semantic, $"buffer '{name}' needs TCP, but the rule header says {header.Protocol.ToString().ToLowerInvariant()}");
                return false;
            }
            if (appProtocol != AppProtocol.Unknown && appProtocol != protocol)
            {
                _session.Error(ruleAt, RuleDiagnosticKind.Semantic, $"buffer '{name}' ({protocol.ToString().ToLowerInvariant()}) cannot be combined with {appProtocol.ToString().ToLowerInvariant()} buffers");
                return false;
            }
            appProtocol = protocol;
            var isHttp = bufferEvent <= TxEvent.HttpResponseComplete;
            if (txEvent != TxEvent.None && txEvent != bufferEvent && !isHttp)
            {
                _session.Unsupported(ruleAt, "buffers of two messages", $"buffer '{name}' comes from a different message than the rule's other buffers (not supported)");
                return false;
            }
            txEvent = (TxEvent)Math.Max((int)txEvent, (int)bufferEvent);
            if ((_flow & FlowOptions.ToServer) != 0 && BufferCatalog.IsResponseSide(kind))
            {
                _session.Error(ruleAt, RuleDiagnosticKind.Semantic, $"buffer '{name}' is sent by the server, but the rule says flow:to_server");
                return false;
            }
        }
        return true;
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

    private void ApplyTarget(RuleOption option)
    {
        switch (RequireValue(option)?.Trim())
        {
            case null: return;
            case "src_ip": _targetIsSource = true; return;
            case "dest_ip": _targetIsSource = false; return;
            default:
                _session.Error(option.ValueAt, RuleDiagnosticKind.Syntax, "target must be src_ip or dest_ip");
                return;
        }
    }

    private void ApplyAppLayerProtocol(RuleOption option)
    {
        if (RequireValue(option) is not { } value)
            return;
        var negated = value.StartsWith('!');
        var name = value.TrimStart('!').Trim().ToLowerInvariant();
        if (!RuleHeaderParser.TryProtocol(name, out _, out var protocol, out _) || protocol == AppProtocol.Unknown)
        {
            _session.Unsupported(option.ValueAt, $"app-layer-protocol:{name}", $"app-layer-protocol '{name}' has no parser in rustids");
            return;
        }
        _conditions.Add(new AppProtocolCondition(protocol, negated));
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
                "only_stream" or "no_stream" or "no_frag" or "only_frag" => FlowOptions.Stateless,
                _ => FlowOptions.None,
            };
            if (flag == FlowOptions.None)
            {
                _session.Unsupported(wordAt, $"flow:{word}", $"unsupported flow option '{word}'");
                continue;
            }
            if (word is "only_stream" or "no_stream")
            {
                var scope = word == "only_stream" ? PayloadScope.StreamOnly : PayloadScope.PacketOnly;
                if (_scope is { } earlier && earlier != scope)
                    _session.Error(wordAt, RuleDiagnosticKind.Semantic, $"flow option '{word}' contradicts an earlier one");
                _scope = scope;
                continue;
            }
            if (word is "no_frag" or "only_frag")
            {
                // Defragmented datagrams are inspected as packets; these narrow nothing here.
                _ignored.Add("flow:" + word);
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

    private void ApplyThreshold(RuleOption option)
    {
        if (RequireValue(option) is not { } value)
            return;
        var filter = option.Keyword == "detection_filter";
        if (filter ? _detectionFilter is not null : _threshold is not null)
        {
            _session.Error(option.KeywordAt, RuleDiagnosticKind.Semantic, $"'{option.Keyword}' given twice");
            return;
        }
        string? error;
        int errorAt;
        var parsed = filter
            ? Thresholds.ThresholdOptionParser.TryParseDetectionFilter(value, out _detectionFilter, out error, out errorAt)
            : Thresholds.ThresholdOptionParser.TryParseThreshold(value, out _threshold, out error, out errorAt);
        if (!parsed)
            _session.Error(option.ValueAt + errorAt, RuleDiagnosticKind.Syntax, $"{option.Keyword}: {error}");
    }

    private void ApplyFlowbits(RuleOption option)
    {
        if (RequireValue(option) is not { } value)
            return;
        var comma = value.IndexOf(',', StringComparison.Ordinal);
        var verb = (comma < 0 ? value : value[..comma]).Trim();
        var names = comma < 0 ? string.Empty : value[(comma + 1)..].Trim();
        FlowbitCommand command;
        switch (verb)
        {
            case "noalert":
                _noAlert = true;
                return;
            case "set": command = FlowbitCommand.Set; break;
            case "unset": command = FlowbitCommand.Unset; break;
            case "toggle": command = FlowbitCommand.Toggle; break;
            case "isset": command = FlowbitCommand.IsSet; break;
            case "isnotset": command = FlowbitCommand.IsNotSet; break;
            default:
                _session.Unsupported(option.ValueAt, $"flowbits:{verb}", $"unsupported flowbits command '{verb}'");
                return;
        }
        if (names.Length == 0)
        {
            _session.Error(option.ValueAt + value.Length, RuleDiagnosticKind.Syntax, $"flowbits:{verb} needs a name");
            return;
        }
        var anyOf = names.Contains('|', StringComparison.Ordinal);
        if (anyOf && names.Contains('&', StringComparison.Ordinal))
        {
            _session.Error(option.ValueAt + comma + 1, RuleDiagnosticKind.Syntax, "flowbits names cannot mix '|' and '&'");
            return;
        }
        if (anyOf && command is not (FlowbitCommand.IsSet or FlowbitCommand.IsNotSet))
        {
            _session.Error(option.ValueAt + comma + 1, RuleDiagnosticKind.Semantic, $"'|' only works with isset and isnotset, not {verb}");
            return;
        }
        var list = names.Split(anyOf ? '|' : '&', StringSplitOptions.TrimEntries);
        foreach (var name in list)
        {
            if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || c is ',' or ';'))
            {
                _session.Error(option.ValueAt + comma + 1, RuleDiagnosticKind.Syntax, $"invalid flowbit name '{name}'");
                return;
            }
        }
        _flowbits.Add(new FlowbitOperation(command, list, anyOf));
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
