namespace RustIds.Rules.Management;

/// <summary>The rule management file an entry came from, which is also its stage of application.</summary>
/// <remarks>
/// Stages run per rule in the order suricata-update uses: <see cref="Disable"/>, <see cref="Enable"/>,
/// <see cref="Drop"/>, <see cref="Modify"/>. The enum values follow that order.
/// </remarks>
public enum RuleManagementStage : byte
{
    /// <summary>disable.conf: comments out active rules.</summary>
    Disable = 0,

    /// <summary>enable.conf: activates commented-out rules (runs after disable, so it wins).</summary>
    Enable = 1,

    /// <summary>drop.conf: rewrites the action of matching rules to <c>drop</c>.</summary>
    Drop = 2,

    /// <summary>modify.conf: regex substitutions and <c>metadata-add</c> on matching rules.</summary>
    Modify = 3,
}
