using RustIds.Packets;
using RustIds.Rules.Buffers;
using RustIds.Rules.Evaluation;
using RustIds.Rules.Flowbits;
using RustIds.Rules.Prefilter;

namespace RustIds.Rules;

/// <summary>An immutable, evaluation-ready rule set: rules in evaluation order, grouped by packet protocol and app-layer event, with their prefilters.</summary>
/// <remarks>
/// <para>Evaluation order is Suricata's: <c>pass</c> rules first, then rules that only set flowbits, rules that set and
/// test them, rules that only test them; otherwise load order. Indices (<see cref="GetRule"/>) refer to this order.</para>
/// <para>Shared by all workers; each worker evaluates through its own <see cref="RuleEvaluator"/>. Swap a new instance
/// in on reload and dispose the old one once no worker uses it.</para>
/// </remarks>
public sealed class CompiledRuleSet : IDisposable
{
    private static readonly IpProtocol[] PacketGroups = [IpProtocol.Tcp, IpProtocol.Udp, IpProtocol.Icmp];

    private readonly PacketPlan[] _packetPlans;
    private readonly RulePlan[] _eventPlans;
    private readonly ThreadLocal<RuleEvaluator> _defaultEvaluators;
    private bool _disposed;

    /// <summary>Compiles <paramref name="rules"/> with the best available prefilter.</summary>
    /// <param name="rules">The rules, in load order.</param>
    /// <param name="prefilter">Multi-pattern engine.</param>
    /// <param name="thresholds">A threshold.config (suppress, threshold/event_filter, rate_filter), or null.</param>
    public CompiledRuleSet(IEnumerable<Rule> rules, PrefilterEngine prefilter = PrefilterEngine.Auto, Thresholds.ThresholdConfig? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var ordered = rules.Select((rule, position) => (rule, position))
            .OrderBy(r => r.rule.Action == RuleAction.Pass ? 0 : 1)
            .ThenBy(r => FlowbitRank(r.rule))
            .ThenBy(r => r.position)
            .Select(r => r.rule)
            .ToArray();
        var flowbits = new Dictionary<string, int>(StringComparer.Ordinal);
        int BitIndex(string name)
        {
            if (!flowbits.TryGetValue(name, out var index))
                flowbits[name] = index = flowbits.Count;
            return index;
        }
        Rules = new CompiledRule[ordered.Length];
        var config = thresholds ?? Thresholds.ThresholdConfig.Empty;
        for (var i = 0; i < ordered.Length; i++)
        {
            var rule = ordered[i];
            Rules[i] = new CompiledRule(rule, i, BitIndex, config.For(rule.Gid, rule.Sid, rule.Threshold, rule.DetectionFilter));
        }
        FlowbitCount = flowbits.Count;
        Prefilter = prefilter;
        InspectsStreams = Rules.Any(r => r.InspectsStream);
        InspectsHttpBodies = Rules.Any(r => r.InspectsHttpBody);

        _packetPlans = new PacketPlan[PacketGroups.Length + 1];
        for (var g = 0; g <= PacketGroups.Length; g++)
        {
            var protocol = g < PacketGroups.Length ? PacketGroups[g] : IpProtocol.None;
            var packetRules = Rules.Where(r => !r.IsTxRule && r.Rule.AppliesTo(protocol));
            _packetPlans[g] = protocol is IpProtocol.Tcp or IpProtocol.Udp
                ? BuildPortPlan(packetRules, prefilter)
                : new PacketPlan(BuildPlan(packetRules, prefilter), [], []);
        }
        _eventPlans = new RulePlan[(int)TxEvent.Ssh + 1];
        for (var e = 0; e < _eventPlans.Length; e++)
            _eventPlans[e] = BuildPlan(Rules.Where(r => e != 0 && (int)r.Rule.Event == e), prefilter, indexAddresses: false);
        AllPrefilters = [.. _packetPlans.SelectMany(p => p.All).Concat(_eventPlans).SelectMany(p => p.Prefilters).Distinct()];
        for (var i = 0; i < AllPrefilters.Length; i++)
            AllPrefilters[i].Id = i;
        _defaultEvaluators = new ThreadLocal<RuleEvaluator>(() => new RuleEvaluator(this), trackAllValues: true);
    }

