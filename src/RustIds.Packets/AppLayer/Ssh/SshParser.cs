namespace RustIds.Packets.AppLayer.Ssh;

/// <summary>Reads the SSH identification lines of both directions of one TCP connection.</summary>
/// <remarks>
/// <para>
/// Each direction is fed its reassembled bytes in order, in pieces of any size. Lines end at LF
/// (a CR before it is dropped; bare LF is accepted as OpenSSH does). A line starting with
/// <c>SSH-</c> is the identification line (RFC 4253 §4.2); before it the server may send other
/// lines. Once a direction's banner is delivered the rest of it (binary packets, KEXINIT) is ignored.
/// </para>
/// <para>
/// Memory per flow is two buffers of <see cref="SshParserOptions.MaxLineBytes"/>, allocated once.
/// No allocation per call; input bytes never cause an exception. One instance per flow, reused
/// through <see cref="Reset"/>; not thread-safe.
/// </para>
/// </remarks>
public sealed class SshParser
{
    internal const int BannerPrefixLength = 4;

    private readonly SshParserOptions _options;
    private readonly SshCounters _counters;
    private readonly SshStreamState _toServer;
    private readonly SshStreamState _toClient;

    /// <summary>Creates a parser with its line buffers.</summary>
    /// <param name="options">Limits; validated by the caller at start-up.</param>
    /// <param name="counters">The worker's counters.</param>
    public SshParser(SshParserOptions options, SshCounters counters)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(counters);
        _options = options;
        _counters = counters;
        _toServer = new SshStreamState(options.MaxLineBytes);
        _toClient = new SshStreamState(options.MaxLineBytes);
    }

    /// <summary>True when both directions are finished (banner delivered or given up).</summary>
    public bool IsFinished => _toServer.Finished && _toClient.Finished;

    /// <summary>True when the given direction is finished; an unknown direction counts as finished.</summary>
    public bool IsDone(FlowDirection direction) => StateFor(direction)?.Finished ?? true;

    /// <summary>The banner of a direction once delivered, otherwise null.</summary>
    public SshBanner? BannerOf(FlowDirection direction)
    {
        var state = StateFor(direction);
        return state is { HasBanner: true } ? state.Banner : null;
    }

    /// <summary>Forgets all state so the instance can serve another flow.</summary>
    public void Reset()
    {
        _toServer.Reset();
        _toClient.Reset();
    }

    /// <summary>Feeds the next in-order bytes of one direction.</summary>
    /// <param name="direction">Which stream the bytes belong to.</param>
    /// <param name="data">The bytes; only read during the call.</param>
    /// <param name="observer">Receives the banner during the call.</param>
    public void Parse(FlowDirection direction, ReadOnlySpan<byte> data, ISshObserver observer)
    {
        var state = StateFor(direction);
        if (state is null)
        {
            _counters.UnknownDirection++;
            return;
        }
        while (!data.IsEmpty && !state.Finished)
        {
            var lineFeed = data.IndexOf((byte)'\n');
            var piece = lineFeed < 0 ? data : data[..lineFeed];
            data = lineFeed < 0 ? default : data[(lineFeed + 1)..];
            Append(state, piece);
            if (!CheckLinePrefix(state, direction, observer) || lineFeed < 0)
                continue;
            CompleteLine(state, direction, observer);
        }
    }

    /// <summary>Reports lost bytes in one direction; a partial line cannot be trusted, so the direction stops.</summary>
    public void OnGap(FlowDirection direction)
    {
        var state = StateFor(direction);
        if (state is null || state.Finished)
            return;
        _counters.Gaps++;
        state.Stop();
    }

    private static void Append(SshStreamState state, ReadOnlySpan<byte> piece)
    {
        var buffer = state.Banner.Buffer;
        var buffered = (int)Math.Min(state.LineBytes, buffer.Length);
        var copied = Math.Min(piece.Length, buffer.Length - buffered);
        piece[..copied].CopyTo(buffer[buffered..]);
        state.LineBytes += piece.Length;
    }

    /// <summary>Acts on what the line's first bytes already tell; false when the direction finished.</summary>
    private bool CheckLinePrefix(SshStreamState state, FlowDirection direction, ISshObserver observer)
    {
        var buffer = state.Banner.Buffer;
        var known = (int)Math.Min(state.LineBytes, BannerPrefixLength);
        if (buffer[..known].SequenceEqual("SSH-"u8[..known]))
        {
            // A banner longer than the buffer is delivered cut, without waiting for its line feed.
            if (state.LineBytes > buffer.Length)
                Deliver(state, direction, state.Banner.MaxLineBytes, truncated: true, observer);
            return !state.Finished;
        }
        if (direction == FlowDirection.ToServer && !_options.AllowClientPreBannerLines)
        {
            _counters.InvalidClientLines++;
            state.Stop();
            return false;
        }
        if (state.PreBannerBytes + state.LineBytes > _options.MaxPreBannerBytes)
        {
            _counters.PreBannerLimitExceeded++;
            state.Stop();
            return false;
        }
        return true;
    }

    private void CompleteLine(SshStreamState state, FlowDirection direction, ISshObserver observer)
    {
        var buffer = state.Banner.Buffer;
        // The line fits the buffer here: a longer banner was delivered by CheckLinePrefix.
        var length = (int)Math.Min(state.LineBytes, buffer.Length);
        if (length > 0 && buffer[length - 1] == (byte)'\r')
            length--;
        if (length >= BannerPrefixLength && buffer[..BannerPrefixLength].SequenceEqual("SSH-"u8))
        {
            var truncated = length > state.Banner.MaxLineBytes;
            Deliver(state, direction, truncated ? state.Banner.MaxLineBytes : length, truncated, observer);
            return;
        }
        if (direction == FlowDirection.ToServer && !_options.AllowClientPreBannerLines)
        {
            // An empty or short client line ends before its prefix could be judged.
            _counters.InvalidClientLines++;
            state.Stop();
            return;
        }
        _counters.PreBannerLines++;
        state.PreBannerLines++;
        state.PreBannerBytes += state.LineBytes + 1;
        state.StartLine();
        if (state.PreBannerLines > _options.MaxPreBannerLines || state.PreBannerBytes > _options.MaxPreBannerBytes)
        {
            _counters.PreBannerLimitExceeded++;
            state.Stop();
        }
    }

    private void Deliver(SshStreamState state, FlowDirection direction, int length, bool truncated, ISshObserver observer)
    {
        if (!state.Banner.TrySplit(length, truncated))
        {
            _counters.MalformedBanners++;
            state.Stop();
            return;
        }
        if (truncated)
            _counters.TruncatedBanners++;
        if (direction == FlowDirection.ToServer)
            _counters.ClientBanners++;
        else
            _counters.ServerBanners++;
        state.Complete();
        observer.OnBanner(direction, state.Banner);
    }

    private SshStreamState? StateFor(FlowDirection direction) => direction switch
    {
        FlowDirection.ToServer => _toServer,
        FlowDirection.ToClient => _toClient,
        _ => null,
    };
}
