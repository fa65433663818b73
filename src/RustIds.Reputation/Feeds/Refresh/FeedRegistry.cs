namespace RustIds.Reputation.Feeds.Refresh;

/// <summary>The feeds in use. A refresh publishes a new snapshot by swapping one reference, so lookups never pause or lock.</summary>
/// <remarks>
/// Readers take <see cref="Current"/> once and use that array; writers copy, change and swap under a lock
/// (refreshes are rare, lookups are per alert).
/// </remarks>
public sealed class FeedRegistry
{
    private readonly Lock _writeLock = new();
    private LoadedFeed[] _current = [];

    /// <summary>The current snapshot, in catalog order of publication. Never changes once returned.</summary>
    public IReadOnlyList<LoadedFeed> Current => Volatile.Read(ref _current);

    /// <summary>Adds <paramref name="feed"/> or replaces the feed of the same name.</summary>
    public void Publish(LoadedFeed feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        lock (_writeLock)
        {
            var next = new List<LoadedFeed>(_current);
            var index = next.FindIndex(f => f.Name == feed.Name);
            if (index >= 0)
                next[index] = feed;
            else
                next.Add(feed);
            Volatile.Write(ref _current, next.ToArray());
        }
    }

    /// <summary>Removes the feed named <paramref name="name"/>; false when it was not there.</summary>
    public bool Remove(string name)
    {
        lock (_writeLock)
        {
            var next = _current.Where(f => f.Name != name).ToArray();
            if (next.Length == _current.Length)
                return false;
            Volatile.Write(ref _current, next);
            return true;
        }
    }

    /// <summary>The feed named <paramref name="name"/> in the current snapshot, or null.</summary>
    public LoadedFeed? Find(string name) => Array.Find(Volatile.Read(ref _current), f => f.Name == name);
}
