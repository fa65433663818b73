using System.Runtime.InteropServices;

namespace RustIds.Packets;

/// <summary>State and counters of one flow, kept by value in the <see cref="FlowTracker"/> table.</summary>
/// <remarks>
/// Three cache lines, and the table starts each entry on one: the key and flow id (what a lookup compares), then who
/// opened the flow, its flags and counters (what every packet and a flow's end touch), then its times and sequence
/// spans. At 200 bytes entries straddled lines, so a lookup often read two lines for one key and a packet touched four.
/// </remarks>
[StructLayout(LayoutKind.Sequential, Size = 192)]
public struct FlowEntry
{
    /// <summary>The flow's key, the same for both directions.</summary>
    public FlowKey Key { readonly get => _key; internal set => _key = value; }

    // A field, not an auto-property, so the responder's getters read one address from it instead of copying all 56 bytes
    // through the stack (a copy the next load could not forward from: 0.4 % of the bench replay, most flows' detectors ask).
    // Not forced inline: that made the packet path 1 % slower.
    private FlowKey _key;

    /// <summary>Unique id (per tracker, deterministic for a replay), EVE's <c>flow_id</c>.</summary>
    public ulong FlowId { get; internal set; }

    /// <summary>The client: the SYN sender for TCP, otherwise the source of the first packet.</summary>
    public IpAddr InitiatorAddress { get; internal set; }

    public ushort InitiatorPort { get; internal set; }

    public FlowState State { get; internal set; }

    /// <summary>TCP: the first packet was not a SYN, so the flow was picked up midstream.</summary>
    public bool Midstream { get; internal set; }

    /// <summary>TCP: the first packet was a pure SYN (a connection attempt, as scan and flood detectors count them).</summary>
    public bool OpenedBySyn { readonly get; internal set; }

    /// <summary>TCP: the initiator sent a FIN.</summary>
    public bool FinFromClient { readonly get; internal set; }

    /// <summary>TCP: the responder sent a FIN.</summary>
    public bool FinFromServer { readonly get; internal set; }

    /// <summary>True once the flow reached <see cref="FlowState.Established"/> (it stays true while closing).</summary>
    public bool IsEstablished { readonly get; internal set; }

    public long PacketsToServer { get; internal set; }

    public long PacketsToClient { get; internal set; }

    /// <summary>Wire bytes from the initiator.</summary>
    public long BytesToServer { get; internal set; }

    /// <summary>Wire bytes from the responder.</summary>
    public long BytesToClient { get; internal set; }

    /// <summary>Packet time (UTC ticks) of the first packet.</summary>
    public long FirstTicks { get; internal set; }

    /// <summary>Packet time (UTC ticks) of the latest packet in either direction.</summary>
    public long LastTicks { get; internal set; }

    /// <summary>Packet time (UTC ticks) of the latest packet from the initiator; 0 before the first.</summary>
    public long LastToServerTicks { get; internal set; }

    /// <summary>Packet time (UTC ticks) of the latest packet from the responder; 0 before the first.</summary>
    public long LastToClientTicks { get; internal set; }

    /// <summary>The side that did not open the flow (the server): the key's other endpoint.</summary>
    public readonly IpAddr ResponderAddress => InitiatorIsLow ? _key.HighAddress : _key.LowAddress;

    /// <summary>The responder's port.</summary>
    public readonly ushort ResponderPort => InitiatorIsLow ? _key.HighPort : _key.LowPort;

    // The ports first: they differ in all but a flow between two equal ports.
    private readonly bool InitiatorIsLow => _key.LowPort == InitiatorPort && _key.LowAddress == InitiatorAddress;

    /// <summary>TCP: the initiator's sequence space, first seen and next after the highest seen.</summary>
    internal SequenceSpan ClientSequence;

    /// <summary>TCP: the responder's sequence space.</summary>
    internal SequenceSpan ServerSequence;

    /// <summary>TCP: sequence numbers the initiator used so far (its SYN, data and FIN), as Suricata's <c>stream_size</c> counts them; 0 before its first segment.</summary>
    public readonly uint ClientStreamSize => ClientSequence.Size;

    /// <summary>TCP: sequence numbers the responder used so far.</summary>
    public readonly uint ServerStreamSize => ServerSequence.Size;
}

/// <summary>How much of one TCP direction's sequence space was used: from the first sequence number seen to the highest end.</summary>
internal struct SequenceSpan
{
    private uint _first;
    private uint _next;
    private bool _seen;

    public readonly uint Size => _seen ? _next - _first : 0;

    /// <summary>A segment starting at <paramref name="sequence"/> using <paramref name="length"/> sequence numbers (payload, plus one each for SYN and FIN).</summary>
    public void Add(uint sequence, uint length)
    {
        if (!_seen)
        {
            _seen = true;
            _first = _next = sequence;
        }
        var end = sequence + length;
        // Serial comparison (RFC 1982): retransmissions and old segments do not move the end back.
        if ((int)(end - _next) > 0)
            _next = end;
    }
}
