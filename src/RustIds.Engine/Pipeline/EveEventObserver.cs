using System.Threading.Channels;
using RustIds.Engine.Configuration;
using RustIds.Notify;
using RustIds.Packets;
using RustIds.Packets.AppLayer;
using RustIds.Packets.AppLayer.Dns;
using RustIds.Packets.AppLayer.Http;
using RustIds.Packets.AppLayer.Tls;
using RustIds.Packets.Processing;
using RustIds.Rules.Evaluation;

namespace RustIds.Engine.Pipeline;

/// <summary>
/// Turns one capture worker's ended flows and HTTP, DNS and TLS transactions into EVE records for the
/// response stage to write (the types <c>Eve:Events</c> turns on).
/// </summary>
/// <remarks>
/// Runs on the capture thread, per flow and per transaction, never per packet: each record is one copy of
/// what the parser holds. In a live run records are dropped (and counted) once <see cref="EveEventOptions.QueueCapacity"/>
/// wait in the queue, so they never take the room kept for alerts; a replay's queue is unbounded.
/// </remarks>
internal sealed class EveEventObserver : IFlowObserver, IAppLayerObserver
{
    private readonly EveEventOptions _types;
    private readonly string _interfaceName;
    private readonly ChannelWriter<WorkerOutput> _output;
    private readonly Func<int> _queued;
    private readonly PipelineCounters _counters;
    private readonly AppProtocol[] _protocols;
    // A request whose response has not completed yet, logged at the flow's end if none comes (a scan's unanswered probe).
    private readonly EveTransactionEvent?[] _unansweredRequests;

    /// <param name="types">Which records to make.</param>
    /// <param name="interfaceName">EVE's <c>in_iface</c>; empty for replays.</param>
    /// <param name="maxFlows">The flow table's size: slots run from 0 to this.</param>
    /// <param name="output">The queue to the response stage.</param>
    /// <param name="queued">How many items wait in that queue now; null for an unbounded queue that drops nothing.</param>
    /// <param name="counters">Counts the records dropped.</param>
    public EveEventObserver(EveEventOptions types, string interfaceName, int maxFlows, ChannelWriter<WorkerOutput> output, Func<int>? queued, PipelineCounters counters)
    {
        _types = types;
        _interfaceName = interfaceName;
        _output = output;
        _queued = queued ?? (static () => 0);
        _counters = counters;
        _protocols = new AppProtocol[maxFlows];
        _unansweredRequests = new EveTransactionEvent?[maxFlows];
    }

    public void OnFlowStarted(int slot, in FlowEntry flow)
    {
        if ((uint)slot >= (uint)_protocols.Length)
            return;
        _protocols[slot] = AppProtocol.Unknown;
        _unansweredRequests[slot] = null;
    }

    public void OnFlowEnded(int slot, in FlowEntry flow, FlowEndReason reason)
    {
        if ((uint)slot >= (uint)_protocols.Length)
            return;
        if (_unansweredRequests[slot] is { } request)
        {
            Write(request);
            _unansweredRequests[slot] = null;
        }
        if (_types.Flow)
            Write(EveFlowEvent.Of(in flow, reason, _protocols[slot], _interfaceName));
    }

    /// <summary>Nothing is held back: every record was written as its flow ended.</summary>
    public void OnFlushed()
    {
    }

    public void OnProtocolDetected(in AppLayerContext context, AppProtocol protocol)
    {
        if ((uint)context.Slot < (uint)_protocols.Length)
            _protocols[context.Slot] = protocol;
    }

    public void OnHttp(in AppLayerContext context, HttpTransaction transaction, HttpProgress progress)
    {
        if (!_types.Http || (uint)context.Slot >= (uint)_protocols.Length)
            return;
        switch (progress)
        {
            case HttpProgress.RequestComplete:
                // A pipelined request replaces the one before it here; that one is logged with its own response.
                _unansweredRequests[context.Slot] = Transaction(in context, AppLayerSnapshot.Of(transaction));
                break;
            case HttpProgress.ResponseComplete:
                _unansweredRequests[context.Slot] = null;
                Write(Transaction(in context, AppLayerSnapshot.Of(transaction)));
                break;
        }
    }

    public void OnDns(in AppLayerContext context, DnsMessage message)
    {
        if (_types.Dns && AppLayerSnapshot.Of(message) is { } snapshot)
            Write(Transaction(in context, snapshot));
    }

    public void OnTlsClientHello(in AppLayerContext context, TlsClientHello hello)
    {
        if (_types.Tls)
            Write(Transaction(in context, AppLayerSnapshot.Of(hello)));
    }

    private EveTransactionEvent Transaction(in AppLayerContext context, AppLayerSnapshot snapshot)
    {
        ref readonly var flow = ref context.Flow;
        var protocol = (uint)context.Slot < (uint)_protocols.Length ? _protocols[context.Slot] : AppProtocol.Unknown;
        return new EveTransactionEvent(new DateTimeOffset(context.TimestampTicks, TimeSpan.Zero), EveFlowTuple.Of(in flow), protocol, _interfaceName, snapshot);
    }

    private void Write(EveEvent record)
    {
        if (_queued() >= _types.QueueCapacity || !_output.TryWrite(WorkerOutput.FromRecord(record)))
            _counters.CountEveEventDropped();
    }
}
