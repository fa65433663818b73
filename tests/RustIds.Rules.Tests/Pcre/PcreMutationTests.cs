using System.Text;
using RustIds.Rules.Pcre;

namespace RustIds.Rules.Tests.Pcre;

public sealed class PcreMutationTests
{
    private const string Specials = "()[]{}\\*+?|^$/\"!,:-.#<>'=PxQE0123456789";

    [SkippableFact]
    public void TryParse_MutatedEtOpenValues_NeverThrowAndCountRejections()
    {
        var seeds = RuleCorpus.PcreValues(RuleCorpus.EtOpenFiles()).Distinct(StringComparer.Ordinal).ToList();
        Skip.If(seeds.Count == 0, "ET Open rules not present");
        var rng = new Random(20240601);
        var options = new PcreOptions { MatchTimeout = TimeSpan.FromMilliseconds(5) };
        var matcher = new PcreMatcher(4096);
        byte[] probe = Encoding.Latin1.GetBytes("GET /a.php?x=1 HTTP/1.1\r\nHost: example\r\nUser-Agent: Mozilla/4.0\r\n\r\n\u00ff\u0090\u0000");
        int inputs = 0;
        int accepted = 0;
        int rejected = 0;

        // Truncation at every length of a few long values, then random edits of random seeds.
        foreach (string seed in seeds.OrderByDescending(s => s.Length).Take(8))
        {
            for (int len = 0; len <= seed.Length; len++)
            {
                Run(seed[..len]);
            }
        }

        while (inputs < 30_000)
        {
            var sb = new StringBuilder(seeds[rng.Next(seeds.Count)]);
            int edits = 1 + rng.Next(3);
            for (int e = 0; e < edits && sb.Length > 0; e++)
            {
                int at = rng.Next(sb.Length);
                switch (rng.Next(5))
                {
                    case 0: sb[at] = (char)(sb[at] ^ (1 << rng.Next(7))); break; // bit flip
                    case 1: sb.Insert(at, Specials[rng.Next(Specials.Length)]); break;
                    case 2: sb.Remove(at, 1); break;
                    case 3: sb.Insert(at, sb.ToString(at, Math.Min(8, sb.Length - at))); break; // repeat a slice
                    default: sb.Length = at; break; // truncate
                }
            }

            Run(sb.ToString());
        }

        Assert.True(inputs >= 30_000);
        Assert.True(rejected > 1000, $"only {rejected} rejections");
        Assert.True(accepted > 1000, $"only {accepted} accepted");

        void Run(string value)
        {
            inputs++;
            if (PcreParser.TryParse(value, options, out var spec, out string? error, out int offset))
            {
                accepted++;
                matcher.Match(spec!, probe, 0, out int end);
                Assert.InRange(end, -1, probe.Length);
            }
            else
            {
                rejected++;
                Assert.False(string.IsNullOrEmpty(error));
                Assert.InRange(offset, 0, Math.Max(0, value.Length));
            }
        }
    }

    [Fact]
    public void Match_MutatedPayloads_NeverThrowAndStayInBounds()
    {
        string[] values =
        [
            "\"/^\\/[a-z]{2,8}\\.php\\?[a-z]+=\\d+/R\"",
            "\"/Host\\x3a\\x20[^\\r\\n]+\\.(?:ru|cn)\\r\\n/i\"",
            "\"/User-Agent\\x3a\\x20[^\\r\\n]*(?P<flow_ua>Mozilla\\/[0-9.]+)/\"",
            "\"/\\x90{4,}\\xeb[\\x00-\\xff]/s\"",
            "\"/(?:%[0-9a-f]{2}){3,}/i\"",
            "\"/^(\\w+\\s?)*$/\"",
            "\"/[\\r\\n]{2}$/E\"",
            "\"/HTTP\\/1\\.[01]\\r\\n/A\"",
        ];
        var specs = values.Select(v => PcreTestHelper.Parse(v, new PcreOptions { MatchTimeout = TimeSpan.FromMilliseconds(2) })).ToArray();
        byte[] seed = "GET /index.php?id=1 HTTP/1.1\r\nHost: evil.ru\r\nUser-Agent: Mozilla/5.0\r\n\r\n\u0090\u0090\u0090\u0090\u00eb\u00fe"u8.ToArray();
        var matcher = new PcreMatcher(maxBufferBytes: 96);
        var rng = new Random(777);
        byte[] work = new byte[512];
        int inputs = 0;
        int matched = 0;

        for (int round = 0; inputs < 200_000; round++)
        {
            int len;
            int kind = round % 4;
            if (kind == 0)
            {
                len = round / 4 % (seed.Length + 1); // truncation at every length
                seed.AsSpan(0, len).CopyTo(work);
            }
            else if (kind == 1)
            {
                len = seed.Length;
                seed.CopyTo(work, 0);
                for (int f = rng.Next(1, 6); f > 0; f--)
                {
                    work[rng.Next(len)] ^= (byte)(1 << rng.Next(8)); // bit flips
                }
            }
            else if (kind == 2)
            {
                len = Math.Min(work.Length, seed.Length * rng.Next(1, 7)); // loops: the request repeated past the buffer cap
                for (int i = 0; i < len; i++)
                {
                    work[i] = seed[i % seed.Length];
                }
            }
            else
            {
                len = rng.Next(work.Length);
                rng.NextBytes(work.AsSpan(0, len));
            }

            var data = work.AsSpan(0, len);
            int start = rng.Next(-2, len + 3); // includes out-of-range starts
            var spec = specs[round % specs.Length];
            inputs++;
            if (matcher.Match(spec, data, start, out int end))
            {
                matched++;
                Assert.InRange(end, start, len);
            }
            else
            {
                Assert.Equal(-1, end);
            }
        }

        Assert.Equal(200_000, inputs);
        Assert.True(matched > 0);
        Assert.True(matcher.Truncations > 0, "long inputs were not counted as truncated");
    }
}
