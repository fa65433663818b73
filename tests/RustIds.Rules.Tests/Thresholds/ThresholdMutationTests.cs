using RustIds.Packets;
using RustIds.Rules.Thresholds;

namespace RustIds.Rules.Tests.Thresholds;

/// <summary>Seeded mutation of keyword values, threshold.config text and Decide arguments: nothing may throw or hang.</summary>
public sealed class ThresholdMutationTests
{
    private static readonly string[] KeywordSeeds =
    [
        "type limit, track by_src, count 1, seconds 60",
        "type both, track by_both, count 3, seconds 5",
        "type threshold, track by_flow, count 10, seconds 3600",
        "track by_dst, count 5, seconds 60",
    ];

    private const string ConfigSeed =
        "# comment\r\n" +
        "threshold gen_id 1, sig_id 2002087, type both, track by_src, count 3, seconds 5\n" +
        "event_filter gen_id 0, sig_id 0, type limit, track by_rule, count 1, seconds 10\n" +
        "suppress gen_id 1, sig_id 2003614, track by_either, ip [192.168.0.0/16,$HOME_NET,fe80::/10]\n" +
        "suppress gen_id 1, sig_id 2002087\n" +
        "rate_filter gen_id 1, sig_id 888, track by_src, count 10, seconds 60, \\\n  new_action drop, timeout 300\n";

    private static readonly string[] Splices = ["99999999999", "-1", "0", ",", "[", "]", "!", "$", "$LOOP", "\\", "\n", "#", "/129", "::", " ", "by_", "[[[[[[[[[[[[[[[[[[", "gen_id 0"];

    private static string? Vars(string name) => name switch
    {
        "HOME_NET" => "[10.0.0.0/8,!10.1.0.0/16]",
        "LOOP" => "[$LOOP]",
        _ => null,
    };

