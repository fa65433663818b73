using System.Runtime.InteropServices;

namespace RustIds.Packets.Interop;

/// <summary>Owns one <c>pcap_t*</c>; closing it calls <c>pcap_close</c> exactly once.</summary>
internal sealed class PcapHandle : SafeHandle
{
    /// <summary>Called by the source-generated marshaller, which then sets the handle.</summary>
    public PcapHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        LibPcap.Close(handle);
        return true;
    }
}
