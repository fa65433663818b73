namespace RustIds.Reputation.Feeds;

/// <summary>Where a feed is read: a remote http(s) URL or a local file.</summary>
public sealed record FeedLocation
{
    private FeedLocation(Uri? url, string? path)
    {
        Url = url;
        FilePath = path;
    }

    /// <summary>The http or https URL; null for a local file.</summary>
    public Uri? Url { get; }

    /// <summary>The absolute local path; null for a URL.</summary>
    public string? FilePath { get; }

    /// <summary>True for http(s).</summary>
    public bool IsRemote => Url is not null;

    /// <summary>Parses <c>http://…</c>, <c>https://…</c>, <c>file:///…</c> or a local path (made absolute against <paramref name="baseDirectory"/>).</summary>
    public static bool TryParse(string? text, string baseDirectory, out FeedLocation location, out string error)
    {
        location = null!;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is empty";
            return false;
        }
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && !text.StartsWith('/'))
        {
            if (uri.Scheme is "http" or "https")
            {
                location = new FeedLocation(uri, null);
                return true;
            }
            if (uri.IsFile)
            {
                location = new FeedLocation(null, uri.LocalPath);
                return true;
            }
            error = $"'{text}': only http, https and file URLs are supported";
            return false;
        }
        location = new FeedLocation(null, Path.GetFullPath(text, baseDirectory));
        return true;
    }

    /// <summary>A local file.</summary>
    public static FeedLocation File(string path) => new(null, Path.GetFullPath(path));

    /// <summary>A remote URL.</summary>
    public static FeedLocation Remote(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Scheme is not ("http" or "https"))
            throw new ArgumentException($"'{url}' is not an http(s) URL.", nameof(url));
        return new FeedLocation(url, null);
    }

    public override string ToString() => Url?.ToString() ?? FilePath!;
}
