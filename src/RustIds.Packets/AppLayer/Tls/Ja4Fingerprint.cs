using System.Security.Cryptography;

namespace RustIds.Packets.AppLayer.Tls;

/// <summary>Computes JA4 and JA4_r for a ClientHello over TCP, per the FoxIO JA4 specification.</summary>
/// <remarks>
/// JA4_a = "t" + version ("13", "12", ... or "00") + "d"/"i" (SNI present) + two-digit cipher and
/// extension counts (capped at 99) + first and last character of the first ALPN value ("00" when
/// none; hex digits when either end is not alphanumeric). JA4_b = first 12 hex digits of SHA-256 of
/// the sorted cipher list ("0a0a,..."). JA4_c = the same over the sorted extensions without SNI
/// (0000) and ALPN (0010), followed by "_" and the signature algorithms in wire order when there are
/// any. Empty lists hash to "000000000000". GREASE is ignored everywhere.
/// </remarks>
internal static class Ja4Fingerprint
{
    private const int PrefixLength = 10;

    public static void Compute(TlsClientHello hello)
    {
        var raw = new AsciiWriter(hello.Ja4RawBuffer);
        WritePrefix(ref raw, hello);
        raw.Write((byte)'_');

        var bStart = raw.Length;
        var sorted = hello.SortScratch.AsSpan();
        var count = CopyWithoutGrease(hello.CipherSuites, sorted, skipSniAndAlpn: false);
        HeapSort(sorted[..count]);
        WriteHexList(ref raw, sorted[..count]);
        var bEnd = raw.Length;
        raw.Write((byte)'_');

        var cStart = raw.Length;
        count = CopyWithoutGrease(hello.Extensions, sorted, skipSniAndAlpn: true);
        var extensionCount = count;
        HeapSort(sorted[..count]);
        WriteHexList(ref raw, sorted[..count]);
        count = CopyWithoutGrease(hello.SignatureAlgorithms, sorted, skipSniAndAlpn: false);
        if (count > 0)
        {
            raw.Write((byte)'_');
            WriteHexList(ref raw, sorted[..count]);
        }
        hello.Ja4RawLength = raw.Length;
        hello.Ja4Parts = (bStart, bEnd, cStart, extensionCount > 0);
        hello.Ja4Hashed = false;
    }

    /// <summary>Writes JA4 (prefix, then JA4_b and JA4_c hashed) from the hello's <see cref="TlsClientHello.Ja4Raw"/> into <paramref name="hashed"/>.</summary>
    public static void WriteHashed(TlsClientHello hello, Span<byte> hashed)
    {
        var text = hello.Ja4Raw;
        var (bStart, bEnd, cStart, hasExtensions) = hello.Ja4Parts;
        text[..PrefixLength].CopyTo(hashed);
        hashed[PrefixLength] = (byte)'_';
        WriteTruncatedSha256(text[bStart..bEnd], bEnd > bStart, hashed.Slice(PrefixLength + 1, 12));
        hashed[PrefixLength + 13] = (byte)'_';
        WriteTruncatedSha256(text[cStart..], hasExtensions, hashed.Slice(PrefixLength + 14, 12));
    }

    private static void WritePrefix(ref AsciiWriter writer, TlsClientHello hello)
    {
        writer.Write((byte)'t');
        writer.Write(VersionCode(hello.Version));
        writer.Write(hello.Extensions.Contains(TlsConstants.ExtensionServerName) ? (byte)'d' : (byte)'i');
        WriteCount(ref writer, CountWithoutGrease(hello.CipherSuites));
        WriteCount(ref writer, CountWithoutGrease(hello.Extensions));
        var alpn = hello.AlpnCount > 0 ? hello.GetAlpn(0) : default;
        if (alpn.IsEmpty)
        {
            writer.Write("00"u8);
        }
        else if (IsAlphanumeric(alpn[0]) && IsAlphanumeric(alpn[^1]))
        {
            writer.Write(alpn[0]);
            writer.Write(alpn[^1]);
        }
        else
        {
            // First and last digit of the value's hex representation.
            Span<byte> first = stackalloc byte[2];
            Span<byte> last = stackalloc byte[2];
            new AsciiWriter(first).WriteHexByte(alpn[0], upper: false);
            new AsciiWriter(last).WriteHexByte(alpn[^1], upper: false);
            writer.Write(first[0]);
            writer.Write(last[1]);
        }
    }

    private static ReadOnlySpan<byte> VersionCode(ushort version) => version switch
    {
        TlsConstants.VersionTls13 => "13"u8,
        TlsConstants.VersionTls12 => "12"u8,
        TlsConstants.VersionTls11 => "11"u8,
        TlsConstants.VersionTls10 => "10"u8,
        TlsConstants.VersionSsl30 => "s3"u8,
        0x0002 => "s2"u8,
        0xfeff => "d1"u8,
        0xfefd => "d2"u8,
        0xfefc => "d3"u8,
        _ => "00"u8,
    };

    private static bool IsAlphanumeric(byte value) =>
        value is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z');

    private static void WriteCount(ref AsciiWriter writer, int count)
    {
        count = Math.Min(count, 99);
        writer.Write((byte)('0' + (count / 10)));
        writer.Write((byte)('0' + (count % 10)));
    }

    private static int CountWithoutGrease(ReadOnlySpan<ushort> values)
    {
        var count = 0;
        foreach (var value in values)
        {
            if (!TlsConstants.IsGrease(value))
                count++;
        }
        return count;
    }

    private static int CopyWithoutGrease(ReadOnlySpan<ushort> values, Span<ushort> destination, bool skipSniAndAlpn)
    {
        var count = 0;
        foreach (var value in values)
        {
            if (TlsConstants.IsGrease(value))
                continue;
            if (skipSniAndAlpn && value is TlsConstants.ExtensionServerName or TlsConstants.ExtensionAlpn)
                continue;
            destination[count++] = value;
        }
        return count;
    }

    /// <summary>Sorts ascending in place.</summary>
    /// <remarks>
    /// Not <c>Span.Sort</c>: under Native AOT that wraps the default comparer in a new delegate per call, and two
    /// per ClientHello were the only steady-state allocation of the packet path (and the collections they caused).
    /// Heapsort, so a hello with thousands of entries costs n log n, not n².
    /// </remarks>
    internal static void HeapSort(Span<ushort> values)
    {
        for (var root = (values.Length / 2) - 1; root >= 0; root--)
            SiftDown(values, root, values.Length);
        for (var end = values.Length - 1; end > 0; end--)
        {
            (values[0], values[end]) = (values[end], values[0]);
            SiftDown(values, 0, end);
        }
    }

    private static void SiftDown(Span<ushort> values, int root, int length)
    {
        var value = values[root];
        while (true)
        {
            var child = (2 * root) + 1;
            if (child >= length)
                break;
            if (child + 1 < length && values[child + 1] > values[child])
                child++;
            if (values[child] <= value)
                break;
            values[root] = values[child];
            root = child;
        }
        values[root] = value;
    }

    private static void WriteHexList(ref AsciiWriter writer, ReadOnlySpan<ushort> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
                writer.Write((byte)',');
            writer.WriteHex4(values[i]);
        }
    }

    private static void WriteTruncatedSha256(ReadOnlySpan<byte> text, bool hasValues, Span<byte> destination)
    {
        if (!hasValues)
        {
            destination.Fill((byte)'0');
            return;
        }
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(text, digest);
        new AsciiWriter(destination).WriteHex(digest[..6], upper: false);
    }
}
