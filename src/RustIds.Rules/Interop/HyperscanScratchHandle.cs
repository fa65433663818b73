using System.Runtime.InteropServices;

namespace RustIds.Rules.Interop;

/// <summary>Owns one <c>hs_scratch_t*</c>: a worker's scanning memory.</summary>
internal sealed class HyperscanScratchHandle : SafeHandle
{
    public HyperscanScratchHandle(nint scratch)
        : base(0, ownsHandle: true)
    {
        SetHandle(scratch);
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle() => LibHyperscan.FreeScratch(handle) == LibHyperscan.Success;
}
