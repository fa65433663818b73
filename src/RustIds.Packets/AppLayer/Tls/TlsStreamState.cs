using System.Buffers;

namespace RustIds.Packets.AppLayer.Tls;

/// <summary>Record and handshake reassembly state of one direction of a TLS flow.</summary>
/// <remarks>
/// Headers are accumulated byte by byte into integers, so a header split across TCP segments needs no
/// buffer. A handshake message is copied only when it is interesting and does not arrive whole in one
/// record fragment; the copy lives in an <see cref="ArrayPool{T}"/> array returned as soon as the
/// message is complete.
/// </remarks>
internal sealed class TlsStreamState
{
    public const int RecordHeaderLength = 5;
    public const int HandshakeHeaderLength = 4;

    public bool Stopped;
    public bool SeenFirstByte;

    public int RecordHeaderCount;
    public ulong RecordHeader;
    public byte RecordType;
    public ushort RecordVersion;
    public int RecordRemaining;

    public int HandshakeHeaderCount;
    public uint HandshakeHeader;
    public byte MessageType;
    public int MessageLength;
    public int MessageReceived;
    public int MessageWanted;
    public ushort MessageRecordVersion;

    public byte[]? Buffer;

    public void Reset()
    {
        Stopped = false;
        SeenFirstByte = false;
        RecordHeaderCount = 0;
        RecordHeader = 0;
        RecordType = 0;
        RecordVersion = 0;
        RecordRemaining = 0;
        ResetMessage();
    }

    public void ResetMessage()
    {
        HandshakeHeaderCount = 0;
        HandshakeHeader = 0;
        MessageType = 0;
        MessageLength = 0;
        MessageReceived = 0;
        MessageWanted = 0;
        ReturnBuffer();
    }

    public void Stop()
    {
        Stopped = true;
        ResetMessage();
    }

    public Span<byte> RentBuffer(int length)
    {
        Buffer ??= ArrayPool<byte>.Shared.Rent(length);
        return Buffer;
    }

    private void ReturnBuffer()
    {
        if (Buffer is null)
            return;
        ArrayPool<byte>.Shared.Return(Buffer);
        Buffer = null;
    }
}
