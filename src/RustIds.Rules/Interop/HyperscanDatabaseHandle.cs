using System.Runtime.InteropServices;

namespace RustIds.Rules.Interop;

/// <summary>Owns one <c>hs_database_t*</c>.</summary>
internal sealed class HyperscanDatabaseHandle : SafeHandle
{
    public HyperscanDatabaseHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle() => LibHyperscan.FreeDatabase(handle) == LibHyperscan.Success;
}
