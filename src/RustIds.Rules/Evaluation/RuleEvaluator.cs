using System.Numerics;
using RustIds.Packets;
using RustIds.Packets.AppLayer;
using RustIds.Packets.AppLayer.Dns;
using RustIds.Packets.AppLayer.Http;
using RustIds.Packets.AppLayer.Ssh;
using RustIds.Packets.AppLayer.Tls;
using RustIds.Packets.Processing;
using RustIds.Rules.Buffers;
using RustIds.Rules.Flowbits;
using RustIds.Rules.Matching;
using RustIds.Rules.Prefilter;

namespace RustIds.Rules.Evaluation;

/// <summary>
/// One capture worker's rule engine: prefilters and verifies packet rules per packet and app-layer rules per
/// transaction event, keeps the flowbits, and reports matches in rule order.
/// </summary>
/// <remarks>
/// <para>Give it to the <see cref="PacketProcessor"/> as its <see cref="IAppLayerObserver"/>: during an event
/// (HTTP request headers, a DNS query, a TLS hello...) the rules of that event are prefiltered on its buffers
/// and their app-layer buffers verified then, while the parser's objects are valid; what matched waits for
/// <see cref="Evaluate"/> on the packet that carried the event, which checks the rest (header, flow,
/// packet payload, flowbits) together with the packet rules, in one rule order, as Suricata does.</para>
/// <para>TCP packet rules with payload keywords also inspect the reassembled stream, as Suricata's do: each
/// in-order chunk is inspected in a window with up to <see cref="StreamWindowBytes"/> bytes of the stream before
/// it, so a pattern split across segments is found; the match completes on the next packet sent in that
/// direction (normally the one that delivered the chunk), where the rest of the rule is checked. A match that the
/// window's older bytes alone already held is not reported again. Rules placed from the buffer's start
/// (offset, depth, ...) inspect the stream only while the window begins at its first byte.</para>
/// <para>Not thread-safe; allocation-free per packet once warm.</para>
/// </remarks>
public sealed class RuleEvaluator : IAppLayerObserver, IDisposable
{
    private const int MaxPending = 256;

    /// <summary>Stream bytes kept per TCP direction by default (<c>Rules:StreamWindowBytes</c>).</summary>
    public const int DefaultStreamWindowBytes = 2048;

    /// <summary>Memory for stream windows per worker by default (<c>Rules:StreamWindowMemcapMiB</c>).</summary>
    public const int DefaultStreamWindowMemcapMiB = 64;

    /// <summary>Longest piece of a delivered chunk inspected in one window; longer chunks are inspected in pieces.</summary>
    private const int MaxStreamChunk = 16 * 1024;

    private readonly PendingTxMatch[] _pending = new PendingTxMatch[MaxPending];
    private readonly InspectionScratch _scratch = new();
    private readonly TxData _tx = new();
    private readonly StreamWindows _streams;
    private readonly byte[] _streamWindow;
    private IMultiPatternScanner[] _scanners = [];
    private CompiledRuleSet _set = null!;
    private CompiledRule[] _rules = [];
    private ulong[] _candidates = [];
    private int[] _txMatches = [];
    private AppLayerSnapshot?[] _txSnapshots = [];
    private AppLayerSnapshot?[] _matchSnapshots = new AppLayerSnapshot?[64];
    private AppLayerSnapshot? _eventSnapshot;
    private bool _eventSnapshotTaken;
    private ulong[] _eventCandidates = [];
    private ulong[] _found = [];
    private ulong[] _streamCandidates = [];
    private int[] _streamFound = new int[64];
    private int _streamFoundCount;
    private readonly RulePlan?[] _chunkPlans = new RulePlan?[3];
    private int _lastChunkLength = -1;
    private int _lastChunkStart;
    private ulong _lastChunkFlowId;
    private FlowDirection _lastChunkDirection;
    private ulong[] _streamMatched = [];
    private bool _anyStreamMatch;
    private int[] _hits = [];
    private FlowbitStore _flowbits = null!;
    private Thresholds.ThresholdState? _thresholds;
    private int _pendingCount;

