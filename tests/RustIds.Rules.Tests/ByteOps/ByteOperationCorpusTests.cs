using RustIds.Rules.ByteOps;
using Xunit.Abstractions;

namespace RustIds.Rules.Tests.ByteOps;

public sealed class ByteOperationCorpusTests
{
    private static readonly string[] Keywords = ["byte_test", "byte_jump", "byte_extract", "byte_math", "isdataat"];
    private static readonly string[] Actions = ["alert", "drop", "reject", "pass", "log", "sdrop", "rejectsrc", "rejectdst", "rejectboth"];
    private readonly ITestOutputHelper _output;

    public ByteOperationCorpusTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [SkippableTheory]
    [InlineData("et-open")]
    [InlineData("snort3-community")]
    public void TryParse_EveryActiveRuleOption_ParsesExceptDce(string set)
    {
        var directory = Path.Combine(RustIds.Testing.RepoPaths.SharedData, "rules", set);
        Skip.IfNot(Directory.Exists(directory), $"{directory} not present");
        var parsed = new Dictionary<string, int>(StringComparer.Ordinal);
        int rules = 0;
        int dceRejected = 0;
        var failures = new List<string>();
        foreach (string file in Directory.EnumerateFiles(directory, "*.rules").Order(StringComparer.Ordinal))
        {
            int lineNumber = 0;
            foreach (string rawLine in File.ReadLines(file))
            {
                lineNumber++;
                string line = rawLine.Trim();
                if (!IsActiveRule(line))
                {
                    continue;
                }

                bool counted = false;
                var variables = new ByteVariables();
                foreach ((string name, string value) in RuleOptionSplitter.Split(line))
                {
                    if (Array.IndexOf(Keywords, name) < 0)
                    {
                        continue;
                    }

                    if (!counted)
                    {
                        rules++;
                        counted = true;
                    }

                    bool ok = ByteOperationParser.TryParse(name, value, variables, out _, out string? error, out int offset);
                    if (IsDce(value))
                    {
                        Assert.False(ok);
                        Assert.Contains("dce requires the DCE/RPC parser", error, StringComparison.Ordinal);
                        dceRejected++;
                    }
                    else if (ok)
                    {
                        parsed[name] = parsed.GetValueOrDefault(name) + 1;
                    }
                    else
                    {
                        failures.Add($"{Path.GetFileName(file)}:{lineNumber}: {name}:{value} -> {error} at {offset}");
                    }
                }
            }
        }

        foreach (string keyword in Keywords)
        {
            _output.WriteLine($"{keyword}: {parsed.GetValueOrDefault(keyword)} parsed");
        }

        _output.WriteLine($"rules with byte options: {rules}; dce rejected: {dceRejected}; failures: {failures.Count}");
        foreach (string failure in failures.Take(50))
        {
            _output.WriteLine(failure);
        }

        Assert.True(parsed.Values.Sum() > 100, "the corpus should hold many byte options");
        Assert.Empty(failures);
    }

    private static bool IsActiveRule(string line)
    {
        int space = line.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && Array.IndexOf(Actions, line[..space]) >= 0;
    }

    private static bool IsDce(string value) =>
        value.Split(',').Any(part => part.Trim().Equals("dce", StringComparison.OrdinalIgnoreCase));
}
