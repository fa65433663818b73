using RustIds.Rules.ByteOps;
using RustIds.Rules.Buffers;
using RustIds.Rules.Conditions;
using RustIds.Rules.Matching;

namespace RustIds.Rules;

/// <summary>Payload keywords: buffers, content and its modifiers, transforms, buffer sizes.</summary>
internal sealed partial class RuleOptionParser
{
    private static readonly LogicalBuffer PacketBuffer = new(BufferKind.Packet, "pkt_data");
    private static readonly LogicalBuffer UriBuffer = new(BufferKind.HttpUri, "http.uri");
    private static readonly LogicalBuffer RawUriBuffer = new(BufferKind.HttpUriRaw, "http.uri.raw");

    private readonly List<PendingStep> _steps = [];
    private readonly Dictionary<string, BufferTransforms> _transforms = new(StringComparer.Ordinal);
    private readonly ByteVariables _byteVariables = new();
    private LogicalBuffer _current = PacketBuffer;
    private bool _stickyActive;
    private ContentBuilder? _lastContent;

    private bool TryApplyPayload(RuleOption option)
    {
        var keyword = option.Keyword;
        if (keyword == "content")
        {
            ApplyContent(option);
            return true;
        }
        if (keyword is "nocase" or "fast_pattern" or "offset" or "depth" or "distance" or "within" or "startswith" or "endswith" or "rawbytes"
            or "fast_pattern_offset" or "fast_pattern_length")
        {
            ApplyModifier(option.Keyword, option.Value, option.KeywordAt, option.ValueAt);
            return true;
        }
        if (Snort3 && keyword == "http_header" && option.Value is { } field)
        {
            ApplyHeaderField(option, field);
            return true;
        }
        if (BufferCatalog.TryGetSticky(keyword, Snort3, out var sticky))
        {
            if (option.Value is not null)
            {
                _session.Unsupported(option.ValueAt, keyword + ":options", $"'{keyword}' with options is not supported");
                return true;
            }
            _current = sticky;
            _stickyActive = sticky.Request != BufferKind.Packet;
            return true;
        }
        if (BufferCatalog.TryGetModifier(keyword, out var modifier))
        {
            ApplyLegacyModifier(option, modifier);
            return true;
        }
        switch (keyword)
        {
            case "dotprefix": AddTransform(option, BufferTransforms.DotPrefix); return true;
            case "to_lowercase": AddTransform(option, BufferTransforms.ToLowercase); return true;
            case "to_uppercase": AddTransform(option, BufferTransforms.ToUppercase); return true;
            case "strip_whitespace": AddTransform(option, BufferTransforms.StripWhitespace); return true;
            case "compress_whitespace": AddTransform(option, BufferTransforms.CompressWhitespace); return true;
            case "bsize" or "bufferlen":
                if (RequireValue(option) is { } size && ParseRange(option, size, 65535) is { } sizeRange)
                    _steps.Add(new PendingStep(_current, new BufferSizeStep(keyword, sizeRange)));
                return true;
            case "urilen":
                ApplyUriLength(option);
                return true;
            case "pcre":
                ApplyPcre(option);
                return true;
            case "byte_test" or "byte_jump" or "byte_extract" or "byte_math" or "isdataat":
                ApplyByteOperation(option);
                return true;
            default:
                return false;
        }
    }

    private void ApplyContent(RuleOption option)
    {
        if (RequireValue(option) is not { } value)
            return;
        var bytes = ContentStringParser.Parse(_session, value, option.ValueAt, Snort3, out var negated, out var modifiersAt);
        if (bytes is null)
            return;
        var content = new ContentBuilder(bytes, negated, option.KeywordAt, _current);
        _lastContent = content;
        _steps.Add(new PendingStep(_current, content));
        if (modifiersAt < 0)
            return;
        // Snort 3: content:"x",depth 4,nocase,fast_pattern;
        var at = modifiersAt + 1;
        foreach (var part in value[(modifiersAt + 1)..].Split(','))
        {
            var trimmed = part.Trim();
            var partAt = option.ValueAt + at + (part.Length - part.TrimStart().Length);
            at += part.Length + 1;
            if (trimmed.Length == 0)
            {
                _session.Error(partAt, RuleDiagnosticKind.Syntax, "empty content modifier");
                continue;
            }
            var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
            var name = space < 0 ? trimmed : trimmed[..space];
            var argument = space < 0 ? null : trimmed[(space + 1)..].Trim();
            ApplyModifier(name, argument, partAt, partAt + (space < 0 ? 0 : space + 1));
        }
    }

