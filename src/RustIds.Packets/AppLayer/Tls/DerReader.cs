namespace RustIds.Packets.AppLayer.Tls;

/// <summary>A bounded forward cursor over DER TLVs (ITU-T X.690 §8.1, §10) that never throws.</summary>
/// <remarks>
/// Only single-octet tags are accepted (X.509 certificates use no others) and only definite lengths
/// of up to four octets; every length is checked against the bytes that remain. The reader never
/// recurses: nested structures are read by creating a reader over a content span, so the depth is
/// the caller's fixed schema depth.
/// </remarks>
internal ref struct DerReader
{
    public const byte TagInteger = 0x02;
    public const byte TagBitString = 0x03;
    public const byte TagOid = 0x06;
    public const byte TagUtcTime = 0x17;
    public const byte TagGeneralizedTime = 0x18;
    public const byte TagSequence = 0x30;
    public const byte TagSet = 0x31;
    public const byte TagContext0 = 0xA0;

    private ReadOnlySpan<byte> _remaining;

    public DerReader(ReadOnlySpan<byte> data) => _remaining = data;

    public readonly bool IsEmpty => _remaining.IsEmpty;

    /// <summary>The next tag without consuming it, or 0 at the end.</summary>
    public readonly byte PeekTag() => _remaining.IsEmpty ? (byte)0 : _remaining[0];

    /// <summary>Reads the next TLV; its whole encoding (tag and length included) is returned in <paramref name="encoded"/>.</summary>
    public bool TryRead(out byte tag, out ReadOnlySpan<byte> content, out ReadOnlySpan<byte> encoded)
    {
        tag = 0;
        content = default;
        encoded = default;
        if (_remaining.Length < 2)
            return false;
        tag = _remaining[0];
        if ((tag & 0x1F) == 0x1F)
            return false;
        int first = _remaining[1];
        var headerLength = 2;
        long length;
        if (first < 0x80)
        {
            length = first;
        }
        else
        {
            var octets = first & 0x7F;
            if (octets is 0 or > 4 || _remaining.Length < 2 + octets)
                return false;
            length = 0;
            for (var i = 0; i < octets; i++)
                length = (length << 8) | _remaining[2 + i];
            headerLength += octets;
        }
        if (length > _remaining.Length - headerLength)
            return false;
        var total = headerLength + (int)length;
        encoded = _remaining[..total];
        content = _remaining[headerLength..total];
        _remaining = _remaining[total..];
        return true;
    }

    /// <summary>Reads the next TLV and checks its tag.</summary>
    public bool TryRead(byte expectedTag, out ReadOnlySpan<byte> content) =>
        TryRead(out var tag, out content, out _) && tag == expectedTag;
}
