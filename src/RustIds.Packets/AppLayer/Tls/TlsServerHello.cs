namespace RustIds.Packets.AppLayer.Tls;

/// <summary>The fields of one ServerHello the rule engine and EVE need, with its JA3S fingerprint.</summary>
/// <remarks>Owned and overwritten by a <see cref="TlsWorkspace"/>: valid only during <see cref="ITlsObserver.OnServerHello"/>. Not thread-safe.</remarks>
public sealed class TlsServerHello
{
    private readonly byte[] _alpn = new byte[255];
    private readonly byte[] _ja3s;
    private readonly byte[] _ja3sHash = new byte[32];

    internal TlsServerHello(TlsParserOptions options)
    {
        ExtensionList = new BoundedList<ushort>(options.MaxListEntries);
        _ja3s = new byte[32 + (options.MaxListEntries * 6)];
    }

    /// <summary>Version field of the record header that carried the hello's first byte.</summary>
    public ushort RecordVersion { get; internal set; }

    /// <summary>The legacy_version field (0x0303 for TLS 1.3 servers).</summary>
    public ushort LegacyVersion { get; internal set; }

    /// <summary>The negotiated version: supported_versions' selected_version, else <see cref="LegacyVersion"/>.</summary>
    public ushort Version { get; internal set; }

    /// <summary>Length of the legacy_session_id_echo (0–32).</summary>
    public int SessionIdLength { get; internal set; }

    /// <summary>The selected cipher suite.</summary>
    public ushort CipherSuite { get; internal set; }

    /// <summary>The selected compression method.</summary>
    public byte CompressionMethod { get; internal set; }

    /// <summary>Extension types in wire order.</summary>
    public ReadOnlySpan<ushort> Extensions => ExtensionList.Items;

    /// <summary>The ALPN protocol the server selected, or empty.</summary>
    public ReadOnlySpan<byte> Alpn => _alpn.AsSpan(0, AlpnLength);

    /// <summary>True when the random is the HelloRetryRequest marker (RFC 8446 §4.1.3).</summary>
    public bool IsHelloRetryRequest { get; internal set; }

    /// <summary>True when the extension list exceeded its limit and was cut.</summary>
    public bool Truncated { get; internal set; }

    /// <summary>JA3S string "version,cipher,extensions" (decimal, '-' joined, GREASE removed); empty when disabled.</summary>
    public ReadOnlySpan<byte> Ja3s => _ja3s.AsSpan(0, Ja3sLength);

    /// <summary>MD5 of <see cref="Ja3s"/> as 32 lower-case hex digits, computed on first read; empty when disabled.</summary>
    public ReadOnlySpan<byte> Ja3sHash
    {
        get
        {
            if (Ja3sLength == 0)
                return [];
            if (!Ja3sHashed)
            {
                Ja3Fingerprint.WriteMd5Hex(Ja3s, _ja3sHash);
                Ja3sHashed = true;
            }
            return _ja3sHash.AsSpan(0, 32);
        }
    }

    /// <summary>Whether <see cref="Ja3sHash"/> holds the digest of the current <see cref="Ja3s"/>.</summary>
    internal bool Ja3sHashed { get; set; }

    internal BoundedList<ushort> ExtensionList { get; }

    internal int AlpnLength { get; set; }

    internal int Ja3sLength { get; set; }

    internal Span<byte> AlpnBuffer => _alpn;

    internal Span<byte> Ja3sBuffer => _ja3s;


    internal void Clear()
    {
        RecordVersion = 0;
        LegacyVersion = 0;
        Version = 0;
        SessionIdLength = 0;
        CipherSuite = 0;
        CompressionMethod = 0;
        ExtensionList.Clear();
        AlpnLength = 0;
        IsHelloRetryRequest = false;
        Truncated = false;
        Ja3sLength = 0;
        Ja3sHashed = false;
    }
}
