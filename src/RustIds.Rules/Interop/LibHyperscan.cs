using System.Reflection;
using System.Runtime.InteropServices;

namespace RustIds.Rules.Interop;

/// <summary>Source-generated bindings to Hyperscan (Debian package <c>libhyperscan5</c>, <c>libhs.so.5</c>): literal databases in block mode.</summary>
/// <remarks>Only this class and its two handles see native pointers.</remarks>
internal static unsafe partial class LibHyperscan
{
    internal const string LibraryName = "libhs";

    internal const int Success = 0;
    internal const uint FlagCaseless = 1;
    internal const uint FlagSingleMatch = 8;
    internal const uint ModeBlock = 1;

    internal static readonly string[] CandidateNames = ["libhs.so.5", "libhs.so"];

    private static readonly Lock LoadLock = new();
    private static nint _library;
    private static bool _tried;

    static LibHyperscan() => NativeLibrary.SetDllImportResolver(typeof(LibHyperscan).Assembly, Resolve);

    /// <summary>True when the library loads and the CPU has what it needs (SSSE3).</summary>
    internal static bool IsAvailable
    {
        get
        {
            if (TryLoad() == 0)
                return false;
            return ValidPlatform() == Success;
        }
    }

    [LibraryImport(LibraryName, EntryPoint = "hs_valid_platform")]
    internal static partial int ValidPlatform();

    [LibraryImport(LibraryName, EntryPoint = "hs_compile_lit_multi")]
    internal static partial int CompileLiteralMulti(byte** expressions, uint* flags, uint* ids, nuint* lengths, uint elements, uint mode, nint platform, out HyperscanDatabaseHandle database, out nint compileError);

    [LibraryImport(LibraryName, EntryPoint = "hs_free_compile_error")]
    internal static partial int FreeCompileError(nint error);

    [LibraryImport(LibraryName, EntryPoint = "hs_free_database")]
    internal static partial int FreeDatabase(nint database);

    [LibraryImport(LibraryName, EntryPoint = "hs_database_size")]
    internal static partial int DatabaseSize(HyperscanDatabaseHandle database, out nuint size);

    [LibraryImport(LibraryName, EntryPoint = "hs_alloc_scratch")]
    internal static partial int AllocateScratch(HyperscanDatabaseHandle database, ref nint scratch);

    [LibraryImport(LibraryName, EntryPoint = "hs_free_scratch")]
    internal static partial int FreeScratch(nint scratch);

    [LibraryImport(LibraryName, EntryPoint = "hs_scan")]
    internal static partial int Scan(HyperscanDatabaseHandle database, byte* data, uint length, uint flags, HyperscanScratchHandle scratch,
        delegate* unmanaged[Cdecl]<uint, ulong, ulong, uint, nint, int> onEvent, nint context);

    /// <summary>The message of an <c>hs_compile_error_t*</c> (its first field), which is then freed.</summary>
    internal static string TakeCompileError(nint error)
    {
        if (error == 0)
            return "unknown error";
        var message = Marshal.PtrToStringUTF8(*(nint*)error) ?? "unknown error";
        FreeCompileError(error);
        return message;
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == LibraryName ? TryLoad() : 0;

    private static nint TryLoad()
    {
        lock (LoadLock)
        {
            if (_tried)
                return _library;
            _tried = true;
            foreach (var name in CandidateNames)
            {
                if (NativeLibrary.TryLoad(name, out var handle))
                {
                    _library = handle;
                    break;
                }
            }
            return _library;
        }
    }
}
