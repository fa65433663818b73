namespace RustIds.Notify;

/// <summary>What rustids did with the traffic that raised an alert: EVE's <c>alert.action</c>.</summary>
public enum EveAlertAction
{
    /// <summary>The packet passed; written as <c>"allowed"</c>.</summary>
    Allowed = 0,

    /// <summary>The packet was dropped or its source blocked; written as <c>"blocked"</c>.</summary>
    Blocked = 1,
}