    internal RuleEvaluator(CompiledRuleSet set, int streamWindowBytes = DefaultStreamWindowBytes, int streamWindowMemcapMiB = DefaultStreamWindowMemcapMiB)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(streamWindowBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(streamWindowMemcapMiB);
        _streams = new StreamWindows(streamWindowBytes, streamWindowMemcapMiB * 1024L * 1024);
        _streamWindow = new byte[streamWindowBytes + MaxStreamChunk];
        Use(set);
    }

    /// <summary>Whether a packet whose payload was just scanned as a stream chunk skips its own scan (tests turn it off to compare).</summary>
    internal bool ReuseStreamScan { get; set; } = true;

    /// <summary>Stream bytes kept per TCP direction to inspect the next chunk with.</summary>
    public int StreamWindowBytes => _streams.WindowBytes;

    /// <summary>Reassembled stream bytes inspected by stream rules.</summary>
    public long StreamBytesInspected { get; private set; }

    /// <summary>Stream windows in which some rule's payload keywords matched (before the rest of the rule was checked).</summary>
    public long StreamMatches { get; private set; }

    /// <summary>Stream chunks inspected alone because the windows <c>Rules:StreamWindowMemcapMiB</c> allows were all in use.</summary>
    public long StreamWindowsRefused => _streams.Refused;

    /// <summary>The rule set this evaluator runs; indices it reports refer to it.</summary>
    public CompiledRuleSet Rules => _set;

    /// <summary>App-layer matches lost because more than <see cref="MaxPending"/> waited for one packet.</summary>
    public long PendingOverflows { get; private set; }

    /// <summary>Transformed buffers cut at the scratch size.</summary>
    public long TruncatedTransforms => _scratch.TruncatedTransforms;

    /// <summary>Switches to <paramref name="set"/> (a reload): call between frames, after <see cref="DrainFlowMatches"/>.</summary>
    /// <remarks>Allocates the new set's scanners and bit sets; flowbits start empty, since bit numbers differ between sets.</remarks>
    public void Use(CompiledRuleSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (ReferenceEquals(set, _set))
            return;
        foreach (var scanner in _scanners)
            scanner.Dispose();
        _set = set;
        _rules = set.Rules;
        var words = (_rules.Length + 63) / 64;
        _candidates = new ulong[words];
        _txMatches = new int[_rules.Length];
        _txSnapshots = new AppLayerSnapshot?[_rules.Length];
        _eventCandidates = new ulong[words];
        _streamCandidates = new ulong[words];
        _streamMatched = new ulong[words];
        _anyStreamMatch = false;
        // Windows are kept only while some rule inspects streams; a reload starts every stream afresh.
        _streams.Clear();
        var maxPatterns = 1;
        _scanners = new IMultiPatternScanner[set.AllPrefilters.Length];
        foreach (var group in set.AllPrefilters)
        {
            _scanners[group.Id] = group.Database.CreateScanner();
            maxPatterns = Math.Max(maxPatterns, group.Rules.Length);
        }
        _found = new ulong[(maxPatterns + 63) / 64];
        _hits = new int[maxPatterns];
        _flowbits = new FlowbitStore((set.FlowbitCount + 63) / 64);
        _thresholds = new Thresholds.ThresholdState();
        _pendingCount = 0;
    }

