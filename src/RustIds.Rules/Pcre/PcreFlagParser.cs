namespace RustIds.Rules.Pcre;

/// <summary>Reads the flag letters after a pcre pattern's closing slash.</summary>
internal static class PcreFlagParser
{
    /// <summary>Splits the letters into pattern options, rule flags and the buffer; rejects unknown or conflicting letters.</summary>
    public static bool TryParse(string flags, out PcreFlags patternFlags, out PcreRuleFlags ruleFlags, out PcreBuffer buffer,
        out string? error, out int errorPos)
    {
        patternFlags = PcreFlags.None;
        ruleFlags = PcreRuleFlags.None;
        buffer = PcreBuffer.Default;
        error = null;
        errorPos = -1;
        for (int i = 0; i < flags.Length; i++)
        {
            char f = flags[i];
            switch (f)
            {
                case 'i': patternFlags |= PcreFlags.Caseless; continue;
                case 's': patternFlags |= PcreFlags.DotAll; continue;
                case 'm': patternFlags |= PcreFlags.Multiline; continue;
                case 'x': patternFlags |= PcreFlags.Extended; continue;
                case 'A': ruleFlags |= PcreRuleFlags.Anchored; continue;
                case 'E':
                    patternFlags |= PcreFlags.DollarEndOnly;
                    ruleFlags |= PcreRuleFlags.EndAnchored;
                    continue;
                case 'G':
                    patternFlags |= PcreFlags.Ungreedy;
                    ruleFlags |= PcreRuleFlags.Greedy;
                    continue;
                case 'R': ruleFlags |= PcreRuleFlags.Relative; continue;
                case 'O': ruleFlags |= PcreRuleFlags.Override; continue;
                default: break;
            }

            var b = BufferOf(f);
            if (b == PcreBuffer.Default)
            {
                return PcreParser.Fail($"unknown pcre flag '{f}'", i, out error, out errorPos);
            }

            if (buffer != PcreBuffer.Default && buffer != b)
            {
                return PcreParser.Fail($"pcre flag '{f}' selects a second buffer ({buffer} already chosen)", i, out error, out errorPos);
            }

            buffer = b;
        }

        return true;
    }

    private static PcreBuffer BufferOf(char f) => f switch
    {
        'U' => PcreBuffer.Uri,
        'I' => PcreBuffer.RawUri,
        'P' => PcreBuffer.RequestBody,
        'Q' => PcreBuffer.ResponseBody,
        'H' => PcreBuffer.Header,
        'D' => PcreBuffer.RawHeader,
        'M' => PcreBuffer.Method,
        'C' => PcreBuffer.Cookie,
        'K' => PcreBuffer.RawCookie,
        'S' => PcreBuffer.StatCode,
        'Y' => PcreBuffer.StatMsg,
        'V' => PcreBuffer.UserAgent,
        'W' => PcreBuffer.Host,
        'Z' => PcreBuffer.RawHost,
        'B' => PcreBuffer.RawBytes,
        _ => PcreBuffer.Default,
    };
}
