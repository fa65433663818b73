namespace RustIds.Packets;

/// <summary>The passive TCP state machine: the next <see cref="FlowState"/> of a flow from one packet's flags.</summary>
/// <remarks>
/// Passive means tolerant: a sensor may miss packets, so states only move forward on what was seen
/// (RFC 9293 §3.3.2 simplified to what a middlebox can tell). Established needs the handshake's third
/// packet, or, for a flow picked up midstream, ACKs in both directions — never one side alone, so
/// `flow:established` cannot be satisfied by injected one-way traffic (suricata-verify alert-no-3whs-established).
/// </remarks>
internal static class TcpStateMachine
{
    public static FlowState Next(ref FlowEntry entry, TcpFlags flags, bool toServer, bool bothWays, bool allowMidstream)
    {
        if ((flags & TcpFlags.Rst) != 0)
            return FlowState.Reset;
        var state = entry.State;
        var synAck = flags & (TcpFlags.Syn | TcpFlags.Ack);
        switch (state)
        {
            case FlowState.New:
                if (!toServer && synAck == (TcpFlags.Syn | TcpFlags.Ack) && !entry.Midstream)
                    state = FlowState.SynReceived;
                else if (entry.Midstream && allowMidstream && bothWays && (flags & TcpFlags.Ack) != 0)
                    state = FlowState.Established;
                break;
            case FlowState.SynReceived:
                if (toServer && synAck == TcpFlags.Ack)
                    state = FlowState.Established;
                break;
        }
        if ((flags & TcpFlags.Fin) != 0)
        {
            if (toServer)
                entry.FinFromClient = true;
            else
                entry.FinFromServer = true;
            if (state is not (FlowState.Closed or FlowState.Reset))
                state = entry.FinFromClient && entry.FinFromServer ? FlowState.Closed : FlowState.Closing;
        }
        return state;
    }
}
