using RustIds.Packets;

namespace RustIds.Rules.Thresholds;

/// <summary>What one threshold counter belongs to: the rule, and the addresses or flow its track names.</summary>
internal readonly record struct ThresholdKey(int Rule, IpAddr First, IpAddr Second, ulong Flow);
