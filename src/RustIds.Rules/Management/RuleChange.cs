namespace RustIds.Rules.Management;

/// <summary>What <see cref="RuleManagementPolicy.Apply"/> did to one rule.</summary>
/// <remarks>
/// <see cref="Enabled"/> and <see cref="Disabled"/> describe the net change of the rule's state: an active rule that
/// disable.conf turns off and enable.conf turns back on reports neither (its per-entry hits still show both).
/// </remarks>
[Flags]
public enum RuleChange : byte
{
    /// <summary>The rule was left as it was.</summary>
    None = 0,

    /// <summary>A commented-out rule became active.</summary>
    Enabled = 1,

    /// <summary>An active rule was commented out.</summary>
    Disabled = 2,

    /// <summary>modify.conf changed the rule text.</summary>
    Modified = 4,

    /// <summary>drop.conf rewrote the rule's action to <c>drop</c>.</summary>
    Dropped = 8,
}
