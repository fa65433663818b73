using RustIds.Packets;

namespace RustIds.Rules;

/// <summary>A rule laid out for evaluation: arrays instead of lists, precomputed fast pattern and backtracking hints.</summary>
internal sealed class CompiledRule
{
    /// <summary>Bound on content match attempts per rule per packet, like Suricata's inspection recursion limit.</summary>
    private const int MatchBudget = 3000;

    private readonly ContentMatch[] _contents;
    private readonly bool[] _backtrack;
    private readonly ContentMatch? _fastPattern;

    public CompiledRule(Rule rule)
    {
        Rule = rule;
        _contents = [.. rule.Contents];
        _backtrack = new bool[_contents.Length];
        for (var i = 0; i < _contents.Length; i++)
        {
            // Retrying a later occurrence only helps when some later content is placed relative to this one.
            for (var j = i + 1; j < _contents.Length; j++)
            {
                if (_contents[j].IsRelative)
                {
                    _backtrack[i] = true;
                    break;
                }
                if (!_contents[j].Negated)
                    break;
            }
        }
        _fastPattern = _contents.FirstOrDefault(c => c.FastPattern && !c.Negated)
            ?? _contents.Where(c => !c.Negated).OrderByDescending(c => c.Pattern.Length).FirstOrDefault();
    }

    public Rule Rule { get; }

    public bool Matches(in Packet packet)
    {
        if (!FlowMatches(Rule.Flow, packet.Direction, packet.FlowEstablished))
            return false;
        if (!HeaderMatches(packet, reversed: false) && !(Rule.Bidirectional && HeaderMatches(packet, reversed: true)))
            return false;
        var payload = packet.Payload;
        if (_fastPattern is not null && ContentSearch.IndexOf(payload, _fastPattern) < 0)
            return false;
        if (_contents.Length == 0)
            return true;
        var budget = MatchBudget;
        return MatchFrom(0, payload, 0, ref budget);
    }

    private static bool FlowMatches(FlowOptions flow, FlowDirection direction, bool established)
    {
        if (flow == FlowOptions.None)
            return true;
        if ((flow & FlowOptions.ToServer) != 0 && direction != FlowDirection.ToServer)
            return false;
        if ((flow & FlowOptions.ToClient) != 0 && direction != FlowDirection.ToClient)
            return false;
        if ((flow & FlowOptions.Established) != 0 && !established)
            return false;
        return (flow & FlowOptions.NotEstablished) == 0 || !established;
    }

    private bool HeaderMatches(in Packet packet, bool reversed)
    {
        var source = reversed ? packet.Destination : packet.Source;
        var destination = reversed ? packet.Source : packet.Destination;
        if (!Rule.Source.Matches(source) || !Rule.Destination.Matches(destination))
            return false;
        var sourcePorts = Rule.SourcePorts;
        var destinationPorts = Rule.DestinationPorts;
        if (sourcePorts.IsAny && destinationPorts.IsAny)
            return true;
        if (packet.Protocol is not (IpProtocol.Tcp or IpProtocol.Udp))
            return false;
        var sourcePort = reversed ? packet.DestinationPort : packet.SourcePort;
        var destinationPort = reversed ? packet.SourcePort : packet.DestinationPort;
        return sourcePorts.Matches(sourcePort) && destinationPorts.Matches(destinationPort);
    }

    /// <summary>Matches contents[index..] given the end of the previous positive match; backtracks over later occurrences.</summary>
    private bool MatchFrom(int index, ReadOnlySpan<byte> payload, int previousEnd, ref int budget)
    {
        if (index == _contents.Length)
            return true;
        if (--budget < 0)
            return false;
        var content = _contents[index];
        int start, end;
        if (content.IsRelative)
        {
            start = Math.Max(0, previousEnd + content.Distance);
            end = content.HasWithin ? Math.Min(payload.Length, previousEnd + content.Distance + content.Within) : payload.Length;
        }
        else
        {
            start = content.Offset;
            end = content.Depth > 0 ? Math.Min(payload.Length, content.Offset + content.Depth) : payload.Length;
        }
        var fits = start <= payload.Length && end - start >= content.Pattern.Length;
        if (content.Negated)
        {
            if (fits && ContentSearch.IndexOf(payload[start..end], content) >= 0)
                return false;
            return MatchFrom(index + 1, payload, previousEnd, ref budget);
        }
        if (!fits)
            return false;
        var from = start;
        while (true)
        {
            var hit = ContentSearch.IndexOf(payload[from..end], content);
            if (hit < 0)
                return false;
            var position = from + hit;
            if (MatchFrom(index + 1, payload, position + content.Pattern.Length, ref budget))
                return true;
            if (!_backtrack[index] || budget <= 0)
                return false;
            from = position + 1;
            if (end - from < content.Pattern.Length)
                return false;
        }
    }
}
