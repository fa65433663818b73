using System.Runtime.InteropServices;

namespace RustIds.Packets.Interop;

/// <summary><c>struct pollfd</c>: descriptor, requested events, returned events.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollDescriptor
{
    public int Descriptor;
    public short Events;
    public short ReturnedEvents;
}
