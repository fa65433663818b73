using System.Runtime.InteropServices;

namespace RustIds.Packets.Interop;

/// <summary><c>struct bpf_program</c>: instruction count and a pointer that <c>pcap_freecode</c> releases.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct BpfProgram
{
    public uint Length;
    public nint Instructions;
}
