using System.Runtime.InteropServices;

namespace RustIds.Response.Nft;

/// <summary>Source-generated bindings to libnftables (Debian package <c>libnftables1</c>, installed with <c>nftables</c>).</summary>
/// <remarks>Only <see cref="LibNftablesRunner"/> calls these, on its own thread: an nft context is not thread-safe.</remarks>
internal static partial class LibNftables
{
    internal const string LibraryName = "libnftables.so.1";

    /// <summary><c>NFT_CTX_OUTPUT_JSON</c>.</summary>
    internal const uint OutputJson = 1 << 4;

    /// <summary><c>NFT_CTX_OUTPUT_TERSE</c>: sets without their elements.</summary>
    internal const uint OutputTerse = 1 << 11;

    /// <summary>True when the library can be loaded on this machine.</summary>
    internal static bool IsAvailable { get; } = NativeLibrary.TryLoad(LibraryName, out _);

    [LibraryImport(LibraryName, EntryPoint = "nft_ctx_new")]
    internal static partial nint ContextNew(uint flags);

    [LibraryImport(LibraryName, EntryPoint = "nft_ctx_free")]
    internal static partial void ContextFree(nint context);

    [LibraryImport(LibraryName, EntryPoint = "nft_ctx_output_set_flags")]
    internal static partial void SetOutputFlags(nint context, uint flags);

    [LibraryImport(LibraryName, EntryPoint = "nft_ctx_buffer_output")]
    internal static partial int BufferOutput(nint context);

    [LibraryImport(LibraryName, EntryPoint = "nft_ctx_buffer_error")]
    internal static partial int BufferError(nint context);

    /// <summary>The output since the last call (the buffer is reset by the read).</summary>
    [LibraryImport(LibraryName, EntryPoint = "nft_ctx_get_output_buffer")]
    internal static partial nint GetOutputBuffer(nint context);

    [LibraryImport(LibraryName, EntryPoint = "nft_ctx_get_error_buffer")]
    internal static partial nint GetErrorBuffer(nint context);

    /// <summary>Runs commands as <c>nft -f</c> does: one transaction; 0 on success.</summary>
    [LibraryImport(LibraryName, EntryPoint = "nft_run_cmd_from_buffer", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int RunCommands(nint context, string commands);
}

/// <summary>The one libc call the nft thread needs.</summary>
internal static partial class LibC
{
    /// <summary><c>CLONE_NEWNET</c>.</summary>
    internal const int CloneNewNet = 0x40000000;

    /// <summary>Moves the calling thread into the namespace open at <paramref name="fd"/>.</summary>
    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    internal static partial int SetNamespace(int fd, int type);
}
