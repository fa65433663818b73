namespace RustIds.Packets.AppLayer.Tls;

/// <summary>The fields of one ClientHello the rule engine and EVE need, with its JA3 and JA4 fingerprints.</summary>
/// <remarks>
/// Owned and overwritten by a <see cref="TlsWorkspace"/>: valid only during
/// <see cref="ITlsObserver.OnClientHello"/>. Lists are in wire order and keep GREASE values
/// (RFC 8701); the fingerprints drop them. Not thread-safe.
/// </remarks>
public sealed class TlsClientHello
{
    private readonly byte[] _serverName;
    private readonly byte[] _alpn;
    private readonly byte[] _ja3;
    private readonly byte[] _ja3Hash = new byte[32];
    private readonly byte[] _ja4 = new byte[36];
    private readonly byte[] _ja4Raw;

    internal TlsClientHello(TlsParserOptions options)
    {
        var cap = options.MaxListEntries;
        CipherSuiteList = new BoundedList<ushort>(cap);
        ExtensionList = new BoundedList<ushort>(cap);
        GroupList = new BoundedList<ushort>(cap);
        SignatureAlgorithmList = new BoundedList<ushort>(cap);
        VersionList = new BoundedList<ushort>(cap);
        CompressionList = new BoundedList<byte>(256);
        PointFormatList = new BoundedList<byte>(256);
        _serverName = new byte[options.MaxServerNameBytes];
        _alpn = new byte[options.MaxAlpnBytes];
        // JA3: up to 5 decimal digits and a separator per entry; JA4_r: 4 hex digits and a comma.
        _ja3 = new byte[16 + (4 * cap * 6) + (256 * 4)];
        _ja4Raw = new byte[16 + (3 * cap * 5)];
        SortScratch = new ushort[cap];
    }

    /// <summary>Version field of the record header that carried the hello's first byte.</summary>
    public ushort RecordVersion { get; internal set; }

    /// <summary>The legacy_version field (0x0303 for TLS 1.2 and 1.3 clients).</summary>
    public ushort LegacyVersion { get; internal set; }

    /// <summary>Highest non-GREASE supported_versions entry, or <see cref="LegacyVersion"/> without that extension.</summary>
    public ushort Version { get; internal set; }

    /// <summary>Length of the legacy_session_id (0–32).</summary>
    public int SessionIdLength { get; internal set; }

    /// <summary>Cipher suites in wire order.</summary>
    public ReadOnlySpan<ushort> CipherSuites => CipherSuiteList.Items;

    /// <summary>Compression methods in wire order.</summary>
    public ReadOnlySpan<byte> CompressionMethods => CompressionList.Items;

    /// <summary>Extension types in wire order.</summary>
    public ReadOnlySpan<ushort> Extensions => ExtensionList.Items;

    /// <summary>supported_groups (elliptic_curves) entries in wire order.</summary>
    public ReadOnlySpan<ushort> SupportedGroups => GroupList.Items;

    /// <summary>ec_point_formats entries in wire order.</summary>
    public ReadOnlySpan<byte> EcPointFormats => PointFormatList.Items;

    /// <summary>signature_algorithms entries in wire order.</summary>
    public ReadOnlySpan<ushort> SignatureAlgorithms => SignatureAlgorithmList.Items;

    /// <summary>supported_versions entries in wire order (empty without the extension).</summary>
    public ReadOnlySpan<ushort> SupportedVersions => VersionList.Items;

    /// <summary>True when a server_name extension carried a host_name entry.</summary>
    public bool HasServerName { get; internal set; }

    /// <summary>The first host_name of the server_name extension (SNI), as sent.</summary>
    public ReadOnlySpan<byte> ServerName => _serverName.AsSpan(0, ServerNameLength);

    /// <summary>The ALPN protocol_name_list in wire format (each name prefixed by its one-byte length).</summary>
    public ReadOnlySpan<byte> AlpnList => _alpn.AsSpan(0, AlpnLength);

    /// <summary>Number of protocol names in <see cref="AlpnList"/>.</summary>
    public int AlpnCount { get; internal set; }

    /// <summary>True when a list, the SNI or ALPN exceeded its limit and was cut (fingerprints then cover the kept part).</summary>
    public bool Truncated { get; internal set; }

    /// <summary>JA3 string "version,ciphers,extensions,groups,pointformats" (decimal, '-' joined, GREASE removed); empty when disabled.</summary>
    public ReadOnlySpan<byte> Ja3 => _ja3.AsSpan(0, Ja3Length);

