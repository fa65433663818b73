namespace RustIds.Packets.AppLayer.Coap;

/// <summary>One parsed CoAP message (RFC 7252), reused for every datagram.</summary>
/// <remarks>
/// <para>
/// Token, Uri-Host, the joined Uri-Path and Uri-Query, and the payload are copied into buffers
/// allocated once from <see cref="CoapParserOptions"/>, so the message outlives the datagram but
/// is overwritten by the next <see cref="CoapMessageParser.Parse"/>. After a failed parse only the
/// header fields read before the error are meaningful.
/// </para>
/// <para>Not thread-safe: one instance per worker thread.</para>
/// </remarks>
public sealed class CoapMessage
{
    private const int MaxTokenLength = 8;
    private const int MaxUriHostLength = 255;

    private readonly byte[] _token = new byte[MaxTokenLength];
    private readonly CoapText _uriHost = new(MaxUriHostLength);
    private readonly CoapText _uriPath;
    private readonly CoapText _uriQuery;
    private readonly CoapText _payload;
    private readonly CoapOption[] _options;

    /// <summary>Creates a message with buffers sized by <paramref name="options"/>.</summary>
    /// <param name="options">Storage limits; validated by the caller at start-up.</param>
    public CoapMessage(CoapParserOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _uriPath = new CoapText(options.MaxUriBytes);
        _uriQuery = new CoapText(options.MaxUriBytes);
        _payload = new CoapText(options.MaxPayloadBytes);
        _options = new CoapOption[options.MaxOptions];
    }

    /// <summary>Message type (CON, NON, ACK, RST).</summary>
    public CoapType Type { get; internal set; }

    /// <summary>Token length, 0–8.</summary>
    public int TokenLength { get; internal set; }

    /// <summary>The token.</summary>
    public ReadOnlySpan<byte> Token => _token.AsSpan(0, TokenLength);

    /// <summary>The raw code byte: class in the top 3 bits, detail in the low 5.</summary>
    public byte Code { get; internal set; }

    /// <summary>Code class: 0 request, 2 success, 4 client error, 5 server error.</summary>
    public int CodeClass => Code >> 5;

    /// <summary>Code detail, e.g. 5 of 2.05 Content, or the method number of a request.</summary>
    public int CodeDetail => Code & 0x1F;

    /// <summary>True for code 0.00 (an empty message: ping, empty ACK or RST).</summary>
    public bool IsEmpty => Code == 0;

    /// <summary>True for a request (class 0 with a non-zero detail).</summary>
    public bool IsRequest => CodeClass == 0 && CodeDetail != 0;

    /// <summary>True for a response (class 2, 4 or 5).</summary>
    public bool IsResponse => CodeClass is 2 or 4 or 5;

    /// <summary>The request method, or <see cref="CoapMethod.None"/> for non-requests and unknown details.</summary>
    public CoapMethod Method => IsRequest && CodeDetail <= (int)CoapMethod.IPatch ? (CoapMethod)CodeDetail : CoapMethod.None;

    /// <summary>Message ID, for duplicate detection and matching ACK/RST.</summary>
    public ushort MessageId { get; internal set; }

    /// <summary>The Uri-Host option (empty when absent).</summary>
    public ReadOnlySpan<byte> UriHost => _uriHost.Value;

    /// <summary>True when a valid Uri-Port option was present.</summary>
    public bool HasUriPort { get; internal set; }

    /// <summary>The Uri-Port option (0 when absent).</summary>
    public ushort UriPort { get; internal set; }

    /// <summary>Uri-Path segments joined with <c>/</c> and no leading slash (e.g. <c>sensors/temp</c>), cut at the limit.</summary>
    public ReadOnlySpan<byte> UriPath => _uriPath.Value;

    /// <summary>Number of Uri-Path options.</summary>
    public int UriPathSegments { get; internal set; }

    /// <summary>Uri-Query options joined with <c>&amp;</c> (e.g. <c>rt=temp&amp;if=sensor</c>), cut at the limit.</summary>
    public ReadOnlySpan<byte> UriQuery => _uriQuery.Value;

    /// <summary>Number of Uri-Query options.</summary>
    public int UriQueryCount { get; internal set; }

    /// <summary>True when a valid Content-Format option was present.</summary>
    public bool HasContentFormat { get; internal set; }

    /// <summary>Content-Format (RFC 7252 §12.3 registry, e.g. 50 = application/json).</summary>
    public ushort ContentFormat { get; internal set; }

    /// <summary>True when a valid Accept option was present.</summary>
    public bool HasAccept { get; internal set; }

    /// <summary>The Accept option's content format.</summary>
    public ushort Accept { get; internal set; }

    /// <summary>The payload after the 0xFF marker, cut at <see cref="CoapParserOptions.MaxPayloadBytes"/>.</summary>
    public ReadOnlySpan<byte> Payload => _payload.Value;

    /// <summary>True length of the payload, in bytes.</summary>
    public int PayloadLength { get; internal set; }

    /// <summary>Options listed by <see cref="GetOption"/>.</summary>
    public int OptionCount { get; private set; }

    /// <summary>One listed option, in wire order.</summary>
    /// <param name="index">0 to <see cref="OptionCount"/> - 1.</param>
    public CoapOption GetOption(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, OptionCount);
        return _options[index];
    }

    internal CoapText UriHostText => _uriHost;

    internal CoapText UriPathText => _uriPath;

    internal CoapText UriQueryText => _uriQuery;

    internal CoapText PayloadText => _payload;

    internal Span<byte> TokenBuffer => _token;

    internal bool TryAddOption(CoapOption option)
    {
        if (OptionCount == _options.Length)
            return false;
        _options[OptionCount++] = option;
        return true;
    }

    internal void Clear()
    {
        Type = CoapType.Confirmable;
        TokenLength = 0;
        Code = 0;
        MessageId = 0;
        _uriHost.Clear();
        _uriPath.Clear();
        _uriQuery.Clear();
        _payload.Clear();
        HasUriPort = false;
        UriPort = 0;
        UriPathSegments = 0;
        UriQueryCount = 0;
        HasContentFormat = false;
        ContentFormat = 0;
        HasAccept = false;
        Accept = 0;
        PayloadLength = 0;
        OptionCount = 0;
    }
}