    /// <summary>Writes the indices of the rules that alert on <paramref name="packet"/> into <paramref name="matches"/>, in rule order; returns how many.</summary>
    /// <remarks>App-layer matches of this packet's flow recorded during its events are completed here. A matching
    /// <c>pass</c> rule ends the inspection: no alert for this packet. Stops when <paramref name="matches"/> is full.</remarks>
    public int Evaluate(in Packet packet, Span<int> matches)
    {
        // _candidates may already hold what the stream scan of this packet's payload found (see InspectStream).
        var kept = 0;
        for (var i = 0; i < _pendingCount; i++)
        {
            ref var pending = ref _pending[i];
            if (pending.Stream && pending.FlowId == packet.FlowId && pending.Direction == packet.Direction && packet.FlowSlot >= 0)
            {
                Set(_streamMatched, pending.RuleIndex);
                _anyStreamMatch = true;
                Set(_candidates, pending.RuleIndex);
            }
            else if (!pending.Stream && pending.FlowId == packet.FlowId && packet.FlowSlot >= 0)
            {
                // One alert per transaction: two requests in one packet matching the same rule alert twice.
                _txMatches[pending.RuleIndex]++;
                _txSnapshots[pending.RuleIndex] = pending.Snapshot;
                Set(_candidates, pending.RuleIndex);
            }
            else
            {
                _pending[kept++] = pending;
            }
        }
        _pendingCount = kept;

        var plans = _set.PacketPlan(packet.Protocol);
        var scannedAsStream = ReuseStreamScan && PayloadScannedAsStream(in packet);
        _lastChunkLength = -1;
        Candidates(plans.AnyPort, in packet, scannedAsStream);
        if (plans.ForDestination(packet.DestinationPort) is { } byDestination)
            Candidates(byDestination, in packet, scannedAsStream);
        if (plans.ForSource(packet.SourcePort) is { } bySource)
            Candidates(bySource, in packet, scannedAsStream);

        var count = 0;
        var passed = false;
        for (var word = 0; word < _candidates.Length; word++)
        {
            var bits = _candidates[word];
            if (bits == 0)
                continue;
            _candidates[word] = 0;
            while (bits != 0)
            {
                var index = (word << 6) + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                var rule = _rules[index];
                var times = 1;
                AppLayerSnapshot? snapshot = null;
                if (rule.IsTxRule)
                {
                    times = _txMatches[index];
                    _txMatches[index] = 0;
                    snapshot = _txSnapshots[index];
                    _txSnapshots[index] = null;
                }
                var fromStream = _anyStreamMatch && IsSet(_streamMatched, index);
                if (passed || times == 0 || !rule.MatchesPacket(in packet, _scratch, _flowbits, fromStream))
                    continue;
                for (var t = 0; t < times; t++)
                {
                    if (rule.SetsFlowbits)
                        rule.ApplyFlowbitActions(packet.FlowSlot, packet.FlowId, _flowbits);
                    if (rule.Rule.Action == RuleAction.Pass)
                    {
                        // A matching pass rule ends the inspection of this packet: no alert for it.
                        passed = true;
                        break;
                    }
                    if (!rule.Rule.NoAlert && count < matches.Length && MayAlert(rule, packet.Source, packet.Destination, packet.FlowId, packet.TimestampTicks))
                    {
                        if (count == _matchSnapshots.Length)
                            Array.Resize(ref _matchSnapshots, count * 2);
                        _matchSnapshots[count] = snapshot;
                        matches[count++] = index;
                    }
                }
            }
        }
        if (_anyStreamMatch)
        {
            Array.Clear(_streamMatched);
            _anyStreamMatch = false;
        }
        return passed ? 0 : count;
    }

    /// <summary>
    /// The app-layer fields of the match in slot <paramref name="slot"/> of the last <see cref="Evaluate"/> call (HTTP,
    /// DNS, TLS for transaction rules), or null for packet rules. Valid until the next call.
    /// </summary>
    public AppLayerSnapshot? MatchSnapshot(int slot) => (uint)slot < (uint)_matchSnapshots.Length ? _matchSnapshots[slot] : null;

    /// <summary>Tries every packet rule in order without prefilter; the oracle the prefiltered path is tested against.</summary>
    internal int EvaluateExhaustive(in Packet packet, Span<int> matches)
    {
        var count = 0;
        foreach (var rule in _rules)
        {
            if (rule.IsTxRule || !rule.MatchesPacket(in packet, _scratch, _flowbits))
                continue;
            if (rule.SetsFlowbits)
                rule.ApplyFlowbitActions(packet.FlowSlot, packet.FlowId, _flowbits);
            if (rule.Rule.Action == RuleAction.Pass)
                return 0;
            if (!rule.Rule.NoAlert && count < matches.Length)
                matches[count++] = rule.Index;
        }
        return count;
    }

    /// <summary>App-layer matches still waiting after the packet path finished a frame (their flow ended without a packet): checked from the flow alone.</summary>
    /// <remarks>Call after each processed frame and after a flush; returns how many were written.</remarks>
    public int DrainFlowMatches(Span<FlowMatch> matches)
    {
        var count = 0;
        for (var i = 0; i < _pendingCount; i++)
        {
            var match = _pending[i].ToFlowMatch();
            var rule = _rules[match.RuleIndex];
            if (rule.MatchesFlow(in match, _pending[i].Stream) && !rule.Rule.NoAlert && rule.Rule.Action != RuleAction.Pass && count < matches.Length
                && MayAlert(rule, match.Source, match.Destination, match.FlowId, match.TimestampTicks))
            {
                matches[count++] = match;
            }
        }
        _pendingCount = 0;
        return count;
    }

