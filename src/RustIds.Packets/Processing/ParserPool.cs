namespace RustIds.Packets.Processing;

/// <summary>Parsers of one protocol waiting for a flow: rented when a flow's protocol is detected, returned reset when it ends.</summary>
/// <remarks>So steady-state traffic reuses warm parsers (and their grown buffers) instead of allocating per flow; one per worker, not thread-safe.</remarks>
internal sealed class ParserPool<T>(Func<T> create, Action<T> reset)
    where T : class
{
    // First in, first out: every parser takes its turn, so each one's buffers grow to what the traffic needs
    // within a few rounds, after which renting never allocates (a stack kept reusing the top few and left
    // the rest cold, allocating whenever a cold one met a large message).
    private readonly Queue<T> _idle = new();

    public T Rent()
    {
        if (_idle.TryDequeue(out var parser))
            return parser;
        return create();
    }

    public void Return(T parser)
    {
        reset(parser);
        _idle.Enqueue(parser);
    }
}
