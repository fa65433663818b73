using System.Globalization;
using System.Text;
using RustIds.Testing;
using Xunit.Abstractions;

namespace RustIds.Rules.Tests.Evaluation;

/// <summary>
/// App-layer rules against tshark: for every value tshark reads in a generated capture (HTTP method, Host, User-Agent,
/// URI, DNS query name, TLS SNI), a rule matching exactly that value must alert exactly as often as tshark saw it.
/// </summary>
public sealed class AppLayerRuleOracleTests(ITestOutputHelper output)
{
    private const char Aggregator = '\u0001';

    private static readonly (string TsharkField, string Buffer, string Header)[] Fields =
    [
        ("http.request.method", "http.method", "http"),
        ("http.host", "http.host.raw", "http"),
        ("http.user_agent", "http.user_agent", "http"),
        ("http.request.uri", "http.uri.raw", "http"),
        ("dns.qry.name", "dns.query", "dns"),
        ("tls.handshake.extensions_server_name", "tls.sni", "tls"),
    ];

    [SkippableFact]
    public void Evaluate_GeneratedCapture_ExactValueRulesAlertAsOftenAsTsharkSeesTheValue()
    {
        var tshark = Tool.Find("tshark");
        Skip.If(tshark is null, "tshark is not installed (Debian package tshark)");
        Skip.IfNot(GeneratedCapture.CanGenerate, "Debian's python3 is needed to generate the capture");
        using var temp = new TempDirectory();
        var path = GeneratedCapture.Create(temp.Path, "conformance", 6000, seed: 7);

        var expected = new Dictionary<long, (string Field, string Value, int Count)>();
        var rules = new List<string>();
        var sid = 1000L;
        foreach (var (field, buffer, header) in Fields)
        {
            var filter = field == "dns.qry.name" ? "dns.flags.response == 0" : field;
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            var lines = Tool.RunChecked(tshark!, "-r", path, "-n", "-o", "tcp.reassemble_out_of_order:TRUE", "-Y", filter, "-T", "fields",
                "-E", "occurrence=a", "-E", $"aggregator={Aggregator}", "-e", field);
            foreach (var line in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (var value in line.Split(Aggregator, StringSplitOptions.RemoveEmptyEntries))
                    counts[value] = counts.GetValueOrDefault(value) + 1;
            }
            foreach (var (value, count) in counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(25))
            {
                sid++;
                expected[sid] = (field, value, count);
                rules.Add($"alert {header} any any -> any any (msg:\"{field}\"; {buffer}; content:\"{Hex(value)}\"; startswith; endswith; sid:{sid.ToString(CultureInfo.InvariantCulture)};)");
            }
        }
        Assert.True(expected.Count > 60, $"only {expected.Count} values to test");

        using var run = new RuleRun([.. rules]);
        run.FeedPcap(path).Finish();

        var wrong = expected.Where(e => run.Count(e.Key) != e.Value.Count)
            .Select(e => $"{e.Value.Field}='{e.Value.Value}': tshark {e.Value.Count}, rustids {run.Count(e.Key)}")
            .ToList();
        output.WriteLine($"{expected.Count} rules, {expected.Values.Sum(e => e.Count)} expected alerts, {wrong.Count} wrong");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(20)));
    }

    private static string Hex(string value) => "|" + Convert.ToHexString(Encoding.UTF8.GetBytes(value)) + "|";
}