    void IAppLayerObserver.OnStreamData(in AppLayerContext context, ReadOnlySpan<byte> data)
    {
        if (!_set.InspectsStreams || data.IsEmpty || context.Flow.Key.Protocol != IpProtocol.Tcp)
            return;
        var (sourcePort, destinationPort) = SenderPorts(in context);
        var plans = _set.PacketPlan(IpProtocol.Tcp);
        var anyPort = plans.AnyPort.HasStreamRules ? plans.AnyPort : null;
        var byDestination = plans.ForDestination(destinationPort) is { HasStreamRules: true } d ? d : null;
        var bySource = plans.ForSource(sourcePort) is { HasStreamRules: true } s ? s : null;
        // The ports never change within a flow: no stream rule for them now means none for the whole flow.
        if (anyPort is null && byDestination is null && bySource is null)
            return;
        ref var tail = ref _streams.For(context.Slot, context.Direction, context.FlowId);
        while (!data.IsEmpty)
        {
            var chunk = data[..Math.Min(data.Length, MaxStreamChunk)];
            InspectStream(in context, ref tail, chunk, anyPort, byDestination, bySource);
            _streams.Append(ref tail, chunk);
            data = data[chunk.Length..];
        }
    }

    void IAppLayerObserver.OnStreamGap(in AppLayerContext context)
    {
        if (_set.InspectsStreams)
            _streams.Gap(context.Slot, context.Direction, context.FlowId);
    }

    void IAppLayerObserver.OnStreamEnd(in AppLayerContext context) => _streams.End(context.Slot, context.Direction, context.FlowId);

    void IAppLayerObserver.OnHttp(in AppLayerContext context, HttpTransaction transaction, HttpProgress progress)
    {
        _tx.Set(http: transaction);
        Inspect(progress switch
        {
            HttpProgress.RequestHeaders => TxEvent.HttpRequestHeaders,
            HttpProgress.RequestComplete => TxEvent.HttpRequestComplete,
            HttpProgress.ResponseHeaders => TxEvent.HttpResponseHeaders,
            _ => TxEvent.HttpResponseComplete,
        }, in context, AppProtocol.Http);
    }

    void IAppLayerObserver.OnDns(in AppLayerContext context, DnsMessage message)
    {
        // dns.query inspects queries, as Suricata 7 does; a response repeats the question and would alert twice.
        if (message.IsResponse || message.QuestionCount == 0)
            return;
        _tx.Set(dns: message);
        Inspect(TxEvent.Dns, in context, AppProtocol.Dns);
    }

    void IAppLayerObserver.OnTlsClientHello(in AppLayerContext context, TlsClientHello hello)
    {
        _tx.Set(clientHello: hello);
        Inspect(TxEvent.TlsClientHello, in context, AppProtocol.Tls);
    }

    void IAppLayerObserver.OnTlsServerHello(in AppLayerContext context, TlsServerHello hello)
    {
        _tx.Set(serverHello: hello);
        Inspect(TxEvent.TlsServerHello, in context, AppProtocol.Tls);
    }

    void IAppLayerObserver.OnTlsCertificate(in AppLayerContext context, TlsCertificateInfo certificate)
    {
        _tx.Set(certificate: certificate);
        Inspect(TxEvent.TlsCertificate, in context, AppProtocol.Tls);
    }

    void IAppLayerObserver.OnSsh(in AppLayerContext context, SshBanner banner)
    {
        _tx.Set(ssh: banner);
        Inspect(TxEvent.Ssh, in context, AppProtocol.Ssh);
    }

    public void Dispose()
    {
        foreach (var scanner in _scanners)
            scanner.Dispose();
    }

