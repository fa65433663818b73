using System.Buffers.Binary;

namespace RustIds.Packets.AppLayer.Coap;

/// <summary>Parses one CoAP-over-UDP datagram (RFC 7252 §3) into a reusable <see cref="CoapMessage"/>.</summary>
/// <remarks>
/// Stateless: limits come from the buffers of the message passed in. Decodes the header, token and
/// every option; Uri-Host, Uri-Port, Uri-Path, Uri-Query, Content-Format and Accept are kept as
/// fields, every option is listed by number and value position. Format errors are returned and
/// counted; input bytes never cause an exception and no call allocates.
/// </remarks>
public static class CoapMessageParser
{
    private const int HeaderLength = 4;
    private const int MaxTokenLength = 8;

    /// <summary>Parses <paramref name="datagram"/> into <paramref name="into"/> and counts the outcome.</summary>
    /// <param name="datagram">The UDP payload; only read during the call.</param>
    /// <param name="into">Reused message; overwritten.</param>
    /// <param name="counters">The worker's counters.</param>
    /// <returns><see cref="CoapParseStatus.Ok"/>, or the first format error found.</returns>
    public static CoapParseStatus Parse(ReadOnlySpan<byte> datagram, CoapMessage into, CoapCounters counters)
    {
        ArgumentNullException.ThrowIfNull(into);
        ArgumentNullException.ThrowIfNull(counters);
        into.Clear();
        var status = ParseCore(datagram, into, counters);
        if (status != CoapParseStatus.Ok)
        {
            counters.CountError(status);
            return status;
        }
        CountMessage(into, counters);
        return status;
    }

    private static CoapParseStatus ParseCore(ReadOnlySpan<byte> datagram, CoapMessage into, CoapCounters counters)
    {
        var status = ParseHeader(datagram, out var type, out var tokenLength);
        if (status != CoapParseStatus.Ok)
            return status;
        into.Type = type;
        into.Code = datagram[1];
        into.MessageId = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        into.TokenLength = tokenLength;
        datagram.Slice(HeaderLength, tokenLength).CopyTo(into.TokenBuffer);
        var reader = new CoapOptionReader(datagram, HeaderLength + tokenLength);
        while (true)
        {
            status = reader.Next(out var hasOption);
            if (status != CoapParseStatus.Ok || !hasOption)
                break;
            if (!into.TryAddOption(new CoapOption((ushort)reader.Number, reader.ValueOffset, reader.ValueLength)))
                counters.DroppedOptions++;
            ApplyOption(ref reader, into, counters);
        }
        if (status != CoapParseStatus.Ok)
            return status;
        if (reader.PayloadOffset >= 0)
        {
            var payload = datagram[reader.PayloadOffset..];
            into.PayloadLength = payload.Length;
            if (!into.PayloadText.Append(0, false, payload))
                counters.TruncatedFields++;
        }
        return CoapParseStatus.Ok;
    }

    /// <summary>Checks the fixed header and token; shared with <see cref="CoapProbe"/>.</summary>
    internal static CoapParseStatus ParseHeader(ReadOnlySpan<byte> datagram, out CoapType type, out int tokenLength)
    {
        type = CoapType.Confirmable;
        tokenLength = 0;
        if (datagram.Length < HeaderLength)
            return CoapParseStatus.TooShort;
        var first = datagram[0];
        if (first >> 6 != 1)
            return CoapParseStatus.BadVersion;
        type = (CoapType)((first >> 4) & 3);
        tokenLength = first & 0x0F;
        if (tokenLength > MaxTokenLength)
            return CoapParseStatus.InvalidTokenLength;
        if (datagram.Length < HeaderLength + tokenLength)
            return CoapParseStatus.Truncated;
        // RFC 7252 §4.1: an empty message is the bare header.
        if (datagram[1] == 0 && datagram.Length != HeaderLength)
            return CoapParseStatus.InvalidEmptyMessage;
        return CoapParseStatus.Ok;
    }

    private static void ApplyOption(ref CoapOptionReader reader, CoapMessage into, CoapCounters counters)
    {
        var value = reader.Value;
        switch (reader.Number)
        {
            case CoapOptionNumbers.UriHost:
                // RFC 7252 §5.10: 1–255 bytes, not repeatable (a repeat is ignored).
                if (value.IsEmpty || !into.UriHost.IsEmpty)
                    counters.InvalidOptionValues++;
                else
                    into.UriHostText.Append(0, false, value);
                break;
            case CoapOptionNumbers.UriPort:
                if (TryReadUInt(value, out var port))
                {
                    into.UriPort = port;
                    into.HasUriPort = true;
                }
                else
                {
                    counters.InvalidOptionValues++;
                }
                break;
            case CoapOptionNumbers.UriPath:
                if (!into.UriPathText.Append((byte)'/', into.UriPathSegments > 0, value))
                    counters.TruncatedFields++;
                into.UriPathSegments++;
                break;
            case CoapOptionNumbers.UriQuery:
                if (!into.UriQueryText.Append((byte)'&', into.UriQueryCount > 0, value))
                    counters.TruncatedFields++;
                into.UriQueryCount++;
                break;
            case CoapOptionNumbers.ContentFormat:
                if (TryReadUInt(value, out var format))
                {
                    into.ContentFormat = format;
                    into.HasContentFormat = true;
                }
                else
                {
                    counters.InvalidOptionValues++;
                }
                break;
            case CoapOptionNumbers.Accept:
                if (TryReadUInt(value, out var accept))
                {
                    into.Accept = accept;
                    into.HasAccept = true;
                }
                else
                {
                    counters.InvalidOptionValues++;
                }
                break;
        }
    }

    /// <summary>A uint option of 0–2 bytes (RFC 7252 §3.2); longer values are invalid for the options decoded here.</summary>
    private static bool TryReadUInt(ReadOnlySpan<byte> value, out ushort result)
    {
        result = value.Length switch
        {
            0 => 0,
            1 => value[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(value),
            _ => 0,
        };
        return value.Length <= 2;
    }

    private static void CountMessage(CoapMessage message, CoapCounters counters)
    {
        counters.Messages++;
        switch (message.Type)
        {
            case CoapType.Confirmable: counters.Confirmable++; break;
            case CoapType.NonConfirmable: counters.NonConfirmable++; break;
            case CoapType.Acknowledgement: counters.Acknowledgements++; break;
            default: counters.Resets++; break;
        }
        if (message.IsEmpty)
            counters.EmptyMessages++;
        else if (message.IsRequest)
            counters.Requests++;
        else if (message.IsResponse)
            counters.Responses++;
        else
            counters.ReservedCodes++;
    }
}
