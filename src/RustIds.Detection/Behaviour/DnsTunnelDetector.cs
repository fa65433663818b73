using RustIds.Packets.Memory;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using RustIds.Packets;
using RustIds.Packets.AppLayer.Dns;

namespace RustIds.Detection.Behaviour;

/// <summary>
/// DNS tunnelling, per client and registered domain: many queries with many distinct names below one
/// domain, plus one sign of data carried in them (long or random-looking names, TXT/NULL records, big answers).
/// Only candidate queries are counted (see <see cref="CandidateLength"/>), and only once their client asked for that
/// domain a few times: a client and domain cost a counter (see <see cref="ActivityFilter"/>) until then, not an entry.
/// </summary>
public sealed class DnsTunnelDetector
{
    /// <summary>
    /// Only queries that could carry data are counted: a name at least this long below its registered domain, or a TXT
    /// or NULL question. Everyday names (www, cdn-7, e1234.dscb) then cost a parse and no table access, and a tunnel
    /// still shows: its names are long, or its answers are TXT/NULL records.
    /// </summary>
    public const int CandidateLength = 16;

    private const ushort TypeNull = 10;
    private const ushort TypeTxt = 16;
    private const int LongestDomainShown = 64;

    private readonly DnsTunnelOptions _options;
    private readonly DetectionEmitter _emitter;
    private readonly long _cooldown;
    private readonly int _subdomainBits;
    private readonly BoundedTable<DomainKey, DomainState> _domains;
    private readonly ActivityFilter _busyDomains;

    /// <param name="options">Thresholds.</param>
    /// <param name="cooldown">Quiet time after an alert for one client and domain.</param>
    /// <param name="trackedDomains">Clients and domains counted exactly at most.</param>
    /// <param name="emitter">Raises the alerts.</param>
    /// <param name="filterMemory">Where the activity filter lives (every candidate query touches it).</param>
    /// <param name="tableMemory">Where the table of busy clients and domains lives.</param>
    internal DnsTunnelDetector(DnsTunnelOptions options, TimeSpan cooldown, int trackedDomains, DetectionEmitter emitter, TableMemory filterMemory, TableMemory tableMemory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _emitter = emitter;
        _cooldown = cooldown.Ticks;
        _subdomainBits = DistinctSketch.BitsFor(options.DistinctSubdomains);
        _busyDomains = new ActivityFilter(DetectorSet.BusyAfter, options.Window / 2, filterMemory);
        _domains = new BoundedTable<DomainKey, DomainState>(trackedDomains, tableMemory);
    }

    public BoundedTable<DomainKey, DomainState> Domains => _domains;

    /// <param name="message">A parsed DNS message of the flow.</param>
    /// <param name="flow">The flow; its initiator is the client.</param>
    /// <param name="now">The message's packet time.</param>
    public void OnMessage(DnsMessage message, in FlowEntry flow, long now)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!message.HasHeader || message.QuestionCount == 0)
            return;
        var question = message.GetQuestion(0);
        var name = question.Name;
        var dataType = question.Type is TypeTxt or TypeNull;
        // Most names are too short to hold a candidate's part below the domain, a dot and a domain of two characters or
        // more: they cost no split.
        if (name.Length < CandidateLength + 3 && !dataType)
            return;
        var registeredStart = DnsName.RegisteredDomainStart(name);
        var registered = name[registeredStart..];
        var below = registeredStart > 0 ? name[..(registeredStart - 1)] : [];
        if (below.Length < CandidateLength && !dataType)
            return;
        var key = new DomainKey(flow.InitiatorAddress, KeyHash.OfTextIgnoreCase(registered));
        if (message.IsResponse)
        {
            // A response only adds to the counts of queries seen; looking it up without adding keeps answers to
            // one-off names from evicting entries, and only busy clients and domains are looked up at all: the table
            // holds no others, and its pages are then touched only where busy clients are.
            if (!_busyDomains.IsBusy(key.Hash, now))
                return;
            ref var asked = ref _domains.Find(key);
            if (!Unsafe.IsNullRef(ref asked) && now - asked.Start < _options.Window.Ticks)
            {
                asked.Responses++;
                asked.ResponseBytes += message.Bytes.Length;
            }
            return;
        }
        // A tunnel asks hundreds of names a minute; one-off lookups of long names (CDN hosts, trackers) stop at the filter.
        if (!_busyDomains.Count(key.Hash, now))
            return;
        ref var domain = ref _domains.GetOrAdd(key, now);
        if (TimeWindow.Restart(ref domain.Start, now, _options.Window.Ticks))
        {
            var quiet = domain.QuietUntil;
            var start = domain.Start;
            domain = default;
            domain.Start = start;
            domain.QuietUntil = quiet;
        }
        domain.Queries++;
        if (dataType)
            domain.TxtOrNull++;
        if (below.Length > 0)
        {
            domain.NamedQueries++;
            domain.NameCharacters += DnsName.LabelCharacters(below);
            domain.EntropySum += DnsName.Entropy(below);
            domain.Subdomains.Add(KeyHash.OfTextIgnoreCase(below));
        }
        if (domain.Queries >= _options.Queries && domain.Subdomains.SetBits >= _subdomainBits)
            Judge(ref domain, registered, DetectionSite.Of(in flow, now));
    }

    private void Judge(ref DomainState domain, ReadOnlySpan<byte> registered, in DetectionSite site)
    {
        var named = Math.Max(domain.NamedQueries, 1);
        var meanLength = domain.NameCharacters / (double)named;
        var meanEntropy = domain.EntropySum / named;
        var txtShare = domain.TxtOrNull / (double)domain.Queries;
        var meanResponse = domain.Responses == 0 ? 0 : domain.ResponseBytes / (double)domain.Responses;
        var carriesData = meanLength >= _options.MeanSubdomainLength || meanEntropy >= _options.MeanEntropyBits
            || txtShare >= _options.TxtNullShare || meanResponse >= _options.MeanResponseBytes;
        if (!carriesData || !TimeWindow.TryArm(ref domain.QuietUntil, site.TimestampTicks, _cooldown))
            return;
        _emitter.Raise(new DetectionEvidence(DetectorSignature.DnsTunnel, "queries", domain.Queries, _options.Queries, _options.Window, Printable(registered))
        {
            Detail = string.Create(CultureInfo.InvariantCulture,
                $"{domain.Subdomains.Estimate()} distinct names, mean name length {meanLength:0.#}, entropy {meanEntropy:0.##} bits/char, {txtShare:P0} TXT/NULL, mean response {meanResponse:0} bytes"),
        }, in site);
    }

    /// <summary>The domain as people may read it: printable ASCII only, bounded (it comes off the wire).</summary>
    private static string Printable(ReadOnlySpan<byte> name)
    {
        var shown = name.Length > LongestDomainShown ? name[..LongestDomainShown] : name;
        var builder = new StringBuilder(shown.Length);
        foreach (var b in shown)
            builder.Append(b is >= 0x21 and <= 0x7e ? (char)b : '?');
        return builder.ToString();
    }
}
