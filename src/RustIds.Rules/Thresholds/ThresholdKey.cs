using System.Net.Sockets;
using RustIds.Packets;

namespace RustIds.Rules.Thresholds;

/// <summary>What one threshold counter is kept per: rule, which of its filters, and the tracked addresses or flow.</summary>
/// <remarks>Addresses are stored as their two halves plus family (40 bytes in all) to keep table entries small.</remarks>
internal readonly struct ThresholdKey : IEquatable<ThresholdKey>
{
    private readonly ulong _aHigh;
    private readonly ulong _aLow;
    private readonly ulong _bHigh;
    private readonly ulong _bLow;
    private readonly int _ruleIndex;
    private readonly byte _slot;
    private readonly byte _track;
    private readonly byte _aFamily;
    private readonly byte _bFamily;

    private ThresholdKey(int ruleIndex, ThresholdSlot slot, ThresholdTrack track, IpAddr a, IpAddr b, ulong flow)
    {
        _ruleIndex = ruleIndex;
        _slot = (byte)slot;
        _track = (byte)track;
        _aHigh = a.High;
        _aLow = a.Low;
        _aFamily = Family(a);
        _bHigh = b.High;
        _bLow = b.Low | flow;
        _bFamily = Family(b);
    }

    /// <summary>Builds the key for <paramref name="track"/>; by_both orders the pair so both directions share one key.</summary>
    public static ThresholdKey Create(int ruleIndex, ThresholdSlot slot, ThresholdTrack track, IpAddr source, IpAddr destination, ulong flowId) => track switch
    {
        ThresholdTrack.BySrc => new(ruleIndex, slot, track, source, default, 0),
        ThresholdTrack.ByDst => new(ruleIndex, slot, track, destination, default, 0),
        ThresholdTrack.ByBoth => source.CompareTo(destination) <= 0
            ? new(ruleIndex, slot, track, source, destination, 0)
            : new(ruleIndex, slot, track, destination, source, 0),
        ThresholdTrack.ByFlow => new(ruleIndex, slot, track, default, default, flowId),
        _ => new(ruleIndex, slot, track, default, default, 0),
    };

    public bool Equals(ThresholdKey other) =>
        _aLow == other._aLow && _aHigh == other._aHigh && _bLow == other._bLow && _bHigh == other._bHigh
        && _ruleIndex == other._ruleIndex && _slot == other._slot && _track == other._track
        && _aFamily == other._aFamily && _bFamily == other._bFamily;

    public override bool Equals(object? obj) => obj is ThresholdKey other && Equals(other);

    // HashCode is seeded randomly per process, so hostile addresses cannot be chosen to collide.
    public override int GetHashCode() =>
        HashCode.Combine(_aHigh, _aLow, _bHigh, _bLow, _ruleIndex, _slot | (_track << 8) | (_aFamily << 16) | (_bFamily << 24));

    private static byte Family(IpAddr address) => address.Family switch
    {
        AddressFamily.InterNetwork => 4,
        AddressFamily.InterNetworkV6 => 6,
        _ => 0,
    };
}
