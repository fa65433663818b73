using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RustIds.Engine.Web;

namespace RustIds.Engine.Tests;

/// <summary>The REST API of a live run over real HTTP on loopback: authentication, reads, manual block and unblock.</summary>
public sealed class ApiTests
{
    private const string Attacker = "10.77.0.2";

    [Fact]
    public async Task Api_WithoutOrWithWrongToken_Answers401AndNothingElse()
    {
        using var temp = new TempDirectory();
        await using var run = new LiveRun(temp, null);
        using var anonymous = run.Client(withToken: false);
        await LiveRun.WaitForAsync(async () => (await anonymous.GetAsync(new Uri("api/blocks", UriKind.Relative))).StatusCode == HttpStatusCode.Unauthorized, "the API");

        using var wrong = run.Client(withToken: false);
        wrong.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", run.Token + "y");
        using var refused = await wrong.DeleteAsync(new Uri("api/blocks/10.0.0.1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
        using var page = await anonymous.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode); // the page holds no data; it asks for the token
        Assert.Contains("<title>rustids</title>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_AfterAnAttack_ListsTheAlertDecisionBlockAndExplainsTheAddress()
    {
        using var temp = new TempDirectory();
        await using var run = new LiveRun(temp, RepoPaths.SqliPcap);
        using var client = run.Client();

        JsonElement blocks = default;
        // The block is applied before the alert is logged (the responder's order): wait for both.
        await LiveRun.WaitForAsync(async () =>
        {
            blocks = await client.GetFromJsonAsync<JsonElement>(new Uri("api/blocks", UriKind.Relative));
            var alerts = await client.GetFromJsonAsync<JsonElement>(new Uri("api/alerts", UriKind.Relative));
            return blocks.GetArrayLength() == 1 && alerts.GetArrayLength() == 1;
        }, "the attacker's block and alert");

        var block = blocks[0];
        Assert.Equal(Attacker, block.GetProperty("target").GetString());
        Assert.Equal("block", block.GetProperty("action").GetString());
        Assert.Contains(block.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("Kind").GetString() == "rule");
        Assert.Equal("rustids block remove " + Attacker, block.GetProperty("unblock_command").GetString());
        var alert = (await client.GetFromJsonAsync<JsonElement>(new Uri("api/alerts", UriKind.Relative)))[0];
        Assert.Equal(1000001, alert.GetProperty("signature_id").GetInt64());
        Assert.Equal("blocked", alert.GetProperty("action").GetString());
        Assert.Equal(Attacker, alert.GetProperty("src_ip").GetString());
        var decision = (await client.GetFromJsonAsync<JsonElement>(new Uri("api/decisions", UriKind.Relative)))[0];
        Assert.Equal("blocked", decision.GetProperty("outcome").GetString());
        Assert.Contains("1000001", decision.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        var explained = await client.GetFromJsonAsync<JsonElement>(new Uri("api/ip/" + Attacker, UriKind.Relative));
        Assert.Equal(Attacker, explained.GetProperty("address").GetString());
        Assert.Equal(1, explained.GetProperty("activeBlocks").GetArrayLength());
        Assert.Equal(1, explained.GetProperty("history").GetProperty("alerts").GetInt32());
        Assert.Single(explained.GetProperty("history").GetProperty("verdicts").EnumerateArray());
        var status = await client.GetFromJsonAsync<JsonElement>(new Uri("api/status", UriKind.Relative));
        Assert.Equal(24, status.GetProperty("packets").GetInt64());
        Assert.Equal(1, status.GetProperty("active_blocks").GetInt32());
        using var bad = await client.GetAsync(new Uri("api/ip/not-an-address", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Api_ManualBlockThenUnblock_ChangesTheBlocksAndLogsTheEnd()
    {
        using var temp = new TempDirectory();
        await using var run = new LiveRun(temp, null);
        using var client = run.Client();
        await LiveRun.WaitForAsync(async () => (await client.GetAsync(new Uri("api/blocks", UriKind.Relative))).IsSuccessStatusCode, "the API");

        using var created = await client.PostAsJsonAsync(new Uri("api/blocks", UriKind.Relative), new { address = "198.51.100.0/24", duration = "2h", reason = "seen in honeypot" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var result = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("198.51.100.0/24", result.GetProperty("target").GetString());
        var listed = (await client.GetFromJsonAsync<JsonElement>(new Uri("api/blocks", UriKind.Relative)))[0];
        Assert.True(listed.GetProperty("manual").GetBoolean());
        Assert.Contains("seen in honeypot", listed.GetProperty("reasons").GetRawText(), StringComparison.Ordinal);
        var until = listed.GetProperty("until").GetDateTimeOffset() - listed.GetProperty("since").GetDateTimeOffset();
        Assert.InRange(until, TimeSpan.FromHours(2) - TimeSpan.FromSeconds(5), TimeSpan.FromHours(2) + TimeSpan.FromSeconds(5));

        using var removed = await client.DeleteAsync(new Uri("api/blocks/198.51.100.0/24?reason=false%20positive", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>(new Uri("api/blocks", UriKind.Relative))).GetArrayLength());
        using var again = await client.DeleteAsync(new Uri("api/blocks/198.51.100.0/24", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var unblock = JsonDocument.Parse(File.ReadAllLines(run.Options.Eve.DecisionLogPath).Single()).RootElement;
        Assert.Equal("unblocked", unblock.GetProperty("outcome").GetString());
        Assert.Equal("removed", unblock.GetProperty("ended").GetString());
    }

    [Theory]
    [InlineData("""{"address":"not-an-ip"}""", HttpStatusCode.BadRequest, "not-an-ip")]
    [InlineData("""{"reason":"x"}""", HttpStatusCode.BadRequest, "\"address\" is required")]
    [InlineData("""{"address":"203.0.113.7","duration":"soon"}""", HttpStatusCode.BadRequest, "'soon' is not a duration")]
    [InlineData("""{"address":""", HttpStatusCode.BadRequest, "not valid JSON")]
    [InlineData("""{"address":"192.0.2.5"}""", HttpStatusCode.Conflict, "192.0.2.0/24")]
    public async Task Api_BadBlockRequests_AreRefusedWithTheReason(string body, HttpStatusCode expected, string says)
    {
        using var temp = new TempDirectory();
        await using var run = new LiveRun(temp, null, options => options.Firewall.Allowlist = ["192.0.2.0/24"]);
        using var client = run.Client();
        await LiveRun.WaitForAsync(async () => (await client.GetAsync(new Uri("api/blocks", UriKind.Relative))).IsSuccessStatusCode, "the API");

        using var response = await client.PostAsync(new Uri("api/blocks", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(expected, response.StatusCode);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var message = answer.TryGetProperty("error", out var error) ? error.GetString() : answer.GetProperty("reason").GetString();
        Assert.Contains(says, message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ApiToken_FileOpenToOthersOrShortOrMissing_IsRefusedWithTheFix()
    {
        using var temp = new TempDirectory();
        var path = temp.File("api.token");
        Assert.Null(ApiToken.TryLoad(path, out var missing));
        Assert.Contains("does not exist", missing, StringComparison.Ordinal);
        File.WriteAllText(path, "0123456789abcdef0123\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Assert.Null(ApiToken.TryLoad(path, out var open));
        Assert.Contains("mode 0644", open, StringComparison.Ordinal);
        Assert.Contains("chmod 600", open, StringComparison.Ordinal);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var token = ApiToken.TryLoad(path, out var none);
        Assert.NotNull(token);
        Assert.Null(none);
        Assert.True(token.Accepts("Bearer 0123456789abcdef0123"));
        Assert.False(token.Accepts("Bearer 0123456789abcdef012"));
        Assert.False(token.Accepts("0123456789abcdef0123"));
        Assert.False(token.Accepts(null));
        File.WriteAllText(path, "short\n");
        Assert.Null(ApiToken.TryLoad(path, out var shortOne));
        Assert.Contains("at least 16", shortOne, StringComparison.Ordinal);
    }
}