    private void Inspect(TxEvent txEvent, in AppLayerContext context, AppProtocol protocol)
    {
        var plan = _set.EventPlan(txEvent);
        if (plan.IsEmpty)
            return;
        _eventSnapshot = null;
        _eventSnapshotTaken = false;
        Array.Clear(_eventCandidates);
        foreach (var group in plan.Prefilters)
        {
            var instances = _tx.Count(group.Buffer);
            for (var i = 0; i < instances; i++)
            {
                if (_tx.TryGet(group.Buffer, i, _scratch, out var data))
                    Scan(group, group.Transforms == BufferTransforms.None ? data : _scratch.Transform(data, group.Transforms), _eventCandidates);
            }
        }
        foreach (var index in plan.Always)
            Set(_eventCandidates, index);
        for (var word = 0; word < _eventCandidates.Length; word++)
        {
            var bits = _eventCandidates[word];
            while (bits != 0)
            {
                var index = (word << 6) + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                if (AppBuffersMatch(_rules[index]))
                    AddPending(index, in context, protocol, stream: false);
            }
        }
        _tx.Set();
    }

    /// <summary>Finds the stream rules of the flow's port plans that the held bytes plus <paramref name="chunk"/> may match, and verifies them on that window.</summary>
    private void InspectStream(in AppLayerContext context, ref StreamTail tail, ReadOnlySpan<byte> chunk, RulePlan? anyPort, RulePlan? byDestination, RulePlan? bySource)
    {
        var history = _streams.WindowBytes > 0 ? _streams.HistoryOf(ref tail) : null;
        var held = tail.Held;
        var window = _streamWindow.AsSpan(0, held + chunk.Length);
        if (held > 0)
            history!.Bytes.AsSpan(0, held).CopyTo(window);
        chunk.CopyTo(window[held..]);
        StreamBytesInspected += chunk.Length;
        var windowStart = tail.StreamBytes - held;
        var windowEnd = tail.StreamBytes + chunk.Length;
        var scanWhole = history is not null && history.RescanUntil > windowStart;

        _streamFoundCount = 0;
        _lastChunkLength = chunk.Length;
        _lastChunkFlowId = context.FlowId;
        _lastChunkDirection = context.Direction;
        _lastChunkStart = held;
        _chunkPlans[0] = anyPort;
        _chunkPlans[1] = byDestination;
        _chunkPlans[2] = bySource;
        if (anyPort is not null)
            StreamCandidates(anyPort, window, ScanFrom(anyPort, held, scanWhole));
        if (byDestination is not null)
            StreamCandidates(byDestination, window, ScanFrom(byDestination, held, scanWhole));
        if (bySource is not null)
            StreamCandidates(bySource, window, ScanFrom(bySource, held, scanWhole));
        if (history is not null)
            Remember(history, windowStart, windowEnd, scanWhole);

        var fromStreamStart = tail.FromStreamStart;
        var matched = false;
        for (var i = 0; i < _streamFoundCount; i++)
        {
            var index = _streamFound[i];
            _streamCandidates[index >> 6] = 0;
            var rule = _rules[index];
            if ((rule.StreamAnchored && !fromStreamStart) || !rule.PayloadMatches(window, _scratch))
                continue;
            // What the older bytes alone match was found when they arrived: report only what the new bytes complete.
            if (held > 0 && rule.PayloadMatches(window[..held], _scratch))
                continue;
            AddPending(index, in context, AppProtocol.Unknown, stream: true);
            matched = true;
        }
        if (matched)
            StreamMatches++;
    }

    /// <summary>
    /// Keeps the rules found in this window for the next ones: those the scan found now, with this chunk's end, and
    /// the earlier ones whose chunk is still in the next window; too many, and windows are scanned whole for a while.
    /// </summary>
    private void Remember(StreamHistory history, long windowStart, long windowEnd, bool scannedWhole)
    {
        var foundNow = _streamFoundCount;
        var earlier = history.RecentCount;
        if (foundNow == 0 && earlier == 0)
            return;
        // The earlier ones join this window's candidates (a scan of the new bytes alone cannot see them).
        if (!scannedWhole)
        {
            for (var i = 0; i < earlier; i++)
            {
                if (history.RecentEnds[i] > windowStart)
                    MarkStream(history.RecentRules[i]);
            }
        }
        var nextStart = windowEnd - _streams.WindowBytes;
        var kept = 0;
        Span<int> rules = stackalloc int[StreamHistory.RecentCapacity];
        Span<long> ends = stackalloc long[StreamHistory.RecentCapacity];
        for (var i = 0; i < foundNow && kept <= StreamHistory.RecentCapacity; i++)
        {
            if (kept < StreamHistory.RecentCapacity)
            {
                rules[kept] = _streamFound[i];
                ends[kept] = windowEnd;
            }
            kept++;
        }
        for (var i = 0; i < earlier && kept <= StreamHistory.RecentCapacity; i++)
        {
            if (history.RecentEnds[i] <= nextStart || rules[..Math.Min(kept, StreamHistory.RecentCapacity)].Contains(history.RecentRules[i]))
                continue;
            if (kept < StreamHistory.RecentCapacity)
            {
                rules[kept] = history.RecentRules[i];
                ends[kept] = history.RecentEnds[i];
            }
            kept++;
        }
        if (kept > StreamHistory.RecentCapacity)
        {
            // Too many to remember: scan whole every window that still holds these bytes.
            history.RescanUntil = windowEnd;
            history.RecentCount = 0;
            return;
        }
        rules[..kept].CopyTo(history.RecentRules);
        ends[..kept].CopyTo(history.RecentEnds);
        history.RecentCount = kept;
    }

