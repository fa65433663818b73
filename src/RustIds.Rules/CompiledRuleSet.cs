using RustIds.Packets;

namespace RustIds.Rules;

/// <summary>An immutable, evaluation-ready rule set; evaluating a packet allocates nothing.</summary>
/// <remarks>
/// Rules are grouped by packet protocol (an <c>ip</c> rule sits in every group) and, for TCP and UDP,
/// bucketed by port (<see cref="RuleGroup"/>); a packet tries only the rules of its protocol and ports,
/// merged back into load order so matches come out in rule order. Thread-safe: swap a new instance in
/// on reload.
/// </remarks>
public sealed class CompiledRuleSet
{
    private const int GroupCount = 4;

    private readonly CompiledRule[] _rules;
    private readonly RuleGroup[] _groups;

    /// <summary>Compiles <paramref name="rules"/>; indices returned by <see cref="Evaluate"/> refer to this order.</summary>
    public CompiledRuleSet(IEnumerable<Rule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = [.. rules.Select(r => new CompiledRule(r))];
        var groups = new List<int>[GroupCount];
        for (var g = 0; g < GroupCount; g++)
            groups[g] = [];
        for (var i = 0; i < _rules.Length; i++)
        {
            switch (_rules[i].Rule.Protocol)
            {
                case RuleProtocol.Tcp: groups[0].Add(i); break;
                case RuleProtocol.Udp: groups[1].Add(i); break;
                case RuleProtocol.Icmp: groups[2].Add(i); break;
                default:
                    for (var g = 0; g < GroupCount; g++)
                        groups[g].Add(i);
                    break;
            }
        }
        _groups = new RuleGroup[GroupCount];
        for (var g = 0; g < GroupCount; g++)
            _groups[g] = new RuleGroup(_rules, groups[g], hasPorts: g < 2);
    }

    /// <summary>Number of rules.</summary>
    public int Count => _rules.Length;

    /// <summary>The rule at an index returned by <see cref="Evaluate"/>.</summary>
    public Rule GetRule(int index) => _rules[index].Rule;

    /// <summary>Writes the indices of matching rules into <paramref name="matches"/> in rule order and returns how many.</summary>
    /// <remarks>Stops when <paramref name="matches"/> is full. Allocation-free.</remarks>
    public int Evaluate(in Packet packet, Span<int> matches)
    {
        var group = _groups[packet.Protocol switch
        {
            IpProtocol.Tcp => 0,
            IpProtocol.Udp => 1,
            IpProtocol.Icmp or IpProtocol.IcmpV6 => 2,
            _ => 3,
        }];
        var anyPort = group.AnyPort;
        var byDestination = group.ForDestination(packet.DestinationPort);
        var bySource = group.ForSource(packet.SourcePort);
        int a = 0, d = 0, s = 0, count = 0;
        while (count < matches.Length)
        {
            // The three lists are disjoint and ascending: take the smallest head to keep rule order.
            var index = a < anyPort.Length ? anyPort[a] : int.MaxValue;
            var fromDestination = d < byDestination.Length ? byDestination[d] : int.MaxValue;
            var fromSource = s < bySource.Length ? bySource[s] : int.MaxValue;
            if (fromDestination < index && fromDestination <= fromSource)
            {
                index = fromDestination;
                d++;
            }
            else if (fromSource < index)
            {
                index = fromSource;
                s++;
            }
            else if (index == int.MaxValue)
            {
                break;
            }
            else
            {
                a++;
            }
            if (_rules[index].Matches(packet))
                matches[count++] = index;
        }
        return count;
    }

    /// <summary>Tries every rule of the packet's protocol, without port buckets; the oracle for tests.</summary>
    internal int EvaluateExhaustive(in Packet packet, Span<int> matches)
    {
        var count = 0;
        for (var i = 0; i < _rules.Length && count < matches.Length; i++)
        {
            if (_rules[i].Rule.AppliesTo(packet.Protocol) && _rules[i].Matches(packet))
                matches[count++] = i;
        }
        return count;
    }
}
