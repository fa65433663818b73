using RustIds.Packets;

namespace RustIds.Rules.Thresholds;

/// <summary>An immutable address list as Suricata writes it: addresses, CIDR blocks, <c>any</c>, nested lists and negation.</summary>
/// <remarks>
/// A list matches when no negated term matches and, if it has positive terms, at least one of them matches
/// (so <c>[10.0.0.0/8,!10.1.0.0/16]</c> is 10/8 without 10.1/16, and <c>!1.2.3.4</c> alone is everything else).
/// <see cref="Contains"/> allocates nothing; lists are small and checked per alert, not per packet.
/// Build one with <see cref="IpAddressSetParser"/>.
/// </remarks>
public sealed class IpAddressSet
{
    private readonly Term[] _terms;

    internal IpAddressSet(Term[] terms) => _terms = terms;

    /// <summary>Number of top-level terms (addresses, blocks, nested lists).</summary>
    public int TermCount => _terms.Length;

    /// <summary>True when <paramref name="address"/> is in the set.</summary>
    /// <param name="address">The address to test; an unspecified address is never contained by a positive term.</param>
    public bool Contains(IpAddr address)
    {
        var anyPositive = false;
        var positiveHit = false;
        foreach (ref readonly var term in _terms.AsSpan())
        {
            var hit = term.Matches(address);
            if (term.Negated)
            {
                if (hit)
                    return false;
            }
            else
            {
                anyPositive = true;
                positiveHit |= hit;
            }
        }
        return !anyPositive || positiveHit;
    }

    /// <summary>One entry of a list: <c>any</c>, a prefix, or a nested list, possibly negated.</summary>
    internal readonly struct Term
    {
        private readonly IpAddr _network;
        private readonly int _prefixLength;
        private readonly IpAddressSet? _nested;
        private readonly bool _any;

        private Term(IpAddr network, int prefixLength, IpAddressSet? nested, bool any, bool negated)
        {
            _network = network;
            _prefixLength = prefixLength;
            _nested = nested;
            _any = any;
            Negated = negated;
        }

        public bool Negated { get; }

        public static Term Any(bool negated) => new(default, 0, null, true, negated);

        public static Term Prefix(IpAddr network, int prefixLength, bool negated) => new(network, prefixLength, null, false, negated);

        public static Term List(IpAddressSet nested, bool negated) => new(default, 0, nested, false, negated);

        public bool Matches(IpAddr address) =>
            _any ? address.IsV4 || address.IsV6
            : _nested is not null ? _nested.Contains(address)
            : address.IsInPrefix(_network, _prefixLength);
    }
}
