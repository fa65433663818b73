namespace RustIds.Rules.ByteOps;

/// <summary>Outcome of offering one optional argument to a shared option parser.</summary>
internal enum ByteOptionResult
{
    /// <summary>The argument was recognised and stored.</summary>
    Applied,

    /// <summary>The argument is not one of the shared options; the keyword parser may know it.</summary>
    Unknown,

    /// <summary>The argument was recognised but invalid; the error is in the context.</summary>
    Failed,
}
