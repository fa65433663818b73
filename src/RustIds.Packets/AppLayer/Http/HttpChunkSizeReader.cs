namespace RustIds.Packets.AppLayer.Http;

/// <summary>Incremental reader of one chunk-size line: <c>hex-size [ws] [; extensions] CRLF</c> (RFC 9112 §7.1).</summary>
/// <remarks>Extensions are skipped; whitespace around the size and empty lines before it are tolerated, as in libhtp.
/// Anything else, a size past 2^59 or a line longer than the start-line limit is invalid.</remarks>
internal sealed class HttpChunkSizeReader
{
    private const long MaxSize = long.MaxValue >> 4;

    private bool _digits;
    private bool _digitsEnded;
    private bool _extension;
    private int _length;

    public enum Result : byte
    {
        NeedMoreData,
        Size,
        Invalid,
    }

    public long Size { get; private set; }

    public void Reset()
    {
        Size = 0;
        _digits = false;
        _digitsEnded = false;
        _extension = false;
        _length = 0;
    }

    /// <summary>Reads up to the end of the line; returns the bytes consumed.</summary>
    public int Feed(ReadOnlySpan<byte> data, int maxLineLength, out Result result)
    {
        for (int i = 0; i < data.Length; i++)
        {
            byte b = data[i];
            if (b == (byte)'\n')
            {
                if (_digits)
                {
                    result = Result.Size;
                    return i + 1;
                }

                if (_extension)
                {
                    result = Result.Invalid;
                    return i + 1;
                }

                Reset();
                continue;
            }

            if (++_length > maxLineLength)
            {
                result = Result.Invalid;
                return i + 1;
            }

            if (_extension || b == (byte)'\r')
            {
                continue;
            }

            int hex = HttpAscii.HexValue(b);
            if (hex >= 0 && !_digitsEnded)
            {
                if (Size > MaxSize)
                {
                    result = Result.Invalid;
                    return i + 1;
                }

                Size = (Size << 4) | (uint)hex;
                _digits = true;
            }
            else if (b == (byte)';')
            {
                _extension = true;
            }
            else if (HttpAscii.IsWhitespace(b))
            {
                _digitsEnded = _digits;
            }
            else
            {
                result = Result.Invalid;
                return i + 1;
            }
        }

        result = Result.NeedMoreData;
        return data.Length;
    }
}
