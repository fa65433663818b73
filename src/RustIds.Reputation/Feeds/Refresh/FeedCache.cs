using System.Text.Json;
using System.Text.Json.Serialization;

namespace RustIds.Reputation.Feeds.Refresh;

/// <summary>
/// The on-disk last good copy of every feed (<c>NAME.feed</c>, the bytes as downloaded) and its state
/// (<c>NAME.state.json</c>), so a restart needs no network.
/// </summary>
/// <remarks>
/// Every write goes to a temporary file in the same directory, is flushed to disk, then renamed over the old
/// one: a crash leaves either the old or the new copy, never half of one.
/// </remarks>
public sealed class FeedCache
{
    /// <summary>Uses (and creates on first write) <paramref name="directory"/>.</summary>
    public FeedCache(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The cache directory.</summary>
    public string Directory { get; }

    /// <summary>Path of the cached copy of <paramref name="feed"/>.</summary>
    public string ContentPath(string feed) => Path.Combine(Directory, CheckName(feed) + ".feed");

    /// <summary>Path of the state of <paramref name="feed"/>.</summary>
    public string StatePath(string feed) => Path.Combine(Directory, CheckName(feed) + ".state.json");

    /// <summary>True when a last good copy exists.</summary>
    public bool HasContent(string feed) => File.Exists(ContentPath(feed));

    /// <summary>The last good copy's bytes, or null when there is none.</summary>
    /// <exception cref="IOException">The copy exists but cannot be read.</exception>
    public byte[]? ReadContent(string feed)
    {
        var path = ContentPath(feed);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    /// <summary>Replaces the last good copy.</summary>
    public void WriteContent(string feed, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        WriteAtomically(ContentPath(feed), content);
    }

    /// <summary>The stored state; <see cref="FeedState.Never"/> when absent; null with <paramref name="error"/> when unreadable.</summary>
    public FeedState? ReadState(string feed, out string? error)
    {
        error = null;
        var path = StatePath(feed);
        if (!File.Exists(path))
            return FeedState.Never;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), FeedStateJson.Default.FeedState) ?? FeedState.Never;
        }
        catch (Exception ex) when (ex is JsonException or IOException or NotSupportedException or UnauthorizedAccessException)
        {
            error = $"{path}: {ex.Message}";
            return null;
        }
    }

    /// <summary>Replaces the stored state.</summary>
    public void WriteState(string feed, FeedState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        WriteAtomically(StatePath(feed), JsonSerializer.SerializeToUtf8Bytes(state, FeedStateJson.Default.FeedState));
    }

    private void WriteAtomically(string path, byte[] content)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    // Names come from the validated catalog; this guards the path against anything that slipped through.
    private static string CheckName(string feed)
    {
        ArgumentException.ThrowIfNullOrEmpty(feed);
        if (feed.AsSpan().ContainsAnyExcept(FeedNames.Allowed) || feed[0] == '.')
            throw new ArgumentException($"'{feed}' is not a valid feed name.", nameof(feed));
        return feed;
    }
}

[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(FeedState))]
internal sealed partial class FeedStateJson : JsonSerializerContext;
