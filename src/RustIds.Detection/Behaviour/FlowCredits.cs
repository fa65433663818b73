using RustIds.Packets;

namespace RustIds.Detection.Behaviour;

/// <summary>
/// Feeds the baselines from the flow table instead of from packets: once per interval it walks every
/// flow and credits what each did since the last walk; a flow's remainder is credited when it ends.
/// </summary>
/// <remarks>One entry per flow-table slot, allocated once; a walk is O(active flows) once per interval.</remarks>
internal sealed class FlowCredits(int flowCapacity, HostAnomalyDetector? hosts, ExfiltrationDetector? exfiltration)
{
    private readonly FlowCredit[] _credits = new FlowCredit[flowCapacity];

    /// <summary>A flow started in <paramref name="slot"/>.</summary>
    public void Begin(int slot, in FlowEntry flow, bool fromInside, bool outbound)
    {
        if ((uint)slot >= (uint)_credits.Length)
            return;
        _credits[slot] = new FlowCredit { FlowId = flow.FlowId, FromInside = fromInside, Outbound = outbound };
    }

    /// <summary>Credits what the flow in <paramref name="slot"/> did since its last credit, at packet time <paramref name="nowTicks"/>.</summary>
    /// <param name="slot">The flow's table slot.</param>
    /// <param name="flow">The flow's entry.</param>
    /// <param name="nowTicks">Packet time the credit counts at.</param>
    /// <param name="checkLowAndSlow">Also look for a low-and-slow upload (walks do; a flow's end does too).</param>
    public void Credit(int slot, in FlowEntry flow, long nowTicks, bool checkLowAndSlow)
    {
        if ((uint)slot >= (uint)_credits.Length)
            return;
        ref var credit = ref _credits[slot];
        if (credit.FlowId != flow.FlowId || !credit.FromInside)
            return;
        var packets = flow.PacketsToServer + flow.PacketsToClient;
        var bytes = flow.BytesToServer + flow.BytesToClient;
        var site = DetectionSite.Of(in flow, nowTicks);
        if (hosts is not null && packets > credit.Packets)
            hosts.Credit(in site, packets - credit.Packets, bytes - credit.Bytes);
        if (exfiltration is not null && credit.Outbound)
        {
            if (flow.BytesToServer > credit.BytesUp)
                exfiltration.CreditUpload(in site, flow.BytesToServer - credit.BytesUp);
            if (checkLowAndSlow && !credit.LowAndSlowReported)
                credit.LowAndSlowReported = exfiltration.CheckLowAndSlow(in site, flow.LastTicks - flow.FirstTicks, flow.BytesToServer, flow.BytesToClient);
        }
        credit.Packets = packets;
        credit.Bytes = bytes;
        credit.BytesUp = flow.BytesToServer;
    }

    /// <summary>Credits every flow in <paramref name="flows"/> as of <paramref name="creditTicks"/>.</summary>
    public void Walk(FlowTracker flows, long creditTicks)
    {
        for (var slot = flows.OldestSlot; slot >= 0; slot = flows.NewerSlot(slot))
            Credit(slot, in flows.EntryAt(slot), creditTicks, checkLowAndSlow: true);
    }
}