    /// <summary>MD5 of <see cref="Ja3"/> as 32 lower-case hex digits; empty when disabled.</summary>
    /// <remarks>
    /// Hashed on first read, as is <see cref="Ja4"/>: the three digests of a hello took 2 µs through OpenSSL, 4 % of a replay,
    /// and are needed only by rules that match them and by alerts that show them.
    /// </remarks>
    public ReadOnlySpan<byte> Ja3Hash
    {
        get
        {
            if (Ja3Length == 0)
                return [];
            if (!Ja3Hashed)
            {
                Ja3Fingerprint.WriteMd5Hex(Ja3, _ja3Hash);
                Ja3Hashed = true;
            }
            return _ja3Hash.AsSpan(0, 32);
        }
    }

    /// <summary>JA4 fingerprint such as <c>t13d1516h2_8daaf6152771_b186095e22b6</c> (FoxIO spec); empty when disabled.</summary>
    public ReadOnlySpan<byte> Ja4
    {
        get
        {
            if (Ja4RawLength == 0)
                return [];
            if (!Ja4Hashed)
            {
                Ja4Fingerprint.WriteHashed(this, _ja4);
                Ja4Hashed = true;
            }
            return _ja4.AsSpan(0, 36);
        }
    }

    /// <summary>JA4_r, the unhashed form: prefix, sorted ciphers, sorted extensions and signature algorithms; empty when disabled.</summary>
    public ReadOnlySpan<byte> Ja4Raw => _ja4Raw.AsSpan(0, Ja4RawLength);

    /// <summary>The <paramref name="index"/>-th ALPN protocol name, or empty when out of range.</summary>
    public ReadOnlySpan<byte> GetAlpn(int index)
    {
        var list = AlpnList;
        var offset = 0;
        for (var i = 0; offset < list.Length; i++)
        {
            var length = list[offset];
            if (offset + 1 + length > list.Length)
                break;
            if (i == index)
                return list.Slice(offset + 1, length);
            offset += 1 + length;
        }
        return default;
    }

    internal BoundedList<ushort> CipherSuiteList { get; }

    internal BoundedList<ushort> ExtensionList { get; }

    internal BoundedList<ushort> GroupList { get; }

    internal BoundedList<ushort> SignatureAlgorithmList { get; }

    internal BoundedList<ushort> VersionList { get; }

    internal BoundedList<byte> CompressionList { get; }

    internal BoundedList<byte> PointFormatList { get; }

    internal ushort[] SortScratch { get; }

    internal int ServerNameLength { get; set; }

    internal int AlpnLength { get; set; }

    internal int Ja3Length { get; set; }

    internal int Ja4RawLength { get; set; }

    /// <summary>Whether <see cref="Ja3Hash"/> holds the digest of the current <see cref="Ja3"/>.</summary>
    internal bool Ja3Hashed { get; set; }

    /// <summary>Whether <see cref="Ja4"/> holds the hashed form of the current <see cref="Ja4Raw"/>.</summary>
    internal bool Ja4Hashed { get; set; }

    /// <summary>Where JA4_b (the sorted ciphers) and JA4_c (sorted extensions, signature algorithms) sit in <see cref="Ja4Raw"/>.</summary>
    internal (int CiphersStart, int CiphersEnd, int ExtensionsStart, bool HasExtensions) Ja4Parts { get; set; }

    internal Span<byte> ServerNameBuffer => _serverName;

    internal Span<byte> AlpnBuffer => _alpn;

    internal Span<byte> Ja3Buffer => _ja3;

    internal Span<byte> Ja4RawBuffer => _ja4Raw;

    internal void Clear()
    {
        RecordVersion = 0;
        LegacyVersion = 0;
        Version = 0;
        SessionIdLength = 0;
        CipherSuiteList.Clear();
        ExtensionList.Clear();
        GroupList.Clear();
        SignatureAlgorithmList.Clear();
        VersionList.Clear();
        CompressionList.Clear();
        PointFormatList.Clear();
        HasServerName = false;
        ServerNameLength = 0;
        AlpnLength = 0;
        AlpnCount = 0;
        Truncated = false;
        Ja3Length = 0;
        Ja4RawLength = 0;
        Ja3Hashed = false;
        Ja4Hashed = false;
    }
}
