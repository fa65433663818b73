namespace RustIds.Packets.AppLayer.Http;

/// <summary>Maps a Unicode code point to one byte the way Windows "best fit" code page 1252 does, for path evasion checks.</summary>
/// <remarks>
/// libhtp's IDS personality maps decoded UTF-8 and <c>%uHHHH</c> characters through Microsoft's best-fit table
/// because IIS does the same. This keeps only the entries that matter for evasion: the full-width ASCII forms
/// U+FF01–U+FF5E, the slash and backslash look-alikes U+2044, U+2215, U+2216, hyphens U+2010/U+2011, primes
/// U+2032/U+2035 and the ideographic space U+3000. Code points below U+0100 map to themselves; anything else
/// maps to <c>?</c>, libhtp's default replacement byte.
/// </remarks>
internal static class HttpBestFit
{
    public const byte Replacement = (byte)'?';

    public static byte Map(int codePoint, ref HttpUriFlags flags)
    {
        if (codePoint < 0x100)
        {
            return (byte)codePoint;
        }

        if (codePoint >= 0xFF00 && codePoint <= 0xFFEF)
        {
            flags |= HttpUriFlags.FullWidth;
            if (codePoint >= 0xFF01 && codePoint <= 0xFF5E)
            {
                return (byte)(codePoint - 0xFEE0);
            }
        }

        return codePoint switch
        {
            0x2044 or 0x2215 => (byte)'/',
            0x2216 => (byte)'\\',
            0x2010 or 0x2011 => (byte)'-',
            0x2032 => (byte)'\'',
            0x2035 => (byte)'`',
            0x3000 => (byte)' ',
            _ => Replacement,
        };
    }
}
