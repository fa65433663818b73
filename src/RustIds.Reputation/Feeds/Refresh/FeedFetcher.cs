namespace RustIds.Reputation.Feeds.Refresh;

/// <summary>Fetches over HTTP(S) with conditional GET, or from a local file, according to the feed's location.</summary>
/// <remarks>
/// HTTP: <c>If-None-Match</c> / <c>If-Modified-Since</c> from the last good copy, the feed's timeout over the whole
/// download, its size cap enforced while reading (a lying Content-Length does not help), redirects followed by
/// <see cref="HttpClient"/>. Files: "not modified" when the write time and length are those of the last good copy.
/// </remarks>
public sealed class FeedFetcher : IFeedFetcher
{
    private const int BufferSize = 81920;
    private readonly HttpClient _http;

    /// <summary>Uses <paramref name="http"/> for remote feeds; its own timeout should be infinite (each feed has one).</summary>
    public FeedFetcher(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
    }

    public Task<FeedDownload> FetchAsync(FeedDefinition feed, FeedValidators previous, IProgress<FeedTransfer>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(previous);
        return feed.Location.Url is { } url
            ? FetchHttpAsync(feed, url, previous, progress, cancellationToken)
            : FetchFileAsync(feed, feed.Location.FilePath!, previous, progress, cancellationToken);
    }

    private async Task<FeedDownload> FetchHttpAsync(FeedDefinition feed, Uri url, FeedValidators previous, IProgress<FeedTransfer>? progress, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(feed.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (previous.ETag is { } etag && System.Net.Http.Headers.EntityTagHeaderValue.TryParse(etag, out var tag))
            request.Headers.IfNoneMatch.Add(tag);
        else if (previous.LastModified is { } since)
            request.Headers.IfModifiedSince = since;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            if (response.StatusCode == System.Net.HttpStatusCode.NotModified)
                return FeedDownload.Unchanged(previous);
            if (!response.IsSuccessStatusCode)
                throw new FeedFetchException($"{url} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            var total = response.Content.Headers.ContentLength;
            if (total > feed.MaxBytes)
                throw new FeedFetchException($"{url} announced {total} bytes, more than the {feed.MaxBytes}-byte cap");
            var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var content = await ReadCappedAsync(stream, feed.MaxBytes, total, url.ToString(), progress, deadline.Token).ConfigureAwait(false);
                var validators = new FeedValidators(response.Headers.ETag?.ToString(), response.Content.Headers.LastModified, null);
                return FeedDownload.Modified(content, validators);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FeedFetchException($"{url} did not finish within {feed.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            throw new FeedFetchException($"{url}: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new FeedFetchException($"{url}: {ex.Message}", ex);
        }
    }

    private static async Task<FeedDownload> FetchFileAsync(FeedDefinition feed, string path, FeedValidators previous, IProgress<FeedTransfer>? progress, CancellationToken cancellationToken)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
                throw new FeedFetchException($"{path} does not exist");
            var validators = new FeedValidators(null, new DateTimeOffset(info.LastWriteTimeUtc), info.Length);
            if (previous.LastModified == validators.LastModified && previous.Length == validators.Length)
                return FeedDownload.Unchanged(validators);
            if (info.Length > feed.MaxBytes)
                throw new FeedFetchException($"{path} is {info.Length} bytes, more than the {feed.MaxBytes}-byte cap");
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, BufferSize, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                var content = await ReadCappedAsync(stream, feed.MaxBytes, info.Length, path, progress, cancellationToken).ConfigureAwait(false);
                return FeedDownload.Modified(content, validators);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FeedFetchException($"{path}: {ex.Message}", ex);
        }
    }

    private static async Task<byte[]> ReadCappedAsync(Stream stream, long maxBytes, long? total, string source, IProgress<FeedTransfer>? progress, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(total is { } known && known <= maxBytes ? (int)known : BufferSize);
        var chunk = new byte[BufferSize];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                throw new FeedFetchException($"{source} is larger than the {maxBytes}-byte cap");
            buffer.Write(chunk, 0, read);
            progress?.Report(new FeedTransfer(buffer.Length, total));
        }
        return buffer.ToArray();
    }
}
