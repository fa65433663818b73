using System.Text;
using RustIds.Rules.Management;
using Xunit.Abstractions;

namespace RustIds.Rules.Tests.Management;

public sealed class RuleManagementMutationTests
{
    private readonly ITestOutputHelper _output;

    public RuleManagementMutationTests(ITestOutputHelper output) => _output = output;

    private const int Seed = 20_240_419;

    // Characters that matter to the formats: quotes, escapes, comment marks, separators, glob and regex syntax.
    private const string Specials = "\"'\\$#:,;*?[]!(){}<>|^.+-gP= \t\n\r";

    private static readonly string[] BaseFiles =
    [
        // disable.conf
        "# disable.conf\n1:2019401\n2019401, 2100387\n1:3321408:2\nre:heartbleed\nre:MS(0[7-9]|10)-\\d+\n"
            + "group:emerging-icmp.rules\ngroup:emerging-[a-d]*\nfilename:*/emerging-*.rules\n"
            + "metadata: deployment perimeter   # trailing comment\n*\n",
        // modify.conf
        "2019401 \"seconds \\d+\" \"seconds 3600\"\n"
            + "re:classtype:trojan-activity \"(alert)(.*)\" \"drop\\\\2\"\n"
            + "modifysid * \"^drop(.*)noalert(.*)\" | \"alert${1}noalert${2}\"\n"
            + "metadata-add re:\"SURICATA STREAM\" \"evebox.action\" \"archive\"\n"
            + "'group:emerging-*' '(?P<k>rev):(\\d+)' '\\g<k>:\\g<2>1'\n",
    ];

    private static readonly string BaseRules =
        "# header comment\n" + SampleRules.Heartbleed + "\n#" + SampleRules.IcmpMaskReply + "\n## "
        + SampleRules.Gid3Rule + "\nalert tcp any any -> any any (msg:\"split\"; \\\n content:\"x\"; sid:1; rev:1;)\n"
        + SampleRules.FlowbitSetter + "\n";

    [Fact]
    public void ParseAndApply_SeededMutations_NeverThrowAndCountErrors()
    {
        var random = new Random(Seed);

        // Interpreted regexes for the 100,000+ parses (compiling IL would dominate); compiled for the applying policy.
        var parseOptions = new RuleManagementOptions { RegexMatchTimeout = TimeSpan.FromMilliseconds(5), CompileRegexes = false };
        var applyOptions = parseOptions with { CompileRegexes = true };
        RuleManagementPolicy applyPolicy = RuleManagementPolicy.Parse(
            null, BaseFiles[0], BaseFiles[1], "re:ET\n", [], applyOptions);
        var errors = new List<RuleManagementError>();
        long inputs = 0, policyErrors = 0;
        string[][] baseLines = [.. BaseFiles.Select(f => f.Split('\n', StringSplitOptions.RemoveEmptyEntries))];

        // Every truncation point of each file and of the rule text.
        for (int f = 0; f < BaseFiles.Length; f++)
        {
            for (int length = 0; length <= BaseFiles[f].Length; length++, inputs++)
            {
                policyErrors += ParsePolicy(BaseFiles[f][..length], f == 1, errors, parseOptions);
            }
        }

        for (int length = 0; length <= BaseRules.Length; length++, inputs++)
        {
            ApplyRules(applyPolicy, BaseRules[..length]);
        }

        // Random mutations: whole files now and then, mostly single lines (cheaper, so more of them).
        for (int i = 0; i < 100_000; i++, inputs++)
        {
            int f = random.Next(BaseFiles.Length);
            string input = i % 20 == 0 ? BaseFiles[f] : baseLines[f][random.Next(baseLines[f].Length)];
            policyErrors += ParsePolicy(Mutate(input, random), f == 1, errors, parseOptions);
        }

        for (int i = 0; i < 100_000; i++, inputs++)
        {
            ApplyRules(applyPolicy, Mutate(BaseRules, random));
        }

        _output.WriteLine(
            $"inputs {inputs}, policy errors {policyErrors}, rules applied {applyPolicy.Statistics.RulesSeen}, "
            + $"not rules {applyPolicy.Statistics.NotRules}, regex timeouts {applyPolicy.Statistics.RegexTimeouts}");
        Assert.True(inputs >= 200_000, $"only {inputs} inputs");
        Assert.True(policyErrors > 10_000, $"only {policyErrors} errors counted");
        Assert.True(applyPolicy.Statistics.NotRules > 1_000, "mutated rules that are no longer rules are counted");
        Assert.True(applyPolicy.Statistics.RulesSeen > 100_000);
    }

    private static int ParsePolicy(
        string text, bool asModify, List<RuleManagementError> errors, RuleManagementOptions options)
    {
        errors.Clear();
        RuleManagementPolicy policy = asModify
            ? RuleManagementPolicy.Parse(null, null, text, null, errors, options)
            : RuleManagementPolicy.Parse(null, text, null, null, errors, options);
        foreach (RuleManagementError error in errors)
        {
            Assert.True(error.Line >= 1 && error.Column >= 1, error.ToString());
        }

        // Whatever survived parsing must also apply cleanly.
        policy.Apply(SampleRules.Active(SampleRules.Heartbleed), out _);
        return errors.Count;
    }

    private static void ApplyRules(RuleManagementPolicy policy, string text)
    {
        foreach (RuleLine line in RuleLineReader.Read(text, "emerging-exploit.rules"))
        {
            RuleLine result = policy.Apply(line, out _);
            Assert.Equal(line.Line, result.Line);
        }
    }

    private static string Mutate(string input, Random random)
    {
        var text = new StringBuilder(input);
        int edits = 1 + random.Next(4);
        for (int e = 0; e < edits && text.Length > 0; e++)
        {
            int at = random.Next(text.Length);
            switch (random.Next(7))
            {
                case 0: // bit flip
                    text[at] = (char)(text[at] ^ (1 << random.Next(8)));
                    break;
                case 1: // special character inserted
                    text.Insert(at, Specials[random.Next(Specials.Length)]);
                    break;
                case 2: // deletion
                    text.Remove(at, Math.Min(text.Length - at, 1 + random.Next(8)));
                    break;
                case 3: // numbers out of range and group references past the end
                    text.Insert(at, random.Next(3) switch { 0 => "99999999999999999999", 1 => "\\g<99>", _ => "${42}" });
                    break;
                case 4: // repeated segment (loops: long runs of stars, nested groups)
                    string piece = text.ToString(at, Math.Min(text.Length - at, 1 + random.Next(6)));
                    text.Insert(at, string.Concat(Enumerable.Repeat(piece, 2 + random.Next(20))));
                    break;
                case 5: // truncation
                    text.Length = at;
                    break;
                default: // random character
                    text[at] = (char)random.Next(0, 0x3000);
                    break;
            }
        }

        return text.ToString();
    }
}
