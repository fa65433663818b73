using System.Text.RegularExpressions;
using RustIds.Rules.Buffers;

namespace RustIds.Rules.Pcre;

/// <summary>A parsed <c>pcre</c> option: the translated expression and what its flags ask for.</summary>
public sealed class PcreSpec
{
    internal PcreSpec(string pattern, Regex regex, bool negated, bool relative, LogicalBuffer? buffer)
    {
        Pattern = pattern;
        Regex = regex;
        Negated = negated;
        Relative = relative;
        Buffer = buffer;
    }

    /// <summary>The option value as written, for messages.</summary>
    public string Pattern { get; }

    /// <summary>The .NET expression, matched against the buffer read as Latin-1 characters.</summary>
    public Regex Regex { get; }

    /// <summary><c>pcre:!"..."</c>: the rule matches only when the expression does not.</summary>
    public bool Negated { get; }

    /// <summary><c>R</c>: the subject starts at the end of the previous match (so <c>^</c> anchors there, as in Suricata).</summary>
    public bool Relative { get; }

    /// <summary>The buffer a Snort/Suricata flag names (<c>U</c> → http.uri, <c>H</c> → http.header, ...), or null for the current one.</summary>
    public LogicalBuffer? Buffer { get; }
}
