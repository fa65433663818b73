namespace RustIds.Packets.AppLayer.Ssh;

/// <summary>One side's SSH identification line, split into its fields (RFC 4253 §4.2).</summary>
/// <remarks>
/// <para>
/// The line is <c>SSH-protoversion-softwareversion SP comments</c>. <see cref="ProtoVersion"/> is
/// what Suricata's <c>ssh.proto</c> matches, <see cref="SoftwareVersion"/> is <c>ssh.software</c>.
/// </para>
/// <para>
/// Reused: the bytes live in a buffer the parser owns and are overwritten after
/// <see cref="SshParser.Reset"/>. Not thread-safe.
/// </para>
/// </remarks>
public sealed class SshBanner
{
    private readonly byte[] _line;
    private int _length;
    private int _protoEnd;
    private int _softwareStart;
    private int _softwareEnd;
    private int _commentsStart;

    // One spare byte holds the CR of a line of exactly the maximum length.
    internal SshBanner(int maxLineBytes)
    {
        _line = new byte[maxLineBytes + 1];
        MaxLineBytes = maxLineBytes;
    }

    /// <summary>The whole identification line without its CR LF (cut at the configured limit).</summary>
    public ReadOnlySpan<byte> Line => _line.AsSpan(0, _length);

    /// <summary>Protocol version, e.g. <c>2.0</c> or <c>1.99</c> (Suricata <c>ssh.proto</c>).</summary>
    public ReadOnlySpan<byte> ProtoVersion => _line.AsSpan(SshParser.BannerPrefixLength, _protoEnd - SshParser.BannerPrefixLength);

    /// <summary>Software version, e.g. <c>OpenSSH_8.9p1</c> (Suricata <c>ssh.software</c>); empty when absent.</summary>
    public ReadOnlySpan<byte> SoftwareVersion => _line.AsSpan(_softwareStart, _softwareEnd - _softwareStart);

    /// <summary>The comments after the first space of the software part; empty when absent.</summary>
    public ReadOnlySpan<byte> Comments => _commentsStart < 0 ? default : _line.AsSpan(_commentsStart, _length - _commentsStart);

    /// <summary>True when the line had a space after the software version (comments may still be empty).</summary>
    public bool HasComments => _commentsStart >= 0;

    /// <summary>True when the line was longer than <see cref="SshParserOptions.MaxLineBytes"/> and was cut.</summary>
    public bool IsTruncated { get; private set; }

    /// <summary>True for protocol 2.0 and for 1.99 (a server that also speaks 2.0, RFC 4253 §5.1).</summary>
    public bool IsVersion2 => ProtoVersion.SequenceEqual("2.0"u8) || ProtoVersion.SequenceEqual("1.99"u8);

    /// <summary>The line as text, for logs and tests; allocates.</summary>
    public override string ToString() => System.Text.Encoding.ASCII.GetString(Line);

    internal Span<byte> Buffer => _line;

    internal int MaxLineBytes { get; }

    /// <summary>Splits the first <paramref name="length"/> buffered bytes, which start with <c>SSH-</c>.</summary>
    /// <returns>False when the protocol version is not followed by <c>-</c> (or contains a space).</returns>
    internal bool TrySplit(int length, bool truncated)
    {
        _length = length;
        IsTruncated = truncated;
        var line = _line.AsSpan(0, length);
        var afterPrefix = line[SshParser.BannerPrefixLength..];
        var dash = afterPrefix.IndexOfAny((byte)'-', (byte)' ');
        if (dash <= 0 || afterPrefix[dash] != (byte)'-')
        {
            Clear();
            return false;
        }
        _protoEnd = SshParser.BannerPrefixLength + dash;
        _softwareStart = _protoEnd + 1;
        var space = line[_softwareStart..].IndexOf((byte)' ');
        _softwareEnd = space < 0 ? length : _softwareStart + space;
        _commentsStart = space < 0 ? -1 : _softwareEnd + 1;
        return true;
    }

    internal void Clear()
    {
        _length = 0;
        _protoEnd = SshParser.BannerPrefixLength;
        _softwareStart = 0;
        _softwareEnd = 0;
        _commentsStart = -1;
        IsTruncated = false;
    }
}
