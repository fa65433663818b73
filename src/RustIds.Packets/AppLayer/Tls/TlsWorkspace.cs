namespace RustIds.Packets.AppLayer.Tls;

/// <summary>The decoded-message objects and fingerprint buffers shared by every <see cref="TlsParser"/> of one capture worker.</summary>
/// <remarks>
/// A hello with its fingerprints needs about 20 KiB of buffers at the default limits; they are only
/// live during an observer call, so one set per worker thread serves every flow and a parser itself
/// stays small. Create it with the same options as the parsers that share it. Not thread-safe.
/// </remarks>
public sealed class TlsWorkspace
{
    /// <summary>Allocates the buffers for the limits in <paramref name="options"/>.</summary>
    public TlsWorkspace(TlsParserOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        ClientHello = new TlsClientHello(options);
        ServerHello = new TlsServerHello(options);
        Certificate = new TlsCertificateInfo(options);
    }

    /// <summary>The limits the buffers were sized for.</summary>
    public TlsParserOptions Options { get; }

    internal TlsClientHello ClientHello { get; }

    internal TlsServerHello ServerHello { get; }

    internal TlsCertificateInfo Certificate { get; }
}