    /// <summary>Number of rules.</summary>
    public int Count => Rules.Length;

    /// <summary>Distinct flowbit names.</summary>
    public int FlowbitCount { get; }

    /// <summary>Some rule inspects an HTTP request or response body, so the HTTP parser must keep bodies (Suricata, too, stores them only then).</summary>
    public bool InspectsHttpBodies { get; }

    /// <summary>Some rule inspects the reassembled TCP stream, so workers keep a window of each stream.</summary>
    public bool InspectsStreams { get; }

    /// <summary>The prefilter engine asked for.</summary>
    public PrefilterEngine Prefilter { get; }

    /// <summary>The engine the prefilter databases actually use (Hyperscan, or Aho-Corasick where it is missing).</summary>
    public PrefilterEngine PrefilterInUse => AllPrefilters.Length == 0 ? Prefilter : AllPrefilters[0].Database.Engine;

    /// <summary>Bytes held by the compiled prefilter databases.</summary>
    public long PrefilterBytes => AllPrefilters.Sum(p => p.Database.MemoryBytes);

    internal CompiledRule[] Rules { get; }

    internal PrefilterGroup[] AllPrefilters { get; }

    /// <summary>The rule at an index returned by evaluation.</summary>
    public Rule GetRule(int index) => Rules[index].Rule;

    /// <summary>A new evaluator for one capture worker.</summary>
    /// <param name="streamWindowBytes">Stream bytes kept per TCP direction for stream matching (<c>Rules:StreamWindowBytes</c>).</param>
    /// <param name="streamWindowMemcapMiB">Memory the worker's stream windows may take (<c>Rules:StreamWindowMemcapMiB</c>).</param>
    public RuleEvaluator CreateEvaluator(int streamWindowBytes = RuleEvaluator.DefaultStreamWindowBytes, int streamWindowMemcapMiB = RuleEvaluator.DefaultStreamWindowMemcapMiB) =>
        new(this, streamWindowBytes, streamWindowMemcapMiB);

    /// <summary>Evaluates the packet rules on <paramref name="packet"/> with this thread's evaluator (tests, tools); workers use <see cref="CreateEvaluator"/>.</summary>
    public int Evaluate(in Packet packet, Span<int> matches) => _defaultEvaluators.Value!.Evaluate(in packet, matches);