    private void ApplyModifier(string keyword, string? value, int keywordAt, int valueAt)
    {
        if (_lastContent is not { } content)
        {
            _session.Error(keywordAt, RuleDiagnosticKind.Semantic, $"'{keyword}' needs a preceding content");
            return;
        }
        switch (keyword)
        {
            case "nocase":
                content.NoCase = true;
                return;
            case "rawbytes":
                // Packet payloads are never normalized here (no telnet or RPC decoding), so raw bytes are what is matched anyway.
                _ignored.Add(keyword);
                return;
            case "startswith":
                if (content.Offset is not null || content.Depth is not null || content.Distance is not null || content.Within is not null)
                    _session.Error(keywordAt, RuleDiagnosticKind.Semantic, "startswith cannot be combined with offset, depth, distance or within");
                content.StartsWith = true;
                return;
            case "endswith":
                content.EndsWith = true;
                return;
            case "fast_pattern":
                ApplyFastPattern(content, value, valueAt);
                return;
            case "fast_pattern_offset" or "fast_pattern_length":
                ApplyFastPatternPart(content, keyword, value, keywordAt, valueAt);
                return;
            case "offset" or "depth" or "distance" or "within":
                break;
            default:
                _session.Unsupported(keywordAt, keyword, $"unsupported content modifier '{keyword}'");
                return;
        }
        if (string.IsNullOrEmpty(value))
        {
            _session.Error(keywordAt, RuleDiagnosticKind.Syntax, $"'{keyword}' needs a value");
            return;
        }
        var isRelative = keyword is "distance" or "within";
        var min = keyword switch { "distance" => -65535, "offset" => 0, _ => 1 };
        var variable = -1;
        var number = 0;
        if (char.IsAsciiLetter(value[0]) || value[0] == '_')
        {
            // A byte_extract result: the position is read from the variable when the rule is inspected.
            if (!_byteVariables.TryResolve(value.Trim(), out variable))
            {
                _session.Error(valueAt, RuleDiagnosticKind.Semantic, $"'{keyword}' uses '{value}', which no byte_extract or byte_math before it defines");
                return;
            }
        }
        else if (!int.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out number) || number < min || number > 65535)
        {
            _session.Error(valueAt, RuleDiagnosticKind.Syntax, $"invalid value '{value}' for '{keyword}' (expected {min}..65535)");
            return;
        }
        if (content.StartsWith)
        {
            _session.Error(keywordAt, RuleDiagnosticKind.Semantic, $"'{keyword}' cannot be combined with startswith");
            return;
        }
        if (isRelative ? content.Offset is not null || content.Depth is not null : content.Distance is not null || content.Within is not null)
        {
            _session.Error(keywordAt, RuleDiagnosticKind.Semantic, $"'{keyword}' cannot be combined with {(isRelative ? "offset/depth" : "distance/within")} on the same content");
            return;
        }
        var already = keyword switch
        {
            "offset" => content.Offset is not null,
            "depth" => content.Depth is not null,
            "distance" => content.Distance is not null,
            _ => content.Within is not null,
        };
        if (already)
        {
            _session.Error(keywordAt, RuleDiagnosticKind.Semantic, $"'{keyword}' given twice for one content");
            return;
        }
        if (variable < 0 && keyword is "depth" or "within" && number < content.Pattern.Length)
        {
            _session.Error(valueAt, RuleDiagnosticKind.Semantic, $"{keyword} {number} is shorter than the content ({content.Pattern.Length} bytes)");
            return;
        }
        var variables = content.Variables;
        switch (keyword)
        {
            case "offset": content.Offset = number; variables.Offset = variable; break;
            case "depth": content.Depth = number; variables.Depth = variable; break;
            case "distance": content.Distance = number; variables.Distance = variable; break;
            default: content.Within = number; variables.Within = variable; break;
        }
        content.Variables = variables;
    }

    private void ApplyPcre(RuleOption option)
    {
        if (RequireValue(option) is not { } value)
            return;
        if (!Pcre.PcreParser.TryParse(value, out var spec, out var error, out var errorAt) || spec is null)
        {
            // Constructs .NET cannot express faithfully are unsupported, not wrong: the rule is held back and counted.
            var unsupported = error is not null && (error.Contains("not supported", StringComparison.Ordinal) || error.Contains("cannot occur", StringComparison.Ordinal));
            if (unsupported)
                _session.Unsupported(option.ValueAt + errorAt, "pcre:" + error, $"pcre: {error}");
            else
                _session.Error(option.ValueAt + errorAt, RuleDiagnosticKind.Syntax, $"pcre: {error}");
            return;
        }
        var buffer = _current;
        if (PcreBufferOf(spec.Buffer) is { } named)
        {
            var sameBuffer = named.Request == _current.Request || named.Request == _current.Response;
            if (_stickyActive && !sameBuffer)
            {
                _session.Error(option.ValueAt, RuleDiagnosticKind.Semantic, $"pcre names buffer '{named.Name}' while sticky buffer '{_current.Name}' is active");
                return;
            }
            buffer = _stickyActive ? _current : named;
        }
        _steps.Add(new PendingStep(buffer, new PcreStep(spec)));
    }

    /// <summary>The buffer a pcre flag letter names (U → http.uri, H → http.header, ...), or null for the current one.</summary>
    private static LogicalBuffer? PcreBufferOf(Pcre.PcreBuffer flag)
    {
        var sticky = flag switch
        {
            Pcre.PcreBuffer.Uri => "http.uri",
            Pcre.PcreBuffer.RawUri => "http.uri.raw",
            Pcre.PcreBuffer.RequestBody => "http.request_body",
            Pcre.PcreBuffer.ResponseBody => "http.response_body",
            Pcre.PcreBuffer.Header => "http.header",
            Pcre.PcreBuffer.RawHeader => "http.header.raw",
            Pcre.PcreBuffer.Method => "http.method",
            Pcre.PcreBuffer.Cookie or Pcre.PcreBuffer.RawCookie => "http.cookie",
            Pcre.PcreBuffer.StatCode => "http.stat_code",
            Pcre.PcreBuffer.StatMsg => "http.stat_msg",
            Pcre.PcreBuffer.UserAgent => "http.user_agent",
            Pcre.PcreBuffer.Host => "http.host",
            Pcre.PcreBuffer.RawHost => "http.host.raw",
            _ => null,
        };
        return sticky is not null && BufferCatalog.TryGetSticky(sticky, snort3: false, out var buffer) ? buffer : null;
    }

    private void ApplyByteOperation(RuleOption option)
    {
        if (ByteOperationParser.TryParse(option.Keyword, option.Value ?? string.Empty, _byteVariables, out var operation, out var error, out var errorAt) && operation is not null)
        {
            _steps.Add(new PendingStep(_current, new ByteStep(operation)));
            return;
        }
        var at = option.Value is null ? option.KeywordAt : option.ValueAt + errorAt;
        if (error is not null && error.Contains("dce", StringComparison.Ordinal))
            _session.Unsupported(at, option.Keyword + ":dce", $"{option.Keyword}: {error}");
        else
            _session.Error(at, RuleDiagnosticKind.Syntax, $"{option.Keyword}: {error}");
    }

    private void ApplyFastPattern(ContentBuilder content, string? value, int valueAt)
    {
        content.FastPattern = true;
        if (string.IsNullOrWhiteSpace(value) || value.Trim() == "only")
            return;
        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && int.TryParse(parts[0], out var offset) && int.TryParse(parts[1], out var length)
            && offset >= 0 && length > 0 && offset + length <= content.Pattern.Length)
        {
            content.FastPatternSlice = (offset, length);
            return;
        }
        _session.Error(valueAt, RuleDiagnosticKind.Syntax, $"fast_pattern expects 'only' or 'offset,length' within the content, not '{value}'");
    }

    /// <summary>Snort 3's <c>fast_pattern_offset N</c> and <c>fast_pattern_length N</c>.</summary>
    private void ApplyFastPatternPart(ContentBuilder content, string keyword, string? value, int keywordAt, int valueAt)
    {
        if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            _session.Error(string.IsNullOrEmpty(value) ? keywordAt : valueAt, RuleDiagnosticKind.Syntax, $"'{keyword}' needs a number");
            return;
        }
        var (offset, length) = content.FastPatternSlice;
        if (length == 0)
            length = content.Pattern.Length - offset;
        if (keyword == "fast_pattern_offset")
        {
            length = Math.Min(length, content.Pattern.Length - number);
            offset = number;
        }
        else
        {
            length = number;
        }
        if (offset < 0 || length <= 0 || offset + length > content.Pattern.Length)
        {
            _session.Error(valueAt, RuleDiagnosticKind.Semantic, $"'{keyword} {number}' reaches outside the {content.Pattern.Length}-byte content");
            return;
        }
        content.FastPattern = true;
        content.FastPatternSlice = (offset, length);
    }

    private void ApplyLegacyModifier(RuleOption option, LogicalBuffer buffer)
    {
        if (_lastContent is not { } content)
        {
            _session.Error(option.KeywordAt, RuleDiagnosticKind.Semantic, $"'{option.Keyword}' needs a preceding content");
            return;
        }
        if (content.BufferModified || content.Buffer.Request != BufferKind.Packet)
        {
            _session.Error(option.KeywordAt, RuleDiagnosticKind.Semantic, $"'{option.Keyword}' cannot apply to a content already in buffer '{content.Buffer.Name}'");
            return;
        }
        content.Buffer = buffer;
        content.BufferModified = true;
        var index = _steps.FindLastIndex(s => ReferenceEquals(s.Content, content));
        _steps[index] = _steps[index] with { Buffer = buffer };
    }

    private void ApplyHeaderField(RuleOption option, string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.StartsWith("field ", StringComparison.Ordinal) || !BufferCatalog.TryGetHeaderField(trimmed[6..].Trim(), out var buffer))
        {
            _session.Unsupported(option.ValueAt, "http_header:field", $"http_header:{trimmed} is not supported (known fields: user-agent, host, referer, cookie, content-type, ...)");
            return;
        }
        _current = buffer;
        _stickyActive = true;
    }

    private void AddTransform(RuleOption option, BufferTransforms transform)
    {
        if (!_stickyActive)
        {
            _session.Error(option.KeywordAt, RuleDiagnosticKind.Semantic, $"transform '{option.Keyword}' needs a sticky buffer before it");
            return;
        }
        _transforms[_current.Name] = _transforms.GetValueOrDefault(_current.Name) | transform;
    }

    private void ApplyUriLength(RuleOption option)
    {
        if (RequireValue(option) is not { } value)
            return;
        var comma = value.IndexOf(',', StringComparison.Ordinal);
        var buffer = UriBuffer;
        if (comma >= 0)
        {
            var mode = value[(comma + 1)..].Trim();
            if (mode is not ("raw" or "norm"))
            {
                _session.Error(option.ValueAt + comma + 1, RuleDiagnosticKind.Syntax, "urilen mode must be raw or norm");
                return;
            }
            buffer = mode == "raw" ? RawUriBuffer : UriBuffer;
            value = value[..comma];
        }
        if (ParseRange(option, value, 65535) is { } range)
            _steps.Add(new PendingStep(buffer, new BufferSizeStep("urilen", range)));
    }

    private NumericRange? ParseRange(RuleOption option, string value, long max)
    {
        if (NumericRange.TryParse(value, max, out var range, out var error, out var errorAt))
            return range;
        _session.Error(option.ValueAt + errorAt, RuleDiagnosticKind.Syntax, $"{option.Keyword}: {error}");
        return null;
    }

    /// <summary>Groups the steps by concrete buffer (keeping their order), packet payload first.</summary>
    private List<BufferInspection>? BuildBuffers(bool? toClient)
    {
        var byBuffer = new List<(BufferKind Kind, string Name, List<InspectionStep> Steps)>();
        foreach (var pending in _steps)
        {
            var kind = pending.Buffer.Resolve(toClient);
            var entry = byBuffer.FindIndex(b => b.Kind == kind);
            if (entry < 0)
            {
                byBuffer.Add((kind, pending.Buffer.Name, []));
                entry = byBuffer.Count - 1;
            }
            byBuffer[entry].Steps.Add(pending.Content?.Build() is { } built ? new ContentStep(built) : pending.Step!);
        }
        return byBuffer.OrderBy(b => b.Kind == BufferKind.Packet ? 0 : 1).Select(b => new BufferInspection(b.Kind, _transforms.GetValueOrDefault(b.Name), [.. b.Steps])).ToList();
    }

    private static string BufferName(BufferKind kind) => kind.ToString();

    /// <summary>A payload keyword waiting for the rule's direction to choose its concrete buffer.</summary>
    private sealed record PendingStep(LogicalBuffer Buffer, ContentBuilder? Content, InspectionStep? Step)
    {
        public PendingStep(LogicalBuffer buffer, ContentBuilder content)
            : this(buffer, content, null)
        {
        }

        public PendingStep(LogicalBuffer buffer, InspectionStep step)
            : this(buffer, null, step)
        {
        }
    }
}
