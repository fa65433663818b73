using RustIds.Detection;
using RustIds.Packets;
using RustIds.Reputation;
using RustIds.Reputation.Feeds.Refresh;
using RustIds.Reputation.GeoIp;
using RustIds.Reputation.Scoring;
using RustIds.Reputation.Storage;
using RustIds.Response;

namespace RustIds.Engine.Explain;

/// <summary>
/// Everything rustids knows about one address, and what it would decide: the answer of <c>rustids ip check</c>
/// and of <c>GET /api/ip/{address}</c>.
/// </summary>
/// <param name="allowlist">Protected addresses now (read at each call: a reload may have replaced them).</param>
/// <param name="feeds">The feeds in use now (read at each call: a refresh may have replaced them).</param>
/// <param name="geoIp">Country database, if any.</param>
/// <param name="asn">ASN database, if any.</param>
/// <param name="scorer">The scorer the pipeline uses.</param>
public sealed class AddressExplainer(Func<Allowlist> allowlist, Func<IReadOnlyList<LoadedFeed>> feeds, IGeoIpDatabase? geoIp, IGeoIpDatabase? asn, ReputationScorer scorer)
{
    /// <param name="address">The address to explain.</param>
    /// <param name="now">The moment of the answer (expiry, decay).</param>
    /// <param name="threatDb">Its history, signatures and verdicts; null when there is no database yet.</param>
    /// <param name="activeBlocks">The blocks in force now; those covering <paramref name="address"/> are reported.</param>
    public IpCheckReport Explain(IpAddr address, DateTimeOffset now, ThreatDb? threatDb, IReadOnlyList<BlockRecord> activeBlocks)
    {
        ArgumentNullException.ThrowIfNull(activeBlocks);
        var report = new IpCheckReport(address, now);
        report.Allowlisted = allowlist().IsAllowed(address, out var why) ? why : null;
        var inUse = feeds();
        report.FeedCount = inUse.Count;
        report.Listings = [.. inUse.Where(f => f.List.Hits(address) > 0)];
        if (geoIp is not null && geoIp.TryGetCountry(address, out var code))
            report.Country = code.ToString();
        if (asn is not null && asn.TryGetAsn(address, out var number))
            report.Asn = number;
        report.History = AddressHistory.None(address);
        if (threatDb is not null)
        {
            report.History = threatDb.GetHistory(address);
            report.Signatures = threatDb.AlertsBySignature(address);
            report.Verdicts = threatDb.RecentVerdicts(address, 10);
        }
        report.Blocks = [.. activeBlocks.Where(b => b.Target.Contains(address))];

        var context = new ReputationContext
        {
            Now = now,
            Feeds = inUse,
            GeoIp = geoIp,
            Asn = asn,
            History = report.History,
            Allowlisted = report.Allowlisted,
        };
        report.WithoutAlert = scorer.Score(address, [], context);
        var probe = new Alert
        {
            Timestamp = now,
            Source = address,
            Destination = address,
            Protocol = IpProtocol.Tcp,
            Sid = 0,
            Signature = "(any priority-1 rule)",
            Severity = 1,
        };
        report.WithPriority1Alert = scorer.Score(address, [probe], context);
        return report;
    }
}
