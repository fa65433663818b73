using RustIds.Packets.Memory;
using RustIds.Packets;

namespace RustIds.Detection.Behaviour;

/// <summary>
/// Feeds the baselines from the flow table instead of from packets: once per interval every flow is
/// credited with what it did since the last walk (see <see cref="DetectorSet"/>); a flow's remainder is credited when it ends.
/// </summary>
/// <remarks>
/// Most flows end before any walk sees them, so they are credited once, whole, at their end, from the
/// flow entry alone. Only flows a walk has credited keep a record of what was credited, marked in a bitmap
/// of one bit per flow-table slot: the common path touches 8 KiB, not a record per slot, which matters
/// because every cache line the detectors touch is one the packet path may lose. A flow's bit is cleared by its
/// final credit, so the slot's next flow starts uncredited without a write at every flow start.
/// </remarks>
internal sealed unsafe class FlowCredits(int flowCapacity, InternalNetworkSet inside, HostAnomalyDetector? hosts, ExfiltrationDetector? exfiltration, TableMemory memory)
{
    // The bitmap is read at every flow end: on the managed heap (8 KiB by default), not in the memory of the records, which
    // only walked flows touch. The records (2 MiB by default) start on a huge page, so the first walk clears one, not two.
    private readonly ulong[] _walked = new ulong[(flowCapacity + 63) / 64];
    private readonly FlowCredit* _credits = memory.AllocatePageAligned<FlowCredit>(flowCapacity);

    /// <summary>Credits what the flow in <paramref name="slot"/> did since its last credit.</summary>
    /// <param name="slot">The flow's table slot.</param>
    /// <param name="flow">The flow's entry; one this object <see cref="Wants"/>.</param>
    /// <param name="creditTicks">The packet time the credit counts at.</param>
    /// <param name="walking">A walk (the flow goes on; remember what was credited), not the flow's end (forget it).</param>
    public void Credit(int slot, in FlowEntry flow, long creditTicks, bool walking)
    {
        if ((uint)slot >= (uint)flowCapacity)
            return;
        ref var word = ref _walked[slot >> 6];
        var bit = 1UL << (slot & 63);
        var credited = (word & bit) != 0 ? _credits[slot] : default;
        var packets = flow.PacketsToServer + flow.PacketsToClient;
        var bytes = flow.BytesToServer + flow.BytesToClient;
        var firstCredit = (word & bit) == 0;
        if (hosts is not null && (packets > credited.Packets || firstCredit))
            hosts.Credit(in flow, creditTicks, packets - credited.Packets, bytes - credited.Bytes, newFlow: firstCredit);
        var lowAndSlowReported = credited.LowAndSlowReported;
        if (exfiltration is not null && !inside.Contains(flow.ResponderAddress))
        {
            if (flow.BytesToServer > credited.BytesUp)
                exfiltration.CreditUpload(in flow, creditTicks, flow.BytesToServer - credited.BytesUp);
            if (!lowAndSlowReported)
                lowAndSlowReported = exfiltration.CheckLowAndSlow(in flow, creditTicks);
        }
        if (!walking)
        {
            if (!firstCredit)
                word &= ~bit;
            return;
        }
        word |= bit;
        _credits[slot] = new FlowCredit { Packets = packets, Bytes = bytes, BytesUp = flow.BytesToServer, LowAndSlowReported = lowAndSlowReported };
    }

    /// <summary>Whether the flow is credited at all: its initiator is one of our hosts.</summary>
    public bool Wants(in FlowEntry flow) => inside.Contains(flow.InitiatorAddress);

    /// <summary>Starts loading what a <see cref="Credit"/> of the flow will read: its credit record, its host's set, its pair's set.</summary>
    public void Prefetch(int slot, in FlowEntry flow)
    {
        if ((uint)slot >= (uint)flowCapacity)
            return;
        if ((_walked[slot >> 6] & (1UL << (slot & 63))) != 0)
            CacheLines.PrefetchOnce(_credits + slot);
        hosts?.Prefetch(flow.InitiatorAddress);
        if (exfiltration is not null)
        {
            var destination = flow.ResponderAddress;
            if (!inside.Contains(destination))
                exfiltration.Prefetch(flow.InitiatorAddress, destination);
        }
    }
}
