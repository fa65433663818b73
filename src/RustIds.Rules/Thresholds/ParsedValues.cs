namespace RustIds.Rules.Thresholds;

/// <summary>The <c>key value</c> parts of one threshold.config statement, checked and turned into a directive.</summary>
internal sealed class ParsedValues(string text, int capacity)
{
    private readonly Dictionary<string, OptionPart> _parts = new(capacity, StringComparer.Ordinal);

    public bool TryCollect(List<OptionPart> parts, ThresholdDirectiveKind kind, out string? error, out int errorOffset)
    {
        foreach (var part in parts)
        {
            var key = part.Key(text).ToString();
            if (!IsAllowed(kind, key))
                return Fail($"unknown option '{key}' for {Name(kind)}", part.KeyStart, out error, out errorOffset);
            if (!_parts.TryAdd(key, part))
                return Fail($"option '{key}' given twice", part.KeyStart, out error, out errorOffset);
        }
        error = null;
        errorOffset = -1;
        return true;
    }

    public bool TryBuild(ThresholdDirectiveKind kind, int line, Func<string, string?> resolveVariable,
        out ThresholdConfigDirective? directive, out string? error, out int errorOffset)
    {
        directive = null;
        if (!TryId("gen_id", out var gid, out error, out errorOffset) || !TryId("sig_id", out var sid, out error, out errorOffset))
            return false;
        if (gid == 0 && sid != 0)
            return Fail("sig_id > 0 needs gen_id > 0 (gen_id 0 is only a wildcard together with sig_id 0)", _parts["gen_id"].ValueStart, out error, out errorOffset);
        switch (kind)
        {
            case ThresholdDirectiveKind.Threshold:
                if (!TryRequired("type", out var typePart, out error, out errorOffset)
                    || !ThresholdSyntax.TryParseType(typePart.Value(text), out var type, out error))
                    return Fail(error!, errorOffset >= 0 ? errorOffset : typePart.ValueStart, out error, out errorOffset);
                if (!TryTrack(allowFlow: true, out var track, out error, out errorOffset)
                    || !TryNumber("count", 1, out var count, out error, out errorOffset)
                    || !TryNumber("seconds", 1, out var seconds, out error, out errorOffset))
                    return false;
                directive = new(kind, gid, sid, line, new ThresholdSpec(type, track, count, seconds), null, null);
                return true;
            case ThresholdDirectiveKind.RateFilter:
                if (!TryTrack(allowFlow: false, out var rateTrack, out error, out errorOffset)
                    || !TryNumber("count", 1, out var rateCount, out error, out errorOffset)
                    || !TryNumber("seconds", 1, out var rateSeconds, out error, out errorOffset)
                    || !TryAction(out var action, out error, out errorOffset)
                    || !TryNumber("timeout", 0, out var timeout, out error, out errorOffset))
                    return false;
                directive = new(kind, gid, sid, line, null, null, new RateFilterSpec(rateTrack, rateCount, rateSeconds, action, timeout));
                return true;
            default:
                if (!TrySuppress(resolveVariable, out var suppress, out error, out errorOffset))
                    return false;
                directive = new(kind, gid, sid, line, null, suppress, null);
                return true;
        }
    }

