using System.Diagnostics;
using System.Text;

namespace RustIds.Rules.Tests;

/// <summary>Seeded random mutations of valid rules: the loader never throws and never hangs.</summary>
public sealed class ParserMutationTests
{
    private static readonly string[] Seeds =
    [
        "alert tcp $EXTERNAL_NET any -> $HOME_NET [80,443,8000:8100] (msg:\"SQL \\\"x\\\"\"; flow:to_server,established; content:\"UNION\"; nocase; content:\"SELECT\"; nocase; distance:0; within:20; classtype:web-application-attack; reference:cve,2020-1; metadata:a b, c d; sid:1000001; rev:2;)",
        "drop udp [10.0.0.0/8,!10.1.0.0/16,[2001:db8::/32]] !53 <> any :1024 (msg:\"dns\"; content:!\"|00 01 0a|x\\;y\"; offset:2; depth:10; priority:1; gid:3; sid:2;)",
        "alert http $HOME_NET any -> $EXTERNAL_NET any (msg:\"ET x\"; flow:established,to_server; http.uri; content:\"/a\"; pcre:\"/a(b|c)/i\"; sid:3; rev:1;)",
        "alert tcp any any -> any any ( msg:\"s3\"; content:\"x\",depth 4,nocase; service:http; sid:4; )",
    ];

    private static readonly string[] Tokens = ["$HOME_NET", "[", "]", "!", "|", "\\", "\"", ";", "(", ")", ":", "-1", "99999999999", "$NOPE", "\u00e9"];

    private const string Alphabet = "!\"#$%&'()*+,-./0123456789:;<=>?@[\\]^_`{|}~ aAzZ\t\n|\\";

    [Fact]
    public void Parse_FiveThousandMutations_NeverThrowsOrHangs()
    {
        var random = new Random(20240611);
        var parser = new RuleParser();
        var diagnostics = new List<RuleDiagnostic>();
        Span<int> matches = stackalloc int[1];
        var watch = Stopwatch.StartNew();
        for (var iteration = 0; iteration < 5000; iteration++)
        {
            var text = Mutate(Seeds[random.Next(Seeds.Length)], random);
            diagnostics.Clear();
            var rule = parser.Parse(text, "m.rules", 1, diagnostics);
            Assert.True(rule is not null || diagnostics.Exists(d => d.Severity == DiagnosticSeverity.Error), text);
            Assert.All(diagnostics, d => Assert.True(d.Line >= 1 && d.Column >= 1 && d.Column <= text.Length + 2, $"{d} in {text}"));
            if (rule is not null)
                new CompiledRuleSet([rule]).Evaluate(TestPackets.Tcp(Encoding.Latin1.GetBytes(text)), matches);
        }
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
    }

    [Fact]
    public void LoadText_MutatedMultiLineFiles_NeverThrow()
    {
        var random = new Random(7);
        for (var iteration = 0; iteration < 300; iteration++)
        {
            var text = string.Join(random.Next(2) == 0 ? "\n" : " \\\n", Enumerable.Range(0, 4).Select(_ => Mutate(Seeds[random.Next(Seeds.Length)], random)));
            var result = new RuleFileLoader().LoadText(text);
            Assert.All(result.Diagnostics, d => Assert.True(d.Line >= 1 && d.Column >= 1, d.ToString()));
        }
    }

    private static string Mutate(string seed, Random random)
    {
        var builder = new StringBuilder(seed);
        var edits = random.Next(1, 6);
        for (var i = 0; i < edits; i++)
        {
            var position = random.Next(builder.Length + 1);
            switch (random.Next(5))
            {
                case 0 when builder.Length > 0 && position < builder.Length:
                    builder.Remove(position, Math.Min(random.Next(1, 8), builder.Length - position));
                    break;
                case 1:
                    builder.Insert(position, Alphabet[random.Next(Alphabet.Length)]);
                    break;
                case 2 when position < builder.Length:
                    builder[position] = Alphabet[random.Next(Alphabet.Length)];
                    break;
                case 3 when builder.Length > 0:
                    var start = random.Next(builder.Length);
                    var length = Math.Min(random.Next(1, 20), builder.Length - start);
                    builder.Insert(position, builder.ToString(start, length));
                    break;
                default:
                    builder.Insert(position, Tokens[random.Next(Tokens.Length)]);
                    break;
            }
        }
        return builder.ToString();
    }
}
