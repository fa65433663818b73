using System.Net.Http.Json;
using System.Text.Json;

namespace RustIds.Engine.Tests;

/// <summary>The dashboard in a real browser (Debian's headless chromium) against a live run's API on loopback.</summary>
public sealed class DashboardTests
{
    private const string Attacker = "10.77.0.2";

    [SkippableFact]
    public async Task Dashboard_ShowsTheBlockWithItsReasonAndTheUnblockButtonRemovesIt()
    {
        Skip.If(HeadlessChromium.Path is null, "chromium not installed (install.sh installs Debian's chromium for this test)");
        using var temp = new TempDirectory();
        await using var run = new LiveRun(temp, RepoPaths.SqliPcap);
        using var client = run.Client();
        await LiveRun.WaitForAsync(async () => (await client.GetFromJsonAsync<JsonElement>(new Uri("api/blocks", UriKind.Relative))).GetArrayLength() == 1,
            "the attacker's block");

        await using var browser = await HeadlessChromium.OpenAsync(new Uri(run.ApiBase, "/#token=" + Uri.EscapeDataString(run.Token)));

        await browser.WaitUntilAsync($"document.querySelector('#blocks button[data-target=\"{Attacker}\"]') !== null", "the attacker's block");
        var row = (await browser.EvaluateAsync($"document.querySelector('#blocks button[data-target=\"{Attacker}\"]').closest('tr').innerText")).GetString();
        Assert.Contains("block", row, StringComparison.Ordinal);
        Assert.Contains("rule: 1:1000001:", row, StringComparison.Ordinal); // the reason, not just the address
        Assert.Equal("", (await browser.EvaluateAsync("location.hash")).GetString()); // the token left the address bar
        await browser.WaitUntilAsync("document.querySelector('#alerts-table').innerText.includes('1:1000001')", "the alert");

        await browser.EvaluateAsync($"document.querySelector('#blocks button[data-target=\"{Attacker}\"]').click()");

        await browser.WaitUntilAsync("document.querySelectorAll('#blocks tr').length === 0", "no blocks after the click");
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>(new Uri("api/blocks", UriKind.Relative))).GetArrayLength());
        Assert.Contains("unblocked from the dashboard", File.ReadAllText(run.Options.Eve.DecisionLogPath), StringComparison.Ordinal);
    }
}
