namespace RustIds.Packets.AppLayer.Http;

/// <summary>Messages, errors and skipped data seen by the HTTP parsers of one capture worker.</summary>
/// <remarks>
/// One writer (the worker thread) increments plain fields; readers on other threads may see values a little
/// old, which is fine for counters. Shared by every <see cref="HttpParser"/> of the worker.
/// </remarks>
public sealed class HttpCounters
{
    private const int ErrorKinds = (int)HttpError.DerivedDataTooLarge + 1;

    private readonly long[] _errors = new long[ErrorKinds];
    private long _requests;
    private long _responses;
    private long _interimResponses;
    private long _tunnels;
    private long _gaps;
    private long _truncatedMessages;
    private long _bodiesTruncated;
    private long _bodyBytesSkipped;
    private long _pipelineOverflows;
    private long _unmatchedResponses;
    private long _ignoredBytes;

    /// <summary>Request lines parsed.</summary>
    public long Requests => _requests;

    /// <summary>Final (non-1xx) response headers parsed.</summary>
    public long Responses => _responses;

    /// <summary>Interim 1xx responses (100 Continue, 102, 103) skipped over.</summary>
    public long InterimResponses => _interimResponses;

    /// <summary>Connections switched to an opaque tunnel (101 Switching Protocols, successful CONNECT).</summary>
    public long Tunnels => _tunnels;

    /// <summary>Gaps (lost bytes) reported by reassembly.</summary>
    public long Gaps => _gaps;

    /// <summary>Messages reported incomplete because of a gap, connection end or chunk error.</summary>
    public long TruncatedMessages => _truncatedMessages;

    /// <summary>Messages whose body was longer than the body limit.</summary>
    public long BodiesTruncated => _bodiesTruncated;

    /// <summary>Body bytes past the body limits, counted and not stored.</summary>
    public long BodyBytesSkipped => _bodyBytesSkipped;

    /// <summary>Requests that found the transaction queue full (pipelining deeper than the limit).</summary>
    public long PipelineOverflows => _pipelineOverflows;

    /// <summary>Responses that had no request to pair with.</summary>
    public long UnmatchedResponses => _unmatchedResponses;

    /// <summary>Bytes ignored in tunnelled, closed or non-HTTP directions.</summary>
    public long IgnoredBytes => _ignoredBytes;

    /// <summary>Errors of every kind together.</summary>
    public long Errors
    {
        get
        {
            long total = 0;
            foreach (long count in _errors)
            {
                total += count;
            }

            return total;
        }
    }

    /// <summary>Errors counted of <paramref name="kind"/>.</summary>
    public long Get(HttpError kind) => (uint)kind < ErrorKinds ? _errors[(int)kind] : 0;

    internal void Count(HttpError kind) => _errors[(int)kind]++;

    internal void CountRequest() => _requests++;

    internal void CountResponse() => _responses++;

    internal void CountInterimResponse() => _interimResponses++;

    internal void CountTunnel() => _tunnels++;

    internal void CountGap() => _gaps++;

    internal void CountTruncatedMessage() => _truncatedMessages++;

    internal void CountBodyTruncated() => _bodiesTruncated++;

    internal void CountBodyBytesSkipped(long bytes) => _bodyBytesSkipped += bytes;

    internal void CountPipelineOverflow() => _pipelineOverflows++;

    internal void CountUnmatchedResponse() => _unmatchedResponses++;

    internal void CountIgnoredBytes(long bytes) => _ignoredBytes += bytes;
}
