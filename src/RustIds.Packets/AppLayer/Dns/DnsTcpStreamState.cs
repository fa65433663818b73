using System.Buffers;

namespace RustIds.Packets.AppLayer.Dns;

/// <summary>Framing state of one direction of a DNS-over-TCP flow (RFC 1035 §4.2.2, RFC 7766 §8).</summary>
/// <remarks>
/// The 2-byte length prefix is accumulated into an integer, so a prefix split across segments needs
/// no buffer. A message is copied only when it does not arrive whole in one call; the copy lives in an
/// <see cref="ArrayPool{T}"/> array returned as soon as the message is complete or dropped.
/// </remarks>
internal sealed class DnsTcpStreamState
{
    public int PrefixBytes;
    public int Expected;
    public int Received;
    public bool Skipping;
    public bool InGap;
    public byte[]? Buffer;

    public void Reset()
    {
        InGap = false;
        ResetMessage();
    }

    public void ResetMessage()
    {
        PrefixBytes = 0;
        Expected = 0;
        Received = 0;
        Skipping = false;
        if (Buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(Buffer);
            Buffer = null;
        }
    }

    public Span<byte> RentBuffer()
    {
        Buffer ??= ArrayPool<byte>.Shared.Rent(Expected);
        return Buffer;
    }
}
