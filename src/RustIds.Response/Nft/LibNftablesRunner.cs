using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace RustIds.Response.Nft;

/// <summary>libnftables in-process, on one dedicated thread per network namespace.</summary>
/// <remarks>
/// An nft child process costs about 5 ms before it does anything (start-up and a ruleset cache
/// fetch); the library call costs a fraction of that (a single block: p50 1.2 ms instead of about
/// 6 ms). The context is not thread-safe and <c>setns</c> moves only the calling thread,
/// so each namespace gets one thread that owns its context for the life of the process; calls queue
/// to it. A call cannot be interrupted: on timeout the caller stops waiting and the call finishes
/// in the background.
/// </remarks>
internal sealed class LibNftablesRunner : INftRunner
{
    // Lazy: GetOrAdd may run its factory twice under a race, and each run would start a thread.
    private static readonly ConcurrentDictionary<string, Lazy<NftThread>> ByNamespace = new(StringComparer.Ordinal);

    private readonly NftThread _thread;
    private readonly TimeSpan _timeout;

    private LibNftablesRunner(NftThread thread, TimeSpan timeout)
    {
        _thread = thread;
        _timeout = timeout;
    }

    /// <summary>A runner on the thread of <paramref name="options"/>' namespace (started on first use), with its command timeout.</summary>
    /// <exception cref="FirewallCommandException">The namespace cannot be entered or the library not initialised.</exception>
    public static LibNftablesRunner For(FirewallOptions options)
    {
        var key = options.NetworkNamespace ?? string.Empty;
        var thread = ByNamespace.GetOrAdd(key, ns => new Lazy<NftThread>(() => new NftThread(ns.Length == 0 ? null : ns)));
        try
        {
            return new LibNftablesRunner(thread.Value, options.CommandTimeout);
        }
        catch (FirewallCommandException)
        {
            // Not cached: the namespace may exist on the next try.
            ByNamespace.TryRemove(new KeyValuePair<string, Lazy<NftThread>>(key, thread));
            throw;
        }
    }

    public Task RunScriptAsync(string script, CancellationToken cancellationToken) => _thread.RunAsync(script, 0, _timeout, cancellationToken);

    public Task<string> ListJsonAsync(IReadOnlyList<string> command, bool terse, CancellationToken cancellationToken) =>
        _thread.RunAsync(string.Join(' ', command), LibNftables.OutputJson | (terse ? LibNftables.OutputTerse : 0), _timeout, cancellationToken);
}

/// <summary>The thread that owns one namespace's nft context; calls queue to it.</summary>
internal sealed class NftThread
{
    private readonly BlockingCollection<Call> _calls = [];
    private readonly string _name;

    public NftThread(string? networkNamespace)
    {
        _name = networkNamespace is null ? "libnftables" : $"libnftables (netns {networkNamespace})";
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => Run(networkNamespace, ready)) { IsBackground = true, Name = "rustids nft" };
        thread.Start();
        ready.Task.GetAwaiter().GetResult();
    }

    /// <summary>Queues one call and waits up to <paramref name="timeout"/> for it.</summary>
    public async Task<string> RunAsync(string commands, uint flags, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var call = new Call(commands, flags);
        _calls.Add(call, cancellationToken);
        try
        {
            return await call.Completion.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new FirewallCommandException($"{_name} did not answer within {timeout.TotalSeconds:0.#} s", _name, [FirstLine(commands)], null, string.Empty, isTransient: true, ex);
        }
    }

    private void Run(string? networkNamespace, TaskCompletionSource ready)
    {
        nint context;
        try
        {
            if (networkNamespace is not null)
                EnterNamespace(networkNamespace);
            context = LibNftables.ContextNew(0);
            if (context == 0)
                throw new FirewallCommandException("nft_ctx_new failed", _name, [], null, string.Empty, isTransient: false);
            LibNftables.BufferOutput(context);
            LibNftables.BufferError(context);
        }
        catch (Exception ex) when (ex is FirewallCommandException or IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            ready.SetException(ex as FirewallCommandException
                ?? new FirewallCommandException($"{_name}: {ex.Message}", _name, [], null, ex.Message, isTransient: false, ex));
            return;
        }
        ready.SetResult();
        foreach (var call in _calls.GetConsumingEnumerable())
        {
            LibNftables.SetOutputFlags(context, call.Flags);
            var code = LibNftables.RunCommands(context, call.Commands);
            var output = Marshal.PtrToStringUTF8(LibNftables.GetOutputBuffer(context)) ?? string.Empty;
            var error = Marshal.PtrToStringUTF8(LibNftables.GetErrorBuffer(context)) ?? string.Empty;
            if (code == 0)
            {
                call.Completion.SetResult(output);
                continue;
            }
            // Exit code 1, as the nft command reports the same failure.
            call.Completion.SetException(new FirewallCommandException(
                $"{_name} refused the commands: {error.Trim()}", _name, [FirstLine(call.Commands)], 1, error, isTransient: false));
        }
    }

    private static void EnterNamespace(string networkNamespace)
    {
        using var handle = File.OpenHandle(Path.Combine("/run/netns", networkNamespace), FileMode.Open, FileAccess.Read);
        if (LibC.SetNamespace((int)handle.DangerousGetHandle(), LibC.CloneNewNet) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new FirewallCommandException($"setns into network namespace {networkNamespace} failed: {Marshal.GetPInvokeErrorMessage(errno)}",
                "setns", [networkNamespace], errno, Marshal.GetPInvokeErrorMessage(errno), isTransient: false);
        }
    }

    private static string FirstLine(string commands)
    {
        var end = commands.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? commands : commands[..end] + (end < commands.Length - 1 ? " …" : "");
    }

    private sealed record Call(string Commands, uint Flags)
    {
        public TaskCompletionSource<string> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
