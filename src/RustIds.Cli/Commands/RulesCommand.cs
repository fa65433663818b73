using System.CommandLine;
using System.Globalization;
using RustIds.Engine.Loading;
using RustIds.Rules;
using RustIds.Rules.Keywords;

namespace RustIds.Cli.Commands;

/// <summary><c>rustids rules check FILE...</c>: parse rule files and report every problem like a compiler.</summary>
internal static class RulesCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "Rule files to check (Suricata syntax).", Arity = ArgumentArity.OneOrMore };
        var config = CommonOptions.Config();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the summary, not each diagnostic." };
        var check = new Command("check", """
            Parse rule files and print every problem as file:line:column: severity: message [sid N].
            A bad rule never stops the others: the summary says how many rules would load.
            Variables (HOME_NET, ...) and the classification file come from the configuration.
            Exit code 1 when any rule has an error.
            """)
        { files, config, quiet };
        check.SetAction(parse =>
        {
            var options = CommonOptions.LoadConfigOrReport(parse.GetValue(config));
            if (options is null)
                return ExitCodes.InputErrors;
            var result = RuleSetLoader.Load(options.Rules, parse.GetValue(files));
            if (!parse.GetValue(quiet))
            {
                foreach (var diagnostic in result.Diagnostics)
                    Console.WriteLine(diagnostic);
            }
            PrintSummary(result);
            return result.ErrorCount > 0 ? ExitCodes.InputErrors : ExitCodes.Ok;
        });
        var directories = new Argument<string[]>("RULE_DIR") { Description = "Rule set directories whose coverage to include (every *.rules file in each).", Arity = ArgumentArity.ZeroOrMore };
        var markdown = new Option<bool>("--markdown") { Description = "Print the whole document as Markdown (docs/rule-keywords.md)." };
        var keywords = new Command("keywords", """
            Print the keyword support table: every keyword rustids knows, whether it is supported, an example and notes.
            With RULE_DIR arguments, also how many of those rules parse and load, and which keywords held the rest back.
            docs/rule-keywords.md is this command's --markdown output for ET Open and the Snort 3 community rules.
            """)
        { directories, markdown, config };
        keywords.SetAction(parse =>
        {
            var options = CommonOptions.LoadConfigOrReport(parse.GetValue(config));
            if (options is null)
                return ExitCodes.InputErrors;
            var sets = new List<(string, RuleLoadResult)>();
            foreach (var directory in parse.GetValue(directories) ?? [])
            {
                if (!Directory.Exists(directory))
                {
                    Console.Error.WriteLine($"{directory}: not a directory");
                    return ExitCodes.InputErrors;
                }
                var files = Directory.GetFiles(directory, "*.rules").Order(StringComparer.Ordinal).ToArray();
                sets.Add((Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)), RuleSetLoader.Load(options.Rules, files)));
            }
            if (parse.GetValue(markdown))
            {
                Console.Write(KeywordDocument.Render(sets));
                return ExitCodes.Ok;
            }
            foreach (var keyword in KeywordCatalog.All)
                Console.WriteLine($"{keyword.Name,-24} {keyword.Support,-12} {keyword.Group}");
            foreach (var (name, result) in sets)
            {
                Console.WriteLine();
                Console.WriteLine(name + ":");
                PrintSummary(result);
            }
            return ExitCodes.Ok;
        });
        return new Command("rules", "Work with rule files.") { check, keywords };
    }

    private static void PrintSummary(RuleLoadResult result)
    {
        Console.WriteLine(
            $"{result.Rules.Count} rule(s) loaded from {result.FileCount} file(s); {result.DisabledCount} commented out; " +
            $"{result.ErrorCount} error(s), {result.WarningCount} warning(s).");
        if (result.ActiveCount > 0)
        {
            var parsed = result.ActiveCount - result.SyntaxRejected;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Active rules: {result.ActiveCount}; parsed without a syntax error: {parsed} ({100.0 * parsed / result.ActiveCount:F2} %); " +
                $"loaded fully: {result.Rules.Count} ({100.0 * result.Rules.Count / result.ActiveCount:F2} %); held back as unsupported: {result.UnsupportedRejected}; other errors: {result.OtherRejected}."));
        }
        if (result.HeldBack.Count > 0)
        {
            Console.WriteLine("Held back, per unsupported keyword or feature (rules):");
            foreach (var (feature, count) in result.HeldBack.OrderByDescending(h => h.Value).ThenBy(h => h.Key, StringComparer.Ordinal))
                Console.WriteLine($"  {count,7}  {feature}");
        }
        var top = result.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .GroupBy(d => d.Message)
            .OrderByDescending(g => g.Count())
            .Take(10)
            .ToList();
        if (top.Count > 1)
        {
            Console.WriteLine("Most frequent errors:");
            foreach (var group in top)
                Console.WriteLine($"  {group.Count(),7}  {group.Key}");
        }
    }
}
