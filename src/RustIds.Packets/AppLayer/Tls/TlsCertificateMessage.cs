namespace RustIds.Packets.AppLayer.Tls;

/// <summary>Decodes a TLS ≤ 1.2 Certificate message (RFC 5246 §7.4.2): a 24-bit-length list of 24-bit-length DER certificates.</summary>
internal static class TlsCertificateMessage
{
    /// <param name="body">The message body, or its first bytes when the message exceeded the buffer limit.</param>
    /// <param name="complete">False when <paramref name="body"/> is only a prefix of the message.</param>
    /// <param name="info">Receives the leaf's fields.</param>
    public static TlsCertificateStatus TryParse(ReadOnlySpan<byte> body, bool complete, TlsCertificateInfo info)
    {
        if (body.Length < 3)
            return TlsCertificateStatus.Malformed;
        var listLength = ReadUInt24(body);
        var available = body.Length - 3;
        if (complete ? listLength != available : listLength < available)
            return TlsCertificateStatus.Malformed;
        var list = body.Slice(3, Math.Min(listLength, available));
        if (list.IsEmpty)
            return TlsCertificateStatus.Empty;
        if (list.Length < 3)
            return complete ? TlsCertificateStatus.Malformed : TlsCertificateStatus.Truncated;
        var leafLength = ReadUInt24(list);
        if (leafLength == 0)
            return TlsCertificateStatus.Malformed;
        if (3 + leafLength > list.Length)
            return complete ? TlsCertificateStatus.Malformed : TlsCertificateStatus.Truncated;
        var leaf = list.Slice(3, leafLength);
        if (!X509CertificateParser.TryParse(leaf, info) || info.DerLength != leaf.Length)
            return TlsCertificateStatus.Malformed;

        var chain = 0;
        for (var offset = 0; offset + 3 <= list.Length;)
        {
            var length = ReadUInt24(list[offset..]);
            if (offset + 3 + length > list.Length)
                break;
            chain++;
            offset += 3 + length;
        }
        info.ChainLength = chain;
        info.SetChain(list);
        return TlsCertificateStatus.Ok;
    }

    private static int ReadUInt24(ReadOnlySpan<byte> data) => (data[0] << 16) | (data[1] << 8) | data[2];
}
