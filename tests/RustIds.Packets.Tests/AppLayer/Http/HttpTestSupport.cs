using System.Text;
using RustIds.Packets.AppLayer.Http;
using static RustIds.Packets.Tests.AppLayer.Http.HttpTestSupport;

namespace RustIds.Packets.Tests.AppLayer.Http;

/// <summary>Builds byte streams and records what the parser reports, as text for easy comparison.</summary>
internal static class HttpTestSupport
{
    public static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    public static string Text(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>Feeds <paramref name="data"/> in pieces of <paramref name="pieceSize"/> bytes.</summary>
    public static void Feed(HttpParser parser, FlowDirection direction, byte[] data, int pieceSize, IHttpObserver observer)
    {
        for (int offset = 0; offset < data.Length; offset += pieceSize)
        {
            parser.Parse(direction, data.AsSpan(offset, Math.Min(pieceSize, data.Length - offset)), observer);
        }
    }

    public static void FeedSplitAt(HttpParser parser, FlowDirection direction, byte[] data, int split, IHttpObserver observer)
    {
        parser.Parse(direction, data.AsSpan(0, split), observer);
        parser.Parse(direction, data.AsSpan(split), observer);
    }
}

/// <summary>Records every event with a full snapshot of the transaction (allocates; tests only).</summary>
internal sealed class RecordingObserver : IHttpObserver
{
    public List<string> Events { get; } = [];

    public List<Snapshot> Completed { get; } = [];

    public List<Snapshot> RequestsCompleted { get; } = [];

    public void OnRequestHeaders(HttpTransaction transaction) => Events.Add("ReqHeaders " + Snapshot.Take(transaction));

    public void OnRequestComplete(HttpTransaction transaction)
    {
        var snapshot = Snapshot.Take(transaction);
        RequestsCompleted.Add(snapshot);
        Events.Add("ReqComplete " + snapshot);
    }

    public void OnResponseHeaders(HttpTransaction transaction) => Events.Add("RespHeaders " + Snapshot.Take(transaction));

    public void OnResponseComplete(HttpTransaction transaction)
    {
        var snapshot = Snapshot.Take(transaction);
        Completed.Add(snapshot);
        Events.Add("RespComplete " + snapshot);
    }
}

/// <summary>Everything a transaction exposes, copied out.</summary>
internal sealed record Snapshot(
    ulong Id,
    HttpTransactionFlags Flags,
    string Method,
    string RawUri,
    string NormalizedUri,
    string Protocol,
    string RequestLine,
    string Host,
    string UserAgent,
    string Cookie,
    string ContentType,
    string Referer,
    string RequestBody,
    long RequestBodyLength,
    string RequestHeaders,
    string RequestHeadersRaw,
    int StatusCode,
    string StatusMessage,
    string ResponseLine,
    string ResponseBody,
    long ResponseBodyLength,
    string ResponseHeaders,
    string ResponseHeadersRaw)
{
    public static Snapshot Take(HttpTransaction tx) => new(
        tx.Id,
        tx.Flags,
        Text(tx.Method),
        Text(tx.RawUri),
        Text(tx.NormalizedUri),
        Text(tx.RequestProtocol),
        Text(tx.RequestLine),
        Text(tx.Host),
        Text(tx.UserAgent),
        Text(tx.Cookie),
        Text(tx.ContentType),
        Text(tx.Referer),
        Text(tx.RequestBody),
        tx.RequestBodyLength,
        Text(tx.RequestHeaders),
        Text(tx.RequestHeadersRaw),
        tx.StatusCode,
        Text(tx.StatusMessage),
        Text(tx.ResponseLine),
        Text(tx.ResponseBody),
        tx.ResponseBodyLength,
        Text(tx.ResponseHeaders),
        Text(tx.ResponseHeadersRaw));
}

/// <summary>Counts events without allocating (for the allocation and mutation tests).</summary>
internal sealed class CountingObserver : IHttpObserver
{
    public long RequestHeaders { get; private set; }

    public long Requests { get; private set; }

    public long ResponseHeaders { get; private set; }

    public long Responses { get; private set; }

    public long Checksum { get; private set; }

    public void OnRequestHeaders(HttpTransaction transaction)
    {
        RequestHeaders++;
        Checksum += transaction.NormalizedUri.Length + transaction.Host.Length + transaction.RequestHeaderCount;
    }

    public void OnRequestComplete(HttpTransaction transaction)
    {
        Requests++;
        Checksum += transaction.RequestBody.Length;
    }

    public void OnResponseHeaders(HttpTransaction transaction)
    {
        ResponseHeaders++;
        Checksum += transaction.StatusCode;
    }

    public void OnResponseComplete(HttpTransaction transaction)
    {
        Responses++;
        Checksum += transaction.ResponseBody.Length;
    }
}

/// <summary>Reads header lookups inside the callback, while the spans are valid.</summary>
internal sealed class HeaderProbeObserver : IHttpObserver
{
    public string Body { get; private set; } = string.Empty;

    public string ContentType { get; private set; } = string.Empty;

    public long? ContentLength { get; private set; }

    public string ContentLengthText { get; private set; } = string.Empty;

    public string HostLookup { get; private set; } = string.Empty;

    public bool MissingLookupFailed { get; private set; }

    public string UserAgent { get; private set; } = string.Empty;

    public string Folded { get; private set; } = string.Empty;

    public string Empty { get; private set; } = "unset";

    public bool EmptyFound { get; private set; }

    public string Accept { get; private set; } = string.Empty;

    public int HeaderCount { get; private set; }

    public HttpTransactionFlags Flags { get; private set; }

    public void OnRequestHeaders(HttpTransaction transaction)
    {
        ContentType = Text(transaction.ContentType);
        ContentLength = transaction.RequestContentLength;
        ContentLengthText = Text(transaction.ContentLengthText);
        HostLookup = transaction.TryGetRequestHeader("HOST"u8, out var host) ? Text(host) : "missing";
        MissingLookupFailed = !transaction.TryGetRequestHeader("X-Nope"u8, out _);
        UserAgent = Text(transaction.UserAgent);
        Folded = transaction.TryGetRequestHeader("x-folded"u8, out var folded) ? Text(folded) : "missing";
        EmptyFound = transaction.TryGetRequestHeader("X-EMPTY"u8, out var empty);
        Empty = Text(empty);
        Accept = transaction.TryGetRequestHeader("accept"u8, out var accept) ? Text(accept) : "missing";
        HeaderCount = transaction.RequestHeaderCount;
        Flags = transaction.Flags;
        for (int i = 0; i < transaction.RequestHeaderCount; i++)
        {
            Assert.False(transaction.GetRequestHeader(i).Name.IsEmpty);
        }
    }

    public void OnRequestComplete(HttpTransaction transaction) => Body = Text(transaction.RequestBody);

    public void OnResponseHeaders(HttpTransaction transaction)
    {
    }

    public void OnResponseComplete(HttpTransaction transaction)
    {
    }
}
