namespace RustIds.Packets.AppLayer.Tls;

/// <summary>Collects handshake messages from record fragments and dispatches the ones the IDS decodes.</summary>
/// <remarks>
/// RFC 8446 §5.1: a message may span records and a record may hold several messages. A message that
/// arrives whole inside one fragment is decoded in place; otherwise the interesting ones are copied
/// (bounded by <see cref="TlsParserOptions.MaxHandshakeMessageBytes"/>) and the rest skipped.
/// Stateless apart from the per-direction <see cref="TlsStreamState"/> passed in; one per parser.
/// </remarks>
internal sealed class TlsHandshakeAssembler
{
    private readonly TlsParserOptions _options;
    private readonly TlsCounters _counters;
    private readonly TlsWorkspace _workspace;

    public TlsHandshakeAssembler(TlsParserOptions options, TlsCounters counters, TlsWorkspace workspace)
    {
        _options = options;
        _counters = counters;
        _workspace = workspace;
    }

    public void Process(TlsStreamState state, bool toClient, ReadOnlySpan<byte> fragment, ITlsObserver observer)
    {
        while (!fragment.IsEmpty && !state.Stopped)
        {
            if (state.HandshakeHeaderCount < TlsStreamState.HandshakeHeaderLength)
            {
                if (state.HandshakeHeaderCount == 0)
                    state.MessageRecordVersion = state.RecordVersion;
                state.HandshakeHeader = (state.HandshakeHeader << 8) | fragment[0];
                state.HandshakeHeaderCount++;
                fragment = fragment[1..];
                if (state.HandshakeHeaderCount == TlsStreamState.HandshakeHeaderLength)
                    StartMessage(state, toClient, observer);
                continue;
            }
            var take = Math.Min(state.MessageLength - state.MessageReceived, fragment.Length);
            var chunk = fragment[..take];
            fragment = fragment[take..];
            if (state.MessageReceived == 0 && take == state.MessageLength && state.MessageWanted == take)
            {
                state.MessageReceived = take;
                Complete(state, toClient, chunk, observer);
                continue;
            }
            if (state.MessageReceived < state.MessageWanted)
            {
                var copy = Math.Min(state.MessageWanted - state.MessageReceived, take);
                chunk[..copy].CopyTo(state.RentBuffer(state.MessageWanted)[state.MessageReceived..]);
            }
            state.MessageReceived += take;
            if (state.MessageReceived == state.MessageLength)
            {
                var body = state.Buffer is null ? default : state.Buffer.AsSpan(0, state.MessageWanted);
                Complete(state, toClient, body, observer);
            }
        }
    }

    private void StartMessage(TlsStreamState state, bool toClient, ITlsObserver observer)
    {
        _counters.HandshakeMessages++;
        state.MessageType = (byte)(state.HandshakeHeader >> 24);
        state.MessageLength = (int)(state.HandshakeHeader & 0xFFFFFF);
        state.MessageReceived = 0;
        state.MessageWanted = 0;
        var max = _options.MaxHandshakeMessageBytes;
        switch (state.MessageType)
        {
            case TlsConstants.HandshakeClientHello or TlsConstants.HandshakeServerHello:
                if (state.MessageLength > max)
                    _counters.OversizedMessages++;
                else
                    state.MessageWanted = state.MessageLength;
                break;
            case TlsConstants.HandshakeCertificate when toClient:
                if (state.MessageLength > max)
                    _counters.OversizedMessages++;
                state.MessageWanted = Math.Min(state.MessageLength, max);
                break;
        }
        if (state.MessageLength == 0)
            Complete(state, toClient, default, observer);
    }

    private void Complete(TlsStreamState state, bool toClient, ReadOnlySpan<byte> body, ITlsObserver observer)
    {
        var type = state.MessageType;
        var complete = state.MessageWanted == state.MessageLength;
        var interesting = state.MessageWanted > 0 || (state.MessageLength == 0 && IsInteresting(type, toClient));
        if (interesting)
        {
            switch (type)
            {
                case TlsConstants.HandshakeClientHello:
                    OnClientHello(state, body, observer);
                    break;
                case TlsConstants.HandshakeServerHello:
                    OnServerHello(state, body, observer);
                    break;
                case TlsConstants.HandshakeCertificate:
                    OnCertificate(body, complete, observer);
                    break;
            }
        }
        if (!state.Stopped)
            state.ResetMessage();
    }

    private static bool IsInteresting(byte type, bool toClient) =>
        type is TlsConstants.HandshakeClientHello or TlsConstants.HandshakeServerHello
        || (type == TlsConstants.HandshakeCertificate && toClient);

    private void OnClientHello(TlsStreamState state, ReadOnlySpan<byte> body, ITlsObserver observer)
    {
        var hello = _workspace.ClientHello;
        if (!TlsClientHelloParser.TryParse(body, hello, _counters))
        {
            _counters.MalformedClientHellos++;
            return;
        }
        hello.RecordVersion = state.MessageRecordVersion;
        if (_options.EnableJa3)
            Ja3Fingerprint.Compute(hello);
        if (_options.EnableJa4)
            Ja4Fingerprint.Compute(hello);
        _counters.ClientHellos++;
        observer.OnClientHello(hello);
    }

    private void OnServerHello(TlsStreamState state, ReadOnlySpan<byte> body, ITlsObserver observer)
    {
        var hello = _workspace.ServerHello;
        if (!TlsServerHelloParser.TryParse(body, hello, _counters))
        {
            _counters.MalformedServerHellos++;
            return;
        }
        hello.RecordVersion = state.MessageRecordVersion;
        if (_options.EnableJa3)
            Ja3Fingerprint.Compute(hello);
        _counters.ServerHellos++;
        observer.OnServerHello(hello);
        // TLS 1.3 (and its 0x7fxx drafts) encrypt everything the server sends after ServerHello.
        if (!hello.IsHelloRetryRequest && (hello.Version == TlsConstants.VersionTls13 || (hello.Version >> 8) == 0x7f))
        {
            _counters.EncryptedStops++;
            state.Stop();
        }
    }

    private void OnCertificate(ReadOnlySpan<byte> body, bool complete, ITlsObserver observer)
    {
        var info = _workspace.Certificate;
        switch (TlsCertificateMessage.TryParse(body, complete, info))
        {
            case TlsCertificateStatus.Ok:
                if (info.Truncated)
                    _counters.TruncatedCertificateFields++;
                _counters.Certificates++;
                observer.OnCertificate(info);
                break;
            case TlsCertificateStatus.Malformed:
                _counters.MalformedCertificates++;
                break;
        }
    }
}