    private static string Mutate(Random random, string seed)
    {
        var chars = seed.ToCharArray();
        switch (random.Next(5))
        {
            case 0:
                return seed[..random.Next(seed.Length + 1)];
            case 1:
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    var at = random.Next(chars.Length);
                    chars[at] = (char)(chars[at] ^ (1 << random.Next(7)));
                }
                return new string(chars);
            case 2:
                var splice = Splices[random.Next(Splices.Length)];
                var position = random.Next(seed.Length + 1);
                var cut = Math.Min(seed.Length - position, random.Next(4));
                return string.Concat(seed.AsSpan(0, position), splice, seed.AsSpan(position + cut));
            case 3:
                // Repeat a slice many times: long lists, repeated keys, deep nesting.
                var start = random.Next(seed.Length);
                var slice = seed.Substring(start, Math.Min(seed.Length - start, random.Next(1, 20)));
                return string.Concat(seed, string.Concat(Enumerable.Repeat(slice, random.Next(2, 50))));
            default:
                return new string(chars.Select(_ => (char)random.Next(32, 127)).Take(random.Next(chars.Length)).ToArray());
        }
    }

    [Fact]
    public void Parsers_200000MutatedInputs_NeverThrowAndReportErrors()
    {
        var random = new Random(20240501);
        long inputs = 0, rejected = 0, configErrors = 0;
        foreach (var seed in KeywordSeeds)
        {
            for (var length = 0; length <= seed.Length; length++)
            {
                ParseKeyword(seed[..length], ref rejected);
                inputs++;
            }
        }
        for (var i = 0; i < 150_000; i++)
        {
            ParseKeyword(Mutate(random, KeywordSeeds[i % KeywordSeeds.Length]), ref rejected);
            inputs++;
        }
        for (var i = 0; i < 60_000; i++)
        {
            var text = i < ConfigSeed.Length ? ConfigSeed[..i] : Mutate(random, ConfigSeed);
            var errors = new List<ThresholdConfigError>();
            var config = ThresholdConfig.Parse(text, "t.config", Vars, errors);
            var lines = text.Count(c => c == '\n') + 1;
            foreach (var error in errors)
            {
                Assert.InRange(error.Line, 1, lines);
                Assert.True(error.Column >= 1);
                Assert.False(string.IsNullOrEmpty(error.Message));
            }
            _ = config.For(1, 2002087, null, null);
            _ = config.For(1, 888, new ThresholdSpec(ThresholdType.Limit, ThresholdTrack.BySrc, 1, 1), null);
            configErrors += errors.Count;
            inputs++;
        }
        Assert.True(inputs >= 200_000);
        Assert.True(rejected > 50_000, $"only {rejected} keyword values rejected");
        Assert.True(configErrors > 20_000, $"only {configErrors} config errors");
    }

    private static void ParseKeyword(string value, ref long rejected)
    {
        if (!ThresholdOptionParser.TryParseThreshold(value, out var spec, out var error, out var offset))
        {
            Assert.Null(spec);
            Assert.NotNull(error);
            Assert.InRange(offset, 0, value.Length);
            rejected++;
        }
        if (!ThresholdOptionParser.TryParseDetectionFilter(value, out var filter, out error, out offset))
        {
            Assert.Null(filter);
            Assert.NotNull(error);
            Assert.InRange(offset, 0, value.Length);
        }
    }

    [Fact]
    public void Decide_200000HostileCalls_NeverThrowAndCountOddInputs()
    {
        var random = new Random(7);
        var state = new ThresholdState(new ThresholdStateOptions { MaxEntries = 512, EvictionScanLimit = 4 });
        Assert.True(IpAddressSetParser.TryParse("[!10.0.0.0/8,any]", _ => null, out var set, out _, out _));
        long[] times = [long.MinValue, -1, 0, 1, long.MaxValue, long.MaxValue - 1, Tick.Base];
        var tracks = Enum.GetValues<ThresholdTrack>();
        var tally = new long[8];
        for (var i = 0; i < 200_000; i++)
        {
            var count = random.Next(-2, 5);
            var seconds = random.Next(-1, 3) == 2 ? int.MaxValue : random.Next(-1, 3);
            var track = random.Next(20) == 0 ? (ThresholdTrack)200 : tracks[random.Next(tracks.Length)];
            var rule = new RuleThresholds(
                random.Next(2) == 0 ? new ThresholdSpec((ThresholdType)random.Next(4), track, count, seconds) : null,
                random.Next(3) == 0 ? new DetectionFilterSpec(track, count, seconds) : null,
                random.Next(4) == 0 ? [new SuppressSpec((SuppressTrack)random.Next(5), random.Next(2) == 0 ? set : null)] : [],
                random.Next(3) == 0 ? new RateFilterSpec(track, count, seconds, (RateFilterAction)random.Next(8), random.Next(-1, 3)) : null);
            var source = random.Next(10) switch
            {
                0 => default,
                1 => IpAddr.FromV6((ulong)random.NextInt64(), (ulong)random.NextInt64()),
                _ => IpAddr.FromV4((uint)random.Next(64)),
            };
            var time = random.Next(4) == 0 ? times[random.Next(times.Length)] : Tick.Base + random.NextInt64(-10, 100) * TimeSpan.TicksPerSecond;
            var decision = state.Decide(random.Next(-1, 8), rule, source, IpAddr.FromV4((uint)random.Next(4)), (ulong)random.Next(8), time);
            Assert.True(Enum.IsDefined(decision));
            tally[(int)decision]++;
            Assert.InRange(state.EntryCount, 0, 512);
        }
        var c = state.Counters;
        Assert.Equal(200_000, c.Decisions);
        Assert.Equal(tally[(int)AlertDecision.Alert], c.Alerts);
        Assert.Equal(tally[(int)AlertDecision.Suppress], c.Suppressed);
        Assert.Equal(tally[(int)AlertDecision.SilentMatch], c.SilentMatches);
        Assert.True(tally[(int)AlertDecision.Drop] + tally[(int)AlertDecision.RateAlert] > 0);
        Assert.True(c.InvalidSpecs > 0 && c.NonIpMatches > 0 && c.TimeWentBackwards > 0 && c.EvictedLive + c.EvictedExpired > 0);
    }
}
