using System.Diagnostics;
using RustIds.Rules.Pcre;
using Xunit.Abstractions;

namespace RustIds.Rules.Tests.Pcre;

/// <summary>Measures what loading ET Open's pcre options costs, interpreted versus RegexOptions.Compiled.</summary>
/// <remarks>Compiled mode is measured on a sample (set PCRE_FULL_COMPILE=1 for all) to keep the run short.</remarks>
public sealed class PcreCompileCostTests
{
    private readonly ITestOutputHelper _output;

    public PcreCompileCostTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [SkippableFact]
    public void TryParse_EtOpenInterpretedVersusCompiled_SameResultsAndCostsReported()
    {
        var values = RuleCorpus.PcreValues(RuleCorpus.EtOpenFiles());
        Skip.If(values.Count == 0, "ET Open rules not present");
        bool full = Environment.GetEnvironmentVariable("PCRE_FULL_COMPILE") == "1";
        var sample = full ? values : values.Where((_, i) => i % 10 == 0).ToList();
        byte[] payload = "POST /wp-admin/admin-ajax.php?action=x&id=1%27 HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64)\r\nCookie: a=b\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 40\r\n\r\n<script>document.write(unescape('%u9090'))</script>"u8.ToArray();

        var sw = Stopwatch.StartNew();
        var interpreted = values.Select(v => PcreTestHelper.Parse(v)).ToList();
        double interpretedMs = sw.Elapsed.TotalMilliseconds;

        var compiledOptions = new PcreOptions { CompileMode = PcreCompileMode.Compiled };
        sw.Restart();
        var compiled = sample.Select(v => PcreTestHelper.Parse(v, compiledOptions)).ToList();
        double compiledMs = sw.Elapsed.TotalMilliseconds;

        var matcher = new PcreMatcher();
        var sampleInterpreted = full ? interpreted : interpreted.Where((_, i) => i % 10 == 0).ToList();
        // First matches of compiled patterns include JIT time, which counts against the match time limit.
        double firstCompiledMs = TimeMatches(matcher, compiled, payload, out _);
        double firstInterpretedMs = TimeMatches(matcher, sampleInterpreted, payload, out _);
        long firstTimeouts = matcher.Timeouts;
        double steadyCompiledMs = TimeMatches(matcher, compiled, payload, out int compiledHits);
        double steadyInterpretedMs = TimeMatches(matcher, sampleInterpreted, payload, out int interpretedHits);

        _output.WriteLine($"interpreted: {values.Count} options built in {interpretedMs:F0} ms ({interpretedMs * 1000 / values.Count:F0} us each)");
        _output.WriteLine($"compiled:    {sample.Count} options built in {compiledMs:F0} ms ({compiledMs * 1000 / sample.Count:F0} us each, {compiledMs / sample.Count * values.Count / 1000:F1} s for all)");
        _output.WriteLine($"first match over {sample.Count} options on a {payload.Length}-byte request: compiled {firstCompiledMs:F0} ms (JIT), interpreted {firstInterpretedMs:F1} ms");
        _output.WriteLine($"steady match over {sample.Count} options: compiled {steadyCompiledMs * 1000 / sample.Count:F2} us/option, interpreted {steadyInterpretedMs * 1000 / sample.Count:F2} us/option");

        _output.WriteLine($"timeouts during first matches: {firstTimeouts}; matching options: {compiledHits}");
        Assert.Equal(interpretedHits, compiledHits);
        Assert.Equal(firstTimeouts, matcher.Timeouts); // none once warm
        Assert.True(interpretedHits > 0);
    }

    private double TimeMatches(PcreMatcher matcher, List<PcreSpec> specs, byte[] payload, out int hits)
    {
        hits = 0;
        var sw = Stopwatch.StartNew();
        foreach (var spec in specs)
        {
            long t = matcher.Timeouts;
            hits += matcher.Match(spec, payload, 0, out _) ? 1 : 0;
            if (matcher.Timeouts != t)
            {
                _output.WriteLine($"timeout: {spec.Pattern} /{spec.Flags} compiled={spec.Regex.Options}");
            }
        }

        return sw.Elapsed.TotalMilliseconds;
    }
}