    /// <summary>Scans <paramref name="window"/> from <paramref name="scanFrom"/> with <paramref name="plan"/>'s prefilters.</summary>
    private void StreamCandidates(RulePlan plan, ReadOnlySpan<byte> window, int scanFrom)
    {
        var scanned = window[scanFrom..];
        foreach (var group in plan.Prefilters)
        {
            var hits = ScanHits(group, group.Transforms == BufferTransforms.None ? scanned : _scratch.Transform(scanned, group.Transforms));
            for (var i = 0; i < hits; i++)
            {
                var index = group.Rules[_hits[i]];
                // The packet that carried these bytes needs the same hits: a superset of its own scan, verified on its payload.
                if (group.Transforms == BufferTransforms.None)
                    Set(_candidates, index);
                MarkStream(index);
            }
        }
        foreach (var index in plan.StreamAlways)
            MarkStream(index);
    }

    /// <summary>Whether <paramref name="packet"/>'s payload is exactly the last stream chunk scanned (the in-order case), whose hits are already in the candidates.</summary>
    private bool PayloadScannedAsStream(in Packet packet)
    {
        var payload = packet.Payload;
        return _lastChunkLength == payload.Length && payload.Length > 0 && _lastChunkFlowId == packet.FlowId && _lastChunkDirection == packet.Direction
            && _streamWindow.AsSpan(_lastChunkStart, _lastChunkLength).SequenceEqual(payload);
    }

    /// <summary>Where a window's scan starts: at its first byte, or just early enough to see a fast pattern that ends in the new bytes.</summary>
    private static int ScanFrom(RulePlan plan, int held, bool whole) => whole ? 0 : held - Math.Min(held, Math.Max(0, plan.LongestStreamPattern - 1));

    /// <summary>Adds a stream rule to this window's candidates, once.</summary>
    private void MarkStream(int index)
    {
        if (!_rules[index].InspectsStream || IsSet(_streamCandidates, index))
            return;
        Set(_streamCandidates, index);
        if (_streamFoundCount == _streamFound.Length)
            Array.Resize(ref _streamFound, _streamFound.Length * 2);
        _streamFound[_streamFoundCount++] = index;
    }

    /// <summary>The source and destination ports of the side sending in <paramref name="context"/>'s direction.</summary>
    private static (ushort Source, ushort Destination) SenderPorts(in AppLayerContext context)
    {
        ref readonly var flow = ref context.Flow;
        return context.Direction == FlowDirection.ToServer ? (flow.InitiatorPort, flow.ResponderPort) : (flow.ResponderPort, flow.InitiatorPort);
    }

    private bool AppBuffersMatch(CompiledRule rule)
    {
        var buffers = rule.AppBuffers;
        // A multi-instance buffer (one per DNS question) matches when one instance satisfies all its keywords.
        var instances = 1;
        foreach (var inspection in buffers)
            instances = Math.Max(instances, _tx.Count(inspection.Buffer));
        for (var instance = 0; instance < instances; instance++)
        {
            var all = true;
            foreach (var inspection in buffers)
            {
                if (!_tx.TryGet(inspection.Buffer, instance, _scratch, out var data) || !BufferMatcher.Matches(inspection, data, _scratch))
                {
                    all = false;
                    break;
                }
            }
            if (all)
                return true;
        }
        return false;
    }

