namespace RustIds.Rules.Pcre;

/// <summary>Where a value captured by a <c>pcre</c> group is stored (Suricata pcre variable capture).</summary>
public enum PcreCaptureScope : byte
{
    /// <summary>Packet variable (<c>pkt_</c> prefix or <c>pkt:</c> list entry), lives for one packet.</summary>
    Packet,

    /// <summary>Flow variable (<c>flow_</c> prefix or <c>flow:</c> list entry), lives as long as the flow.</summary>
    Flow,

    /// <summary>Transaction variable (<c>tx_</c> prefix or <c>tx:</c> list entry).</summary>
    Transaction,

    /// <summary>Alert variable (<c>alert_</c> prefix or <c>alert:</c> list entry), logged with the alert.</summary>
    Alert,
}
