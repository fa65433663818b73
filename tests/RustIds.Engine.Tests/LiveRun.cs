using Microsoft.Extensions.Logging.Abstractions;
using RustIds.Engine.Configuration;
using RustIds.Engine.Pipeline;

namespace RustIds.Engine.Tests;

/// <summary>A live run on an <see cref="IdleSource"/> (a capture's frames, then silence) with its API and metrics on free loopback ports; stopped on dispose.</summary>
internal sealed class LiveRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<RunReport> _run;

    public LiveRun(TempDirectory temp, string? pcap, Action<RustIdsOptions>? configure = null)
    {
        Options = new RustIdsOptions();
        Options.Rules.Files = [RepoPaths.LocalRules];
        Options.Reputation.GeoIpDatabase = null;
        Options.Reputation.FeedCatalog = null;
        Options.Firewall.Backend = FirewallBackendNames.DryRun;
        Options.Firewall.ProtectInfrastructure = false;
        Options.Eve.Path = temp.File("eve.json");
        Options.Eve.DecisionLogPath = temp.File("decisions.json");
        Options.Storage.DatabasePath = temp.File("rustids.db");
        Options.Metrics.Listen = $"127.0.0.1:{FreePort.Get()}";
        Options.Api.Listen = $"127.0.0.1:{FreePort.Get()}";
        Token = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + "x";
        Options.Api.TokenFile = temp.File("api.token");
        File.WriteAllText(Options.Api.TokenFile, Token + "\n");
        File.SetUnixFileMode(Options.Api.TokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        configure?.Invoke(Options);
        Runner = new PipelineRunner(NullLoggerFactory.Instance);
        _run = Runner.RunAsync(new RunRequest
        {
            Options = Options,
            Mode = RunMode.Live,
            OpenSource = () => new IdleSource(pcap),
            SourceName = "idle",
        }, _stop.Token);
    }

    public RustIdsOptions Options { get; }

    public PipelineRunner Runner { get; }

    /// <summary>The run itself: completes when it stops, or faults when it could not start.</summary>
    public Task<RunReport> Completion => _run;

    public string Token { get; }

    public Uri ApiBase => new($"http://{Options.Api.Listen}/");

    /// <summary>A client for the API with the bearer token set.</summary>
    public HttpClient Client(bool withToken = true)
    {
        var client = new HttpClient { BaseAddress = ApiBase, Timeout = TimeSpan.FromSeconds(10) };
        if (withToken)
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    /// <summary>Polls <paramref name="probe"/> until it returns true (the run works on other threads); fails after 30 s.</summary>
    public static async Task WaitForAsync(Func<Task<bool>> probe, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await probe())
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(50);
        }
        Assert.Fail("timed out waiting for " + what);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        // A run that failed to start was already observed by its test; disposing must not throw it again.
        await ((Task)_run).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
