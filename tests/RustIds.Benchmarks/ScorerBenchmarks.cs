using BenchmarkDotNet.Attributes;
using RustIds.Detection;
using RustIds.Packets;
using RustIds.Reputation.Feeds;
using RustIds.Reputation.Feeds.Refresh;
using RustIds.Reputation.GeoIp;
using RustIds.Reputation.Scoring;
using RustIds.Reputation.Storage;

namespace RustIds.Benchmarks;

/// <summary>
/// One verdict as the responder makes it, excluding I/O: three alerts, the real feed snapshots (Spamhaus DROP,
/// ET compromised, Tor exits, IPsum, Feodo), GeoIP country, and a history of three earlier blocks. One op = one decision.
/// </summary>
[MemoryDiagnoser]
public class ScorerBenchmarks
{
    private readonly DateTimeOffset _now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private ReputationScorer _scorer = null!;
    private ReputationContext _listed = null!;
    private ReputationContext _unlisted = null!;
    private Alert[] _alerts = null!;
    private IpAddr _listedAddress;
    private IpAddr _unlistedAddress;
    private MaxMindDbReader _geoIp = null!;

    [GlobalSetup]
    public void Setup()
    {
        var feeds = Path.Combine(BenchmarkData.SharedData, "feeds");
        LoadedFeed Load(string name, string file, FeedFormat format, FeedWeight weight)
        {
            var definition = new FeedDefinition { Name = name, Location = FeedLocation.File(Path.Combine(feeds, file)), Parse = new FeedParseOptions { Format = format }, Weight = weight };
            return new LoadedFeed(definition, FeedParser.ParseFile(definition.Location.FilePath!, name, definition.Parse), _now);
        }
        LoadedFeed[] loaded =
        [
            Load("spamhaus-drop", "spamhaus-drop-json/drop_v4.json", FeedFormat.SpamhausJson, new FeedWeight(50, 1, 1)),
            Load("et-compromised", "et-compromised/compromised-ips.txt", FeedFormat.Plain, new FeedWeight(30, 1, 1)),
            Load("tor-exit", "tor-exit/tor-exit.txt", FeedFormat.TorExit, new FeedWeight(10, 1, 1)),
            Load("ipsum", "stamparm-ipsum/ipsum.txt", FeedFormat.Ipsum, new FeedWeight(40, 1, 5)),
            Load("feodo", "feodo/ipblocklist_recommended.txt", FeedFormat.Feodo, new FeedWeight(50, 0.9, 1)),
        ];
        const string installed = "/var/lib/rustids/geoip/dbip-country.mmdb";
        _geoIp = MaxMindDbReader.Open(File.Exists(installed) ? installed : Path.Combine(BenchmarkData.SharedData, "geoip", "maxmind-test", "GeoIP2-Country-Test.mmdb"));
        _scorer = new ReputationScorer(new ScoringOptions { CountryWeights = new Dictionary<string, int> { ["RU"] = 10, ["NL"] = 5 } });
        _listedAddress = IpAddr.Parse("2.57.122.53");      // IPsum, 9 lists
        _unlistedAddress = IpAddr.Parse("203.0.113.77");
        var history = new AddressHistory
        {
            Address = _listedAddress,
            AlertCount = 12,
            PriorBlockCount = 3,
            BlockTimes = [_now.AddDays(-1), _now.AddDays(-9), _now.AddDays(-40)],
        };
        _listed = new ReputationContext { Now = _now, Feeds = loaded, GeoIp = _geoIp, History = history };
        _unlisted = new ReputationContext { Now = _now, Feeds = loaded, GeoIp = _geoIp, History = AddressHistory.None(_unlistedAddress) };
        _alerts =
        [
            Alert(2019401, 2), Alert(2024897, 1), Alert(2019401, 2),
        ];
    }

    private Alert Alert(long sid, int severity) => new()
    {
        Timestamp = _now,
        Source = _listedAddress,
        Destination = IpAddr.Parse("192.168.1.10"),
        Protocol = IpProtocol.Tcp,
        Sid = sid,
        Signature = "ET SCAN benchmark " + sid,
        Severity = severity,
    };

    [Benchmark(Description = "score: listed, 3 alerts, history")]
    public int ScoreListed() => _scorer.Score(_listedAddress, _alerts, _listed).Score;

    [Benchmark(Description = "score: unlisted, 3 alerts")]
    public int ScoreUnlisted() => _scorer.Score(_unlistedAddress, _alerts, _unlisted).Score;

    [GlobalCleanup]
    public void Cleanup() => _geoIp.Dispose();
}
