namespace RustIds.Rules.Pcre;

/// <summary>How the translated .NET regular expression is built.</summary>
public enum PcreCompileMode : byte
{
    /// <summary>Interpreted <see cref="System.Text.RegularExpressions.Regex"/>: cheap to construct, slower to run.</summary>
    Interpreted,

    /// <summary><see cref="System.Text.RegularExpressions.RegexOptions.Compiled"/>: IL emitted per pattern, several times slower to load.</summary>
    Compiled,
}
