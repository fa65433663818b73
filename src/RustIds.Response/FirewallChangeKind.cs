namespace RustIds.Response;

/// <summary>What a <see cref="FirewallChange"/> does.</summary>
public enum FirewallChangeKind
{
    /// <summary>Block the address until the timeout runs out (refreshing any earlier timeout).</summary>
    Add = 0,

    /// <summary>Stop blocking the address; no error when it is not blocked.</summary>
    Remove = 1,
}
