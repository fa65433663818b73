namespace RustIds.Packets.AppLayer.Http;

/// <summary>After a gap, finds the next line that starts with a known method and space (requests) or <c>HTTP/1.</c> (responses).</summary>
/// <remarks>The first byte after the gap is taken as a line start. Bytes of a candidate are kept (at most
/// <see cref="HttpMethods.MaxCandidateLength"/>) so a match split across segments is still found and replayed.</remarks>
internal sealed class HttpResyncScanner
{
    private readonly bool _isRequest;
    private readonly byte[] _candidate = new byte[HttpMethods.MaxCandidateLength];
    private int _length;
    private bool _midLine;

    public HttpResyncScanner(bool isRequest) => _isRequest = isRequest;

    /// <summary>The bytes of the match, to be parsed as the start of a message.</summary>
    public ReadOnlySpan<byte> Candidate => _candidate.AsSpan(0, _length);

    public void Reset()
    {
        _length = 0;
        _midLine = false;
    }

    /// <summary>Scans <paramref name="data"/>; returns the bytes consumed, up to and including a match.</summary>
    public int Scan(ReadOnlySpan<byte> data, out bool found)
    {
        for (int i = 0; i < data.Length; i++)
        {
            byte b = data[i];
            if (_midLine)
            {
                int lf = data[i..].IndexOf((byte)'\n');
                if (lf < 0)
                {
                    break;
                }

                i += lf;
                _midLine = false;
                _length = 0;
                continue;
            }

            _candidate[_length++] = b;
            var match = _isRequest ? HttpMethods.MatchRequestStart(Candidate) : HttpMethods.MatchResponseStart(Candidate);
            if (match == ProbeResult.Match)
            {
                found = true;
                return i + 1;
            }

            if (match == ProbeResult.NoMatch || _length == _candidate.Length)
            {
                _length = 0;
                _midLine = b != (byte)'\n';
            }
        }

        found = false;
        return data.Length;
    }
}