    private bool TrySuppress(Func<string, string?> resolveVariable, out SuppressSpec? spec, out string? error, out int errorOffset)
    {
        spec = null;
        var hasTrack = _parts.TryGetValue("track", out var trackPart);
        var hasIp = _parts.TryGetValue("ip", out var ipPart);
        if (!hasTrack && !hasIp)
        {
            spec = new SuppressSpec(SuppressTrack.Rule, null);
            error = null;
            errorOffset = -1;
            return true;
        }
        if (!hasTrack)
            return Fail("'ip' needs 'track by_src|by_dst|by_either'", ipPart.KeyStart, out error, out errorOffset);
        if (!hasIp)
            return Fail("'track' needs 'ip'", trackPart.KeyStart, out error, out errorOffset);
        SuppressTrack track;
        switch (trackPart.Value(text))
        {
            case "by_src":
                track = SuppressTrack.BySrc;
                break;
            case "by_dst":
                track = SuppressTrack.ByDst;
                break;
            case "by_either":
                track = SuppressTrack.ByEither;
                break;
            default:
                return Fail($"track '{trackPart.Value(text)}' is not allowed in suppress (expected by_src, by_dst or by_either)", trackPart.ValueStart, out error, out errorOffset);
        }
        var ipText = ipPart.Value(text).ToString();
        var bang = ipText.IndexOf('!', StringComparison.Ordinal);
        if (bang >= 0)
        {
            // Suricata's suppress syntax has no '!' in the ip field; negation only arrives through a variable.
            return Fail("negation '!' is not allowed in a suppress ip (define it in an address variable)", ipPart.ValueStart + bang, out error, out errorOffset);
        }
        if (!IpAddressSetParser.TryParse(ipText, resolveVariable, out var set, out error, out var inner))
            return Fail(error!, ipPart.ValueStart + Math.Max(0, inner), out error, out errorOffset);
        spec = new SuppressSpec(track, set);
        errorOffset = -1;
        return true;
    }

    private bool TryTrack(bool allowFlow, out ThresholdTrack track, out string? error, out int errorOffset)
    {
        track = default;
        if (!TryRequired("track", out var part, out error, out errorOffset))
            return false;
        return ThresholdSyntax.TryParseTrack(part.Value(text), allowRuleAndBoth: true, allowFlow, out track, out error)
            || Fail(error!, part.ValueStart, out error, out errorOffset);
    }

    private bool TryAction(out RateFilterAction action, out string? error, out int errorOffset)
    {
        action = default;
        if (!TryRequired("new_action", out var part, out error, out errorOffset))
            return false;
        switch (part.Value(text))
        {
            case "alert": action = RateFilterAction.Alert; return true;
            case "drop": action = RateFilterAction.Drop; return true;
            case "pass": action = RateFilterAction.Pass; return true;
            case "reject": action = RateFilterAction.Reject; return true;
            case "log": action = RateFilterAction.Log; return true;
            case "sdrop": action = RateFilterAction.Sdrop; return true;
            default:
                return Fail($"unknown new_action '{part.Value(text)}' (expected alert, drop, pass or reject)", part.ValueStart, out error, out errorOffset);
        }
    }

    private bool TryNumber(string key, int minimum, out int number, out string? error, out int errorOffset)
    {
        number = 0;
        if (!TryRequired(key, out var part, out error, out errorOffset))
            return false;
        return ThresholdSyntax.TryParseNumber(part.Value(text), key, minimum, out number, out error)
            || Fail(error!, part.ValueStart, out error, out errorOffset);
    }

    private bool TryId(string key, out long id, out string? error, out int errorOffset)
    {
        id = 0;
        if (!TryRequired(key, out var part, out error, out errorOffset))
            return false;
        return ThresholdSyntax.TryParseId(part.Value(text), key, out id, out error)
            || Fail(error!, part.ValueStart, out error, out errorOffset);
    }

    private bool TryRequired(string key, out OptionPart part, out string? error, out int errorOffset)
    {
        if (_parts.TryGetValue(key, out part))
        {
            error = null;
            errorOffset = -1;
            return true;
        }
        return Fail($"missing '{key}'", text.TrimEnd().Length, out error, out errorOffset);
    }

    private static bool IsAllowed(ThresholdDirectiveKind kind, string key) => key switch
    {
        "gen_id" or "sig_id" => true,
        "type" => kind == ThresholdDirectiveKind.Threshold,
        "track" => true,
        "count" or "seconds" => kind != ThresholdDirectiveKind.Suppress,
        "new_action" or "timeout" => kind == ThresholdDirectiveKind.RateFilter,
        "ip" => kind == ThresholdDirectiveKind.Suppress,
        _ => false,
    };

    private static string Name(ThresholdDirectiveKind kind) => kind switch
    {
        ThresholdDirectiveKind.Threshold => "threshold",
        ThresholdDirectiveKind.Suppress => "suppress",
        _ => "rate_filter",
    };

    private static bool Fail(string message, int offset, out string? error, out int errorOffset)
    {
        error = message;
        errorOffset = offset;
        return false;
    }
}