    private void AddPending(int ruleIndex, in AppLayerContext context, AppProtocol protocol, bool stream)
    {
        if (_pendingCount == MaxPending)
        {
            PendingOverflows++;
            return;
        }
        ref readonly var flow = ref context.Flow;
        var key = flow.Key;
        var (client, clientPort) = (flow.InitiatorAddress, flow.InitiatorPort);
        var (server, serverPort) = (flow.ResponderAddress, flow.ResponderPort);
        var toServer = context.Direction == FlowDirection.ToServer;
        if (!stream && !_eventSnapshotTaken)
        {
            // One copy per event, shared by every rule it matched; made only because something matched.
            _eventSnapshot = AppLayerSnapshot.From(_tx);
            _eventSnapshotTaken = true;
        }
        _pending[_pendingCount++] = new PendingTxMatch
        {
            Snapshot = stream ? null : _eventSnapshot,
            Stream = stream,
            RuleIndex = ruleIndex,
            FlowId = context.FlowId,
            Direction = context.Direction,
            TimestampTicks = context.TimestampTicks,
            Source = toServer ? client : server,
            SourcePort = toServer ? clientPort : serverPort,
            Destination = toServer ? server : client,
            DestinationPort = toServer ? serverPort : clientPort,
            Protocol = key.Protocol,
            AppProtocol = protocol,
        };
    }

    /// <summary>Marks the rules of <paramref name="plan"/> that <paramref name="packet"/> may match.</summary>
    /// <param name="plan">One of the packet's port plans.</param>
    /// <param name="packet">The packet.</param>
    /// <param name="scannedAsStream">The packet's payload was the last stream chunk inspected, so plans scanned then are not scanned again.</param>
    private void Candidates(RulePlan plan, in Packet packet, bool scannedAsStream)
    {
        var payload = packet.Payload;
        if (plan.BySource is { } bySource)
        {
            foreach (var index in bySource.Lookup(packet.Source))
                Set(_candidates, index);
        }
        if (plan.ByDestination is { } byDestination)
        {
            foreach (var index in byDestination.Lookup(packet.Destination))
                Set(_candidates, index);
        }
        var skipScan = scannedAsStream && (ReferenceEquals(plan, _chunkPlans[0]) || ReferenceEquals(plan, _chunkPlans[1]) || ReferenceEquals(plan, _chunkPlans[2]));
        foreach (var group in plan.Prefilters)
        {
            // A transformed buffer differs when transformed with the bytes before it, so only plain groups reuse the stream scan.
            if (skipScan && group.Transforms == BufferTransforms.None)
                continue;
            Scan(group, group.Transforms == BufferTransforms.None ? payload : _scratch.Transform(payload, group.Transforms), _candidates);
        }
        foreach (var index in plan.Always)
            Set(_candidates, index);
    }

    private void Scan(PrefilterGroup group, ReadOnlySpan<byte> data, ulong[] candidates)
    {
        var hits = ScanHits(group, data);
        for (var i = 0; i < hits; i++)
            Set(candidates, group.Rules[_hits[i]]);
    }

    /// <summary>Runs <paramref name="group"/>'s scanner over <paramref name="data"/>; the pattern ids found are the first results of <c>_hits</c>.</summary>
    private int ScanHits(PrefilterGroup group, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
            return 0;
        var found = _found.AsSpan(0, (group.Rules.Length + 63) / 64);
        found.Clear();
        return _scanners[group.Id].Scan(data, found, _hits);
    }

    /// <summary>Suppress, detection_filter / threshold, rate_filter in Suricata's order: whether this match becomes an alert.</summary>
    private bool MayAlert(CompiledRule rule, IpAddr source, IpAddr destination, ulong flowId, long ticks)
    {
        var thresholds = rule.Thresholds;
        if (thresholds.IsEmpty)
            return true;
        return _thresholds!.Decide(rule.Index, in thresholds, source, destination, flowId, ticks) is not (Thresholds.AlertDecision.Suppress or Thresholds.AlertDecision.SilentMatch);
    }

    /// <summary>Threshold decisions and evictions, by kind.</summary>
    public Thresholds.ThresholdCounters ThresholdCounters => _thresholds!.Counters;

    private static void Set(ulong[] bits, int index) => bits[index >> 6] |= 1UL << index;

    private static bool IsSet(ulong[] bits, int index) => (bits[index >> 6] & (1UL << index)) != 0;
}
