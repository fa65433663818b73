namespace RustIds.Packets.AppLayer.Dns;

/// <summary>Frames and parses the DNS messages of one TCP connection from its reassembled byte streams.</summary>
/// <remarks>
/// <para>
/// Each direction is fed in order, in pieces of any size: a message may be split across segments at
/// any byte, and one segment may hold several messages (RFC 7766 §8 pipelining). Every message whose
/// header decodes is handed to an <see cref="IDnsObserver"/>; a message arriving whole in one call is
/// parsed straight from the caller's bytes, a split one is collected in a pooled buffer (at most
/// <see cref="DnsParserOptions.MaxTcpMessageBytes"/>; larger ones are skipped and counted).
/// </para>
/// <para>
/// After a gap the partial message is dropped and the direction waits for data that
/// <see cref="DnsProbe"/> accepts as the start of a message (Suricata's policy); data that does not
/// is ignored and counted. No allocation per call once the shared array pool is warm.
/// </para>
/// <para>One instance per flow, reused through <see cref="Reset"/>; not thread-safe.</para>
/// </remarks>
public sealed class DnsTcpParser
{
    private readonly DnsParserOptions _options;
    private readonly DnsCounters _counters;
    private readonly DnsMessage _message;
    private readonly DnsTcpStreamState _toServer = new();
    private readonly DnsTcpStreamState _toClient = new();

    /// <summary>Creates a parser with its own message workspace.</summary>
    /// <param name="options">Limits; validated by the caller at start-up.</param>
    /// <param name="counters">The worker's counters.</param>
    public DnsTcpParser(DnsParserOptions options, DnsCounters counters)
        : this(options, counters, new DnsMessage(options))
    {
    }

    /// <summary>Creates a parser that shares a worker's message workspace (the usual case: parsers per flow, workspace per thread).</summary>
    /// <param name="options">Limits; validated by the caller at start-up.</param>
    /// <param name="counters">The worker's counters.</param>
    /// <param name="workspace">The message parsed into, created with the same options.</param>
    public DnsTcpParser(DnsParserOptions options, DnsCounters counters, DnsMessage workspace)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(workspace);
        if (workspace.Options != options)
            throw new ArgumentException("The workspace must be created with the same options as the parser.", nameof(workspace));
        _options = options;
        _counters = counters;
        _message = workspace;
    }

    /// <summary>Forgets all state (and returns any pooled buffer) so the instance can serve another flow.</summary>
    public void Reset()
    {
        _toServer.Reset();
        _toClient.Reset();
    }

    /// <summary>Feeds the next in-order bytes of one direction.</summary>
    /// <param name="direction">Which stream the bytes belong to.</param>
    /// <param name="data">The bytes; only read during the call.</param>
    /// <param name="observer">Receives parsed messages during the call.</param>
    public void Parse(FlowDirection direction, ReadOnlySpan<byte> data, IDnsObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var state = StateFor(direction);
        if (state is null)
        {
            _counters.UnknownDirection++;
            return;
        }
        if (data.IsEmpty)
            return;
        if (state.InGap)
        {
            if (DnsProbe.Probe(data, isTcp: true) == ProbeResult.NoMatch)
            {
                _counters.TcpGapSkippedSegments++;
                return;
            }
            state.InGap = false;
            _counters.TcpResyncs++;
        }
        while (!data.IsEmpty)
        {
            if (state.PrefixBytes < 2)
            {
                state.Expected = (state.Expected << 8) | data[0];
                state.PrefixBytes++;
                data = data[1..];
                if (state.PrefixBytes == 2)
                    StartMessage(state);
                continue;
            }
            var take = Math.Min(state.Expected - state.Received, data.Length);
            if (state.Skipping)
            {
                state.Received += take;
            }
            else if (state.Received == 0 && take == state.Expected)
            {
                // The whole message is in this call: parse it in place, no copy into a pooled buffer.
                state.Received = take;
                Deliver(direction, data[..take], observer);
            }
            else
            {
                data[..take].CopyTo(state.RentBuffer()[state.Received..]);
                state.Received += take;
                if (state.Received == state.Expected)
                    Deliver(direction, state.Buffer.AsSpan(0, state.Expected), observer);
            }
            data = data[take..];
            if (state.Received == state.Expected)
                state.ResetMessage();
        }
    }

    /// <summary>Reports lost bytes in one direction: the partial message is dropped and framing is re-found by probing.</summary>
    /// <param name="direction">The direction that lost bytes.</param>
    public void OnGap(FlowDirection direction)
    {
        var state = StateFor(direction);
        if (state is null)
            return;
        _counters.TcpGaps++;
        state.ResetMessage();
        state.InGap = true;
    }

    private void StartMessage(DnsTcpStreamState state)
    {
        _counters.TcpMessages++;
        if (state.Expected == 0)
        {
            _counters.TcpZeroLengthFrames++;
            state.ResetMessage();
        }
        else if (state.Expected > _options.MaxTcpMessageBytes)
        {
            _counters.TcpOversizedMessages++;
            state.Skipping = true;
        }
    }

    private void Deliver(FlowDirection direction, ReadOnlySpan<byte> message, IDnsObserver observer)
    {
        if (DnsMessageParser.Parse(message, _message, _counters) != DnsParseStatus.TruncatedHeader)
            observer.OnDnsMessage(direction, _message);
    }

    private DnsTcpStreamState? StateFor(FlowDirection direction) => direction switch
    {
        FlowDirection.ToServer => _toServer,
        FlowDirection.ToClient => _toClient,
        _ => null,
    };
}
