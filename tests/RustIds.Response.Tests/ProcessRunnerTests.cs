namespace RustIds.Response.Tests;

public sealed class ProcessRunnerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RunAsync_ArgumentWithShellMetacharacters_PassedLiterally()
    {
        var result = await new ProcessRunner().RunAsync("/usr/bin/printf", ["%s|", "a b; echo pwned", "$(id)"], null, Timeout);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("a b; echo pwned|$(id)|", result.StandardOutput);
    }

    [Fact]
    public async Task RunAsync_StandardInput_ReachesProcess()
    {
        var result = await new ProcessRunner().RunAsync("/usr/bin/cat", [], "line one\nline two\n", Timeout);

        Assert.Equal("line one\nline two\n", result.StandardOutput);
    }

    [Fact]
    public async Task RunAsync_ProcessOutlivesTimeout_KilledAndTransient()
    {
        var started = DateTimeOffset.UtcNow;

        var ex = await Assert.ThrowsAsync<FirewallCommandException>(
            () => new ProcessRunner().RunAsync("/usr/bin/sleep", ["30"], null, TimeSpan.FromMilliseconds(200)));

        Assert.True(ex.IsTransient);
        Assert.Null(ex.ExitCode);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task RunAsync_CallerCancels_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new ProcessRunner().RunAsync("/usr/bin/sleep", ["30"], null, Timeout, cts.Token));
    }

    [Fact]
    public async Task RunCheckedAsync_NonZeroExit_ThrowsWithExitCodeAndStderr()
    {
        var ex = await Assert.ThrowsAsync<FirewallCommandException>(
            () => new ProcessRunner().RunCheckedAsync("/usr/bin/ls", ["/nonexistent-rustids-path"], null, Timeout));

        Assert.Equal(2, ex.ExitCode);
        Assert.Contains("nonexistent-rustids-path", ex.StandardError, StringComparison.Ordinal);
        Assert.Equal("/usr/bin/ls", ex.Command);
        Assert.Equal(["/nonexistent-rustids-path"], ex.Arguments);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public async Task RunAsync_MissingExecutable_ThrowsFirewallCommandException()
    {
        var ex = await Assert.ThrowsAsync<FirewallCommandException>(
            () => new ProcessRunner().RunAsync("/nonexistent/nft", [], null, Timeout));

        Assert.Null(ex.ExitCode);
    }

    [Fact]
    public async Task RunAsync_RelativeExecutable_Rejected() =>
        await Assert.ThrowsAsync<ArgumentException>(() => new ProcessRunner().RunAsync("nft", [], null, Timeout));

    [Theory]
    [InlineData("-n")]
    [InlineData("../etc")]
    [InlineData("a b")]
    [InlineData("")]
    public void Constructor_InvalidNamespaceName_Rejected(string name) =>
        Assert.Throws<ArgumentException>(() => new ProcessRunner(name));

    [SkippableFact]
    public async Task RunAsync_WithNamespace_RunsInsideIt()
    {
        Root.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();

        var result = await ns.Runner.RunCheckedAsync(Root.Ip, ["-o", "link", "show"], null, Timeout);

        // A fresh namespace has only its loopback interface.
        Assert.Single(result.StandardOutput.Trim().Split('\n'));
        Assert.Contains("lo:", result.StandardOutput, StringComparison.Ordinal);
    }
}