    /// <summary>Every packet rule tried in order, no prefilter: the oracle for tests.</summary>
    internal int EvaluateExhaustive(in Packet packet, Span<int> matches) => _defaultEvaluators.Value!.EvaluateExhaustive(in packet, matches);

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (var evaluator in _defaultEvaluators.Values)
            evaluator.Dispose();
        _defaultEvaluators.Dispose();
        foreach (var plan in _packetPlans)
            plan.Dispose();
        foreach (var plan in _eventPlans)
            plan.Dispose();
    }

    internal PacketPlan PacketPlan(IpProtocol protocol) => _packetPlans[protocol switch
    {
        IpProtocol.Tcp => 0,
        IpProtocol.Udp => 1,
        IpProtocol.Icmp or IpProtocol.IcmpV6 => 2,
        _ => 3,
    }];

    internal RulePlan EventPlan(TxEvent txEvent) => _eventPlans[(int)txEvent];

    /// <summary>Prefilter groups per buffer; rules without a fast pattern are indexed by address (packet plans) or always tried.</summary>
    private static RulePlan BuildPlan(IEnumerable<CompiledRule> rules, PrefilterEngine engine, bool indexAddresses = true)
    {
        var list = rules.ToList();
        var noPattern = list.Where(r => r.FastPattern is null).ToList();
        var bySource = new List<(int, IpAddr, int)>();
        var byDestination = new List<(int, IpAddr, int)>();
        var always = new List<int>();
        foreach (var rule in noPattern)
        {
            // IP-only style rules: indexed by the address set they name, so a packet tests only the ones it can match.
            var header = rule.Rule;
            if (!indexAddresses)
                always.Add(rule.Index);
            else if (!header.Bidirectional && header.Source.PositivePrefixes is { } sources)
                bySource.AddRange(sources.Select(p => (rule.Index, p.Network, p.Length)));
            else if (!header.Bidirectional && header.Destination.PositivePrefixes is { } destinations)
                byDestination.AddRange(destinations.Select(p => (rule.Index, p.Network, p.Length)));
            else
                always.Add(rule.Index);
        }
        var groups = list.Where(r => r.FastPattern is not null)
            .GroupBy(r => (r.FastPattern!.Value.Buffer, r.FastPattern!.Value.Transforms))
            .Select(g => new PrefilterGroup(g.Key.Buffer, g.Key.Transforms, [.. g], engine))
            .ToArray();
        var streamRules = list.Where(r => r.InspectsStream).ToList();
        return new RulePlan(groups, [.. always],
            bySource.Count == 0 ? null : new AddressIndex(bySource),
            byDestination.Count == 0 ? null : new AddressIndex(byDestination))
        {
            StreamAlways = [.. streamRules.Where(r => r.FastPattern is null).Select(r => r.Index)],
            HasStreamRules = streamRules.Count > 0,
            LongestStreamPattern = streamRules.Select(r => r.FastPattern?.Content.PrefilterBytes.Length ?? 0).DefaultIfEmpty().Max(),
        };
    }

    /// <summary>Splits TCP or UDP packet rules by the ports they name (see <see cref="Evaluation.PacketPlan"/>).</summary>
    private static PacketPlan BuildPortPlan(IEnumerable<CompiledRule> rules, PrefilterEngine engine)
    {
        var anyPort = new List<CompiledRule>();
        var byDestination = new Dictionary<int, List<CompiledRule>>();
        var bySource = new Dictionary<int, List<CompiledRule>>();
        var ports = new List<int>();
        foreach (var rule in rules)
        {
            var header = rule.Rule;
            ports.Clear();
            if (!header.Bidirectional && header.DestinationPorts.TryListPorts(Evaluation.PacketPlan.MaxBucketPorts, ports))
                AddAll(byDestination, ports, rule);
            else if (!header.Bidirectional && header.SourcePorts.TryListPorts(Evaluation.PacketPlan.MaxBucketPorts, ports))
                AddAll(bySource, ports, rule);
            else
                anyPort.Add(rule);
        }
        return new PacketPlan(BuildPlan(anyPort, engine), Expand(byDestination, engine), Expand(bySource, engine));

        static void AddAll(Dictionary<int, List<CompiledRule>> buckets, List<int> ports, CompiledRule rule)
        {
            foreach (var port in ports)
            {
                if (!buckets.TryGetValue(port, out var list))
                    buckets[port] = list = [];
                list.Add(rule);
            }
        }

        // One plan per distinct rule list: ports sharing the same rules (a range, $HTTP_PORTS) share one compiled database.
        static RulePlan?[] Expand(Dictionary<int, List<CompiledRule>> buckets, PrefilterEngine engine)
        {
            if (buckets.Count == 0)
                return [];
            var table = new RulePlan?[65536];
            var shared = new Dictionary<string, RulePlan>(StringComparer.Ordinal);
            foreach (var (port, list) in buckets)
            {
                var key = string.Join(',', list.Select(r => r.Index));
                if (!shared.TryGetValue(key, out var plan))
                    shared[key] = plan = BuildPlan(list, engine);
                table[port] = plan;
            }
            return table;
        }
    }

    /// <summary>Setters before testers, so a bit set by one rule is seen by another on the same packet.</summary>
    private static int FlowbitRank(Rule rule)
    {
        var sets = rule.Flowbits.Any(f => !f.IsTest);
        var tests = rule.Flowbits.Any(f => f.IsTest);
        return (sets, tests) switch
        {
            (true, false) => 0,
            (true, true) => 1,
            (false, true) => 2,
            _ => 0,
        };
    }
}
