using RustIds.Rules.Buffers;

namespace RustIds.Rules.Matching;

/// <summary>Per-worker working memory for inspecting buffers: transform output, byte_extract variables, header lists.</summary>
/// <remarks>Not thread-safe: one per capture worker. Sized once; never grows on the hot path.</remarks>
internal sealed class InspectionScratch
{
    /// <summary>Transformed buffers longer than this are cut (counted in <see cref="TruncatedTransforms"/>).</summary>
    public const int MaxTransformBytes = 64 * 1024;

    private readonly byte[] _transformed = new byte[MaxTransformBytes + 1];

    /// <summary>Built buffers such as <c>http.header_names</c>.</summary>
    public byte[] Built { get; } = new byte[MaxTransformBytes];

    /// <summary>byte_extract and byte_math results of the rule being inspected.</summary>
    public long[] Variables { get; } = new long[16];

    public long TruncatedTransforms { get; private set; }

    /// <summary>byte_* reads that failed on the data (out of bounds, not a number...), by kind.</summary>
    public ByteOps.ByteOperationCounters ByteCounters { get; } = new();

    /// <summary>Runs pcre options over bytes.</summary>
    public Pcre.PcreMatcher Pcre { get; } = new();

    /// <summary>Applies <paramref name="transforms"/> to <paramref name="data"/> into the scratch buffer.</summary>
    public ReadOnlySpan<byte> Transform(ReadOnlySpan<byte> data, BufferTransforms transforms)
    {
        var output = _transformed.AsSpan();
        var length = 0;
        if ((transforms & BufferTransforms.DotPrefix) != 0)
            output[length++] = (byte)'.';
        var limit = output.Length;
        var pendingSpace = false;
        foreach (var raw in data)
        {
            var b = raw;
            var isSpace = b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0x0B or 0x0C;
            if (isSpace && (transforms & BufferTransforms.StripWhitespace) != 0)
                continue;
            if ((transforms & BufferTransforms.CompressWhitespace) != 0)
            {
                if (isSpace)
                {
                    pendingSpace = true;
                    continue;
                }
                if (pendingSpace)
                {
                    if (length == limit)
                        break;
                    output[length++] = (byte)' ';
                    pendingSpace = false;
                }
            }
            if ((transforms & BufferTransforms.ToLowercase) != 0)
                b = ContentSearch.FoldByte(b);
            else if ((transforms & BufferTransforms.ToUppercase) != 0 && (uint)(b - 'a') <= 'z' - 'a')
                b = (byte)(b & 0xDF);
            if (length == limit)
            {
                TruncatedTransforms++;
                break;
            }
            output[length++] = b;
        }
        if (pendingSpace && length < limit)
            output[length++] = (byte)' ';
        return output[..length];
    }
}
