using System.Buffers.Binary;

namespace RustIds.Packets.Defragmentation;

/// <summary>Writes a complete datagram from a tracker: the stored first-fragment header, then the held bytes, with lengths and checksum fixed.</summary>
internal static class DatagramWriter
{
    /// <summary>Writes into <paramref name="output"/>; returns the datagram length, or -1 when it exceeds <paramref name="maxLength"/>.</summary>
    /// <param name="tracker">A complete datagram: header stored and every byte of [0, end) owned.</param>
    /// <param name="pool">The pool holding the tracker's pages.</param>
    /// <param name="maxLength">Largest IPv4 total length or IPv6 payload length allowed.</param>
    /// <param name="output">At least <see cref="IpDefragmenter.MaxHeaderBytes"/> + 65,535 bytes.</param>
    public static int Write(DatagramTracker tracker, FragmentPagePool pool, int maxLength, Span<byte> output)
    {
        var headerLength = tracker.HeaderLength;
        var end = tracker.KnownEnd;
        // The header may come from a different fragment than the one whose length check passed; check the sum again.
        var lengthField = tracker.IsV6 ? headerLength - 40 + end : headerLength + end;
        if (lengthField > maxLength)
            return -1;

        tracker.Header.AsSpan(0, headerLength).CopyTo(output);
        var data = output.Slice(headerLength, end);
        for (var page = 0; page * FragmentPagePool.PageSize < end; page++)
        {
            var start = page * FragmentPagePool.PageSize;
            var length = Math.Min(FragmentPagePool.PageSize, end - start);
            pool.Data(tracker.Pages[page])[..length].CopyTo(data[start..]);
        }

        if (tracker.IsV6)
        {
            // Next header was patched when the header was stored; only the payload length changes (RFC 8200 §4.5).
            BinaryPrimitives.WriteUInt16BigEndian(output[4..], (ushort)lengthField);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(output[2..], (ushort)lengthField);
            // Keep the reserved and DF bits; clear MF and the offset.
            output[6] &= 0xC0;
            output[7] = 0;
            output[10] = 0;
            output[11] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(output[10..], HeaderChecksum(output[..headerLength]));
        }
        return headerLength + end;
    }

    /// <summary>RFC 1071 checksum of an IPv4 header whose checksum field is zero.</summary>
    private static ushort HeaderChecksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (var i = 0; i + 1 < header.Length; i += 2)
            sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        while (sum >> 16 != 0)
            sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }
}
