namespace RustIds.Packets.AppLayer.Coap;

/// <summary>What the CoAP parser saw on one capture worker, as plain counters.</summary>
/// <remarks>Not thread-safe: one writer thread (the worker); readers tolerate torn snapshots.</remarks>
public sealed class CoapCounters
{
    /// <summary>Well-formed messages parsed.</summary>
    public long Messages;

    /// <summary>Confirmable messages parsed.</summary>
    public long Confirmable;

    /// <summary>Non-confirmable messages parsed.</summary>
    public long NonConfirmable;

    /// <summary>Acknowledgement messages parsed.</summary>
    public long Acknowledgements;

    /// <summary>Reset messages parsed.</summary>
    public long Resets;

    /// <summary>Requests (code class 0, detail &gt; 0) parsed.</summary>
    public long Requests;

    /// <summary>Responses (code class 2, 4 or 5) parsed.</summary>
    public long Responses;

    /// <summary>Empty messages (code 0.00: pings, empty ACK and RST) parsed.</summary>
    public long EmptyMessages;

    /// <summary>Well-formed messages with a reserved code class (1, 6, 7); informational.</summary>
    public long ReservedCodes;

    /// <summary>Datagrams shorter than the header.</summary>
    public long TooShort;

    /// <summary>Datagrams with a version other than 1.</summary>
    public long BadVersions;

    /// <summary>Datagrams with a reserved token length (9–15).</summary>
    public long InvalidTokenLengths;

    /// <summary>Datagrams whose token or options run past their end.</summary>
    public long Truncated;

    /// <summary>Datagrams with a reserved option nibble (15).</summary>
    public long ReservedOptionNibbles;

    /// <summary>Datagrams whose option numbers pass 65,535.</summary>
    public long OptionNumbersTooLarge;

    /// <summary>Datagrams with a payload marker but no payload.</summary>
    public long EmptyPayloads;

    /// <summary>Code 0.00 datagrams carrying more than the header.</summary>
    public long InvalidEmptyMessages;

    /// <summary>Known options whose value length is out of range (RFC 7252 §5.4.3); ignored, the message still parses.</summary>
    public long InvalidOptionValues;

    /// <summary>Options beyond <see cref="CoapParserOptions.MaxOptions"/>, decoded but not listed.</summary>
    public long DroppedOptions;

    /// <summary>Uri-Path, Uri-Query or payload values kept cut at their limits (informational).</summary>
    public long TruncatedFields;

    /// <summary>Sum of the message format errors.</summary>
    public long Errors => TooShort + BadVersions + InvalidTokenLengths + Truncated + ReservedOptionNibbles + OptionNumbersTooLarge + EmptyPayloads + InvalidEmptyMessages;

    internal void CountError(CoapParseStatus status)
    {
        switch (status)
        {
            case CoapParseStatus.TooShort: TooShort++; break;
            case CoapParseStatus.BadVersion: BadVersions++; break;
            case CoapParseStatus.InvalidTokenLength: InvalidTokenLengths++; break;
            case CoapParseStatus.Truncated: Truncated++; break;
            case CoapParseStatus.ReservedOptionNibble: ReservedOptionNibbles++; break;
            case CoapParseStatus.OptionNumberTooLarge: OptionNumbersTooLarge++; break;
            case CoapParseStatus.EmptyPayload: EmptyPayloads++; break;
            case CoapParseStatus.InvalidEmptyMessage: InvalidEmptyMessages++; break;
        }
    }
}
