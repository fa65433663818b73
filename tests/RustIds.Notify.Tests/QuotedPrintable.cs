using System.Globalization;
using System.Text;

namespace RustIds.Notify.Tests;

/// <summary>Decodes quoted-printable text (RFC 2045 section 6.7) as captured from the SMTP server.</summary>
internal static class QuotedPrintable
{
    public static string Decode(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;   // soft line break
            }
            else if (text[i] == '=' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                bytes.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
