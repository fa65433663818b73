namespace RustIds.Packets.AppLayer.Tls;

/// <summary>Parses the cleartext TLS handshake of one TCP connection from its reassembled byte streams.</summary>
/// <remarks>
/// <para>
/// Each direction is fed in order, in pieces of any size. The record layer (RFC 8446 §5.1) is
/// tracked per direction; handshake messages are collected across records and segments. ClientHello,
/// ServerHello and the leaf of a TLS ≤ 1.2 Certificate message are decoded and handed to an
/// <see cref="ITlsObserver"/>; other messages are skipped without copying.
/// </para>
/// <para>
/// A direction stops at ChangeCipherSpec, at application data, and (server side) after a TLS 1.3
/// ServerHello that is not a HelloRetryRequest: what follows is encrypted. It also stops at a gap, an
/// invalid or oversized record, or an SSLv2 record. Stops and errors are counted in
/// <see cref="TlsCounters"/>; input bytes never cause an exception. No allocation per call once the
/// shared <see cref="System.Buffers.ArrayPool{T}"/> is warm.
/// </para>
/// <para>One instance per flow, reused through <see cref="Reset"/>; not thread-safe.</para>
/// </remarks>
public sealed class TlsParser
{
    private readonly TlsParserOptions _options;
    private readonly TlsCounters _counters;
    private readonly TlsHandshakeAssembler _assembler;
    private readonly TlsStreamState _toServer = new();
    private readonly TlsStreamState _toClient = new();

    /// <summary>Creates a parser that uses its own workspace.</summary>
    /// <param name="options">Limits; validated by the caller at start-up.</param>
    /// <param name="counters">The worker's counters.</param>
    public TlsParser(TlsParserOptions options, TlsCounters counters)
        : this(options, counters, new TlsWorkspace(options))
    {
    }

    /// <summary>Creates a parser that shares a worker's workspace (the usual case: parsers are per flow, workspaces per thread).</summary>
    /// <param name="options">Limits; validated by the caller at start-up.</param>
    /// <param name="counters">The worker's counters.</param>
    /// <param name="workspace">Buffers for decoded messages, created with the same options.</param>
    public TlsParser(TlsParserOptions options, TlsCounters counters, TlsWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(workspace);
        if (workspace.Options != options)
            throw new ArgumentException("The workspace must be created with the same options as the parser.", nameof(workspace));
        _options = options;
        _counters = counters;
        _assembler = new TlsHandshakeAssembler(options, counters, workspace);
    }

    /// <summary>True when both directions have stopped; further data is ignored until <see cref="Reset"/>.</summary>
    public bool IsFinished => _toServer.Stopped && _toClient.Stopped;

    /// <summary>True when the given direction has stopped (encrypted, gap or error).</summary>
    public bool IsStopped(FlowDirection direction) => StateFor(direction)?.Stopped ?? true;

    /// <summary>Forgets all state (and returns any pooled buffer) so the instance can serve another flow.</summary>
    public void Reset()
    {
        _toServer.Reset();
        _toClient.Reset();
    }

    /// <summary>Feeds the next in-order bytes of one direction.</summary>
    /// <param name="direction">Which stream the bytes belong to.</param>
    /// <param name="data">The bytes; only read during the call.</param>
    /// <param name="observer">Receives decoded messages during the call.</param>
    public void Parse(FlowDirection direction, ReadOnlySpan<byte> data, ITlsObserver observer)
    {
        var state = StateFor(direction);
        if (state is null)
        {
            _counters.UnknownDirection++;
            return;
        }
        while (!data.IsEmpty && !state.Stopped)
        {
            if (state.RecordHeaderCount < TlsStreamState.RecordHeaderLength)
            {
                data = ReadRecordHeader(state, data);
                continue;
            }
            var take = Math.Min(state.RecordRemaining, data.Length);
            var fragment = data[..take];
            data = data[take..];
            state.RecordRemaining -= take;
            // Alert and heartbeat records are skipped.
            switch (state.RecordType)
            {
                case TlsConstants.ContentHandshake:
                    _assembler.Process(state, direction == FlowDirection.ToClient, fragment, observer);
                    break;
            }
            if (state.RecordRemaining == 0)
                state.RecordHeaderCount = 0;
        }
    }

    /// <summary>Reports lost bytes in one direction; record boundaries cannot be recovered, so the direction stops.</summary>
    public void OnGap(FlowDirection direction)
    {
        var state = StateFor(direction);
        if (state is null || state.Stopped)
            return;
        _counters.Gaps++;
        state.Stop();
    }

    private TlsStreamState? StateFor(FlowDirection direction) => direction switch
    {
        FlowDirection.ToServer => _toServer,
        FlowDirection.ToClient => _toClient,
        _ => null,
    };

    private ReadOnlySpan<byte> ReadRecordHeader(TlsStreamState state, ReadOnlySpan<byte> data)
    {
        if (!state.SeenFirstByte)
        {
            state.SeenFirstByte = true;
            // SSLv2 record header: the length's top bit is set (RFC 6101 appendix E.2).
            if ((data[0] & 0x80) != 0)
            {
                _counters.Sslv2Records++;
                state.Stop();
                return default;
            }
        }
        while (state.RecordHeaderCount < TlsStreamState.RecordHeaderLength && !data.IsEmpty)
        {
            state.RecordHeader = (state.RecordHeader << 8) | data[0];
            state.RecordHeaderCount++;
            data = data[1..];
        }
        if (state.RecordHeaderCount < TlsStreamState.RecordHeaderLength)
            return data;
        var header = state.RecordHeader;
        state.RecordHeader = 0;
        var type = (byte)(header >> 32);
        var version = (ushort)(header >> 16);
        var length = (int)(header & 0xFFFF);
        if (type is < TlsConstants.ContentChangeCipherSpec or > TlsConstants.ContentHeartbeat || (version >> 8) != 3)
        {
            _counters.InvalidRecords++;
            state.Stop();
            return default;
        }
        if (length > _options.MaxRecordBytes)
        {
            _counters.OversizedRecords++;
            state.Stop();
            return default;
        }
        if (type is TlsConstants.ContentChangeCipherSpec or TlsConstants.ContentApplicationData)
        {
            // Everything after ChangeCipherSpec, and application data itself, is encrypted.
            _counters.EncryptedStops++;
            state.Stop();
            return default;
        }
        state.RecordType = type;
        state.RecordVersion = version;
        state.RecordRemaining = length;
        if (length == 0)
            state.RecordHeaderCount = 0;
        return data;
    }
}
