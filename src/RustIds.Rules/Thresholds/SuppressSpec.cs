using RustIds.Packets;

namespace RustIds.Rules.Thresholds;

/// <summary>One threshold.config <c>suppress</c> line as it applies to a rule.</summary>
/// <param name="Track">Which address is compared, or <see cref="SuppressTrack.Rule"/> for a plain "never alert".</param>
/// <param name="Addresses">The <c>ip</c> list; null exactly when <paramref name="Track"/> is <see cref="SuppressTrack.Rule"/>.</param>
public sealed record SuppressSpec(SuppressTrack Track, IpAddressSet? Addresses)
{
    /// <summary>True when this suppression hides the match of a packet from <paramref name="source"/> to <paramref name="destination"/>.</summary>
    /// <remarks>Always false for <see cref="SuppressTrack.Rule"/>: that kind is handled as "noalert" by <see cref="ThresholdState"/>.</remarks>
    /// <param name="source">Source address of the packet.</param>
    /// <param name="destination">Destination address of the packet.</param>
    public bool Matches(IpAddr source, IpAddr destination) => Addresses is { } set && Track switch
    {
        SuppressTrack.BySrc => set.Contains(source),
        SuppressTrack.ByDst => set.Contains(destination),
        SuppressTrack.ByEither => set.Contains(source) || set.Contains(destination),
        _ => false,
    };
}
