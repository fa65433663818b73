namespace RustIds.Packets.AppLayer.Http;

/// <summary>The transactions of one connection in request order, pairing each response with the oldest unanswered request.</summary>
/// <remarks>
/// A fixed ring of <see cref="HttpParserOptions.MaxPendingTransactions"/> reusable transactions. A transaction leaves
/// the ring when both sides are complete; requests and responses complete in order, so it always leaves from the head.
/// When the ring is full, requests go to a scratch "overflow" transaction (still reported) and are remembered only
/// as a count, so their responses still pair in order and are reported through a second scratch transaction.
/// </remarks>
internal sealed class HttpTransactionQueue
{
    private readonly HttpTransaction?[] _slots;
    private readonly HttpParserOptions _options;
    private readonly HttpCounters _counters;
    private int _head;
    private int _count;
    private int _responseCursor;
    private ulong _nextId = 1;
    private long _overflowPending;
    private ulong _overflowNextId;
    private HttpTransaction? _overflowRequest;
    private HttpTransaction? _scratchResponse;

    public HttpTransactionQueue(HttpParserOptions options, HttpCounters counters)
    {
        _options = options;
        _counters = counters;
        _slots = new HttpTransaction?[options.MaxPendingTransactions];
    }

    public void Reset()
    {
        _head = _count = _responseCursor = 0;
        _nextId = 1;
        _overflowPending = 0;
        _overflowNextId = 0;
    }

    public HttpTransaction BeginRequest()
    {
        ReleaseCompleted();
        ulong id = _nextId++;
        if (_overflowPending > 0 || _count == _slots.Length)
        {
            if (_overflowPending == 0)
            {
                _overflowNextId = id;
            }

            _overflowPending++;
            _counters.CountPipelineOverflow();
            var overflow = _overflowRequest ??= new HttpTransaction(_options);
            overflow.Reset(id, HttpTransactionFlags.PipelineOverflow);
            return overflow;
        }

        int slot = (_head + _count) % _slots.Length;
        var tx = _slots[slot] ??= new HttpTransaction(_options);
        tx.Reset(id, HttpTransactionFlags.None);
        _count++;
        return tx;
    }

    /// <summary>The transaction the next response belongs to, without taking it; null if it has none.</summary>
    public HttpTransaction? PeekResponse()
    {
        ReleaseCompleted();
        return _responseCursor < _count ? _slots[(_head + _responseCursor) % _slots.Length] : null;
    }

    public HttpTransaction BeginResponse()
    {
        var tx = PeekResponse();
        if (tx is not null)
        {
            _responseCursor++;
            return tx;
        }

        var scratch = _scratchResponse ??= new HttpTransaction(_options);
        if (_overflowPending > 0)
        {
            _overflowPending--;
            scratch.Reset(_overflowNextId++, HttpTransactionFlags.PipelineOverflow);
        }
        else
        {
            _counters.CountUnmatchedResponse();
            scratch.Reset(0, HttpTransactionFlags.ResponseWithoutRequest);
        }

        return scratch;
    }

    public void ReleaseCompleted()
    {
        while (_count > 0)
        {
            var tx = _slots[_head]!;
            if (!tx.Request.Complete || !tx.Response.Complete)
            {
                return;
            }

            _head = (_head + 1) % _slots.Length;
            _count--;
            _responseCursor = Math.Max(0, _responseCursor - 1);
        }
    }
}
