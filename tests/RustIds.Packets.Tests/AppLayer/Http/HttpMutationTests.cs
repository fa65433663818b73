using System.Diagnostics;
using System.Text;
using RustIds.Packets.AppLayer.Http;
using static RustIds.Packets.Tests.AppLayer.Http.HttpTestSupport;

namespace RustIds.Packets.Tests.AppLayer.Http;

/// <summary>Seeded mutation of real conversations: the parser must never throw or hang, must stay within its limits, and must count errors.</summary>
public sealed class HttpMutationTests
{
    private const int Seed = 20250615;
    private const int RandomMutations = 200_000;

    private static readonly byte[][] LengthValues =
    [
        Bytes("99999999999999999999"), Bytes("-1"), Bytes("18446744073709551616"), Bytes("1e3"), Bytes("0x10"),
        Bytes(string.Empty), Bytes("5, 7"), Bytes("999999999999999999"), Bytes("+5"), Bytes("4 4"),
    ];

    private static readonly byte[][] ChunkValues =
    [
        Bytes("FFFFFFFFFFFFFFFFFFFF"), Bytes("-5"), Bytes("g"), Bytes("7fffffffffffffff"), Bytes(";"), Bytes(" "),
        Bytes("0x10"), Bytes("1 2"),
    ];

    private static readonly byte[] Interesting = Bytes("\r\n :\t0fF%\\/.?#\u0000\u00ff\u00c0");

    [Fact]
    public void Parse_TruncatedAtEveryLength_NeverThrowsAndReportsTruncation()
    {
        var counters = new HttpCounters();
        var parser = new HttpParser(HttpParserOptions.Default, counters);
        var observer = new CheckingObserver(HttpParserOptions.Default);
        long runs = 0;
        foreach (var (requests, responses) in Bases())
        {
            for (int length = 0; length <= requests.Length; length++)
            {
                parser.Reset();
                parser.Parse(FlowDirection.ToServer, requests.AsSpan(0, length), observer);
                parser.OnEnd(FlowDirection.ToServer, observer);
                runs++;
            }

            for (int length = 0; length <= responses.Length; length++)
            {
                parser.Reset();
                parser.Parse(FlowDirection.ToServer, requests, observer);
                parser.Parse(FlowDirection.ToClient, responses.AsSpan(0, length), observer);
                parser.OnEnd(FlowDirection.ToClient, observer);
                runs++;
            }
        }

        Assert.True(runs > 1_000, $"only {runs} truncations");
        Assert.True(counters.TruncatedMessages > runs / 3, $"truncated {counters.TruncatedMessages}");
        Assert.True(observer.Events > runs, $"events {observer.Events}");
    }

    [Fact]
    public void Parse_SeededMutations_NeverThrowAndCountErrors()
    {
        var random = new Random(Seed);
        var bases = Bases();
        var tight = new HttpParserOptions
        {
            MaxStartLineBytes = 64,
            MaxHeaderBlockBytes = 256,
            MaxHeaders = 4,
            RequestBodyLimitBytes = 16,
            ResponseBodyLimitBytes = 16,
            MaxPendingTransactions = 2,
        };
        var counters = new HttpCounters();
        var parsers = new[] { new HttpParser(HttpParserOptions.Default, counters), new HttpParser(tight, counters) };
        var observers = new[] { new CheckingObserver(HttpParserOptions.Default), new CheckingObserver(tight) };
        var clock = Stopwatch.StartNew();
        var buffer = new List<byte>(4096);
        for (int i = 0; i < RandomMutations; i++)
        {
            var (requests, responses) = bases[random.Next(bases.Count)];
            int which = random.Next(2);
            var parser = parsers[which];
            var observer = observers[which];
            parser.Reset();
            byte[] mutatedRequests = random.Next(3) == 0 ? requests : Mutate(requests, random, buffer);
            byte[] mutatedResponses = random.Next(3) == 0 ? responses : Mutate(responses, random, buffer);
            FeedRandomly(parser, FlowDirection.ToServer, mutatedRequests, random, observer);
            FeedRandomly(parser, FlowDirection.ToClient, mutatedResponses, random, observer);
            parser.OnEnd(FlowDirection.ToServer, observer);
            parser.OnEnd(FlowDirection.ToClient, observer);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        Assert.True(counters.Errors > RandomMutations / 10, $"errors {counters.Errors}");
        Assert.True(counters.Get(HttpError.NotHttp) > 0);
        Assert.True(counters.Get(HttpError.InvalidContentLength) > 0);
        Assert.True(counters.Get(HttpError.InvalidChunkLength) > 0);
        Assert.True(counters.Get(HttpError.RequestLineTooLong) > 0);
        Assert.True(counters.Get(HttpError.HeadersTooLarge) > 0);
        Assert.True(counters.Get(HttpError.TooManyHeaders) > 0);
        Assert.True(counters.BodiesTruncated > 0);
        Assert.True(counters.Gaps > 0);
        Assert.True(counters.PipelineOverflows > 0);
        Assert.True(observers[0].Events + observers[1].Events > RandomMutations, "transactions were still reported");
    }

    private static List<(byte[] Requests, byte[] Responses)> Bases() =>
    [
        (HttpConversations.RichRequests, HttpConversations.RichResponses),
        (Bytes("GET /a%2f..%c0%af/b?x=%u0041 HTTP/1.1\r\nHost: H:1\r\nCookie: c\r\nA: 1\r\nA: 2\r\n\r\n" +
               "POST /p HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"),
         Bytes("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcHTTP/1.1 500 Oops\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nxyz\r\n0\r\n\r\n")),
        (Bytes("CONNECT h:443 HTTP/1.1\r\n\r\n\u0016\u0003\u0001"), Bytes("HTTP/1.1 200 OK\r\n\r\n\u0016\u0003\u0003")),
        (Bytes("GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\nGET /3 HTTP/1.1\r\n\r\n"),
         Bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n1HTTP/1.1 200 OK\r\n\r\nrest")),
    ];

    private static void FeedRandomly(HttpParser parser, FlowDirection direction, byte[] data, Random random, IHttpObserver observer)
    {
        int offset = 0;
        while (offset < data.Length)
        {
            int size = random.Next(8) == 0 ? 1 : random.Next(1, data.Length - offset + 1);
            size = Math.Min(size, data.Length - offset);
            parser.Parse(direction, data.AsSpan(offset, size), observer);
            offset += size;
            if (random.Next(200) == 0)
            {
                parser.OnGap(direction, observer);
            }
        }
    }

    private static byte[] Mutate(byte[] source, Random random, List<byte> buffer)
    {
        buffer.Clear();
        buffer.AddRange(source);
        int mutations = random.Next(1, 5);
        for (int m = 0; m < mutations; m++)
        {
            int count = buffer.Count;
            int position = count == 0 ? 0 : random.Next(count);
            switch (random.Next(8))
            {
                case 0 when count > 0:
                    buffer[position] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when count > 0:
                    buffer[position] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 2 when count > 0:
                    buffer.RemoveRange(position, Math.Min(random.Next(1, 32), count - position));
                    break;
                case 3 when count > 0:
                    // Loop: repeat a slice many times (long lines, many headers, deep pipelines).
                    var slice = buffer.GetRange(position, Math.Min(random.Next(1, 64), count - position));
                    int repeats = random.Next(2, 100);
                    for (int r = 0; r < repeats; r++)
                    {
                        buffer.InsertRange(position, slice);
                    }

                    break;
                case 4:
                    for (int r = random.Next(1, 16); r > 0; r--)
                    {
                        buffer.Insert(position, (byte)random.Next(256));
                    }

                    break;
                case 5:
                    ReplaceAfter(buffer, "Content-Length:", LengthValues[random.Next(LengthValues.Length)], random);
                    break;
                case 6:
                    ReplaceChunkSize(buffer, ChunkValues[random.Next(ChunkValues.Length)], random);
                    break;
                default:
                    if (count > 0)
                    {
                        buffer.RemoveRange(position, count - position);
                    }

                    break;
            }
        }

        return buffer.ToArray();
    }

    // Sets a length field out of range: the value after the header name up to the line end.
    private static void ReplaceAfter(List<byte> buffer, string name, byte[] value, Random random)
    {
        string text = Encoding.Latin1.GetString(buffer.ToArray());
        var matches = new List<int>();
        for (int at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            matches.Add(at);
        }

        if (matches.Count == 0)
        {
            buffer.InsertRange(Math.Min(buffer.Count, text.IndexOf('\n') + 1), Bytes(name + " ").Concat(value).Concat(Bytes("\r\n")));
            return;
        }

        int start = matches[random.Next(matches.Count)] + name.Length + 1;
        int end = text.IndexOf('\r', Math.Min(start, text.Length));
        if (start > text.Length || end < 0)
        {
            return;
        }

        buffer.RemoveRange(start, end - start);
        buffer.InsertRange(start, value);
    }

    private static void ReplaceChunkSize(List<byte> buffer, byte[] value, Random random)
    {
        string text = Encoding.Latin1.GetString(buffer.ToArray());
        var lines = new List<(int Start, int Length)>();
        int lineStart = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n')
            {
                continue;
            }

            int length = i - lineStart;
            var line = text.AsSpan(lineStart, length).TrimEnd('\r');
            int hex = 0;
            while (hex < line.Length && Uri.IsHexDigit(line[hex]))
            {
                hex++;
            }

            if (hex > 0 && (hex == line.Length || line[hex] == ';'))
            {
                lines.Add((lineStart, hex));
            }

            lineStart = i + 1;
        }

        if (lines.Count == 0)
        {
            return;
        }

        var (start, count) = lines[random.Next(lines.Count)];
        buffer.RemoveRange(start, count);
        buffer.InsertRange(start, value);
    }

    /// <summary>Checks invariants on every event: limits respected, ids in range, spans readable.</summary>
    private sealed class CheckingObserver : IHttpObserver
    {
        private readonly HttpParserOptions _options;

        public CheckingObserver(HttpParserOptions options) => _options = options;

        public long Events { get; private set; }

        public void OnRequestHeaders(HttpTransaction transaction) => Check(transaction);

        public void OnRequestComplete(HttpTransaction transaction) => Check(transaction);

        public void OnResponseHeaders(HttpTransaction transaction) => Check(transaction);

        public void OnResponseComplete(HttpTransaction transaction) => Check(transaction);

        private void Check(HttpTransaction tx)
        {
            Events++;
            Assert.InRange(tx.RequestLine.Length, 0, _options.MaxStartLineBytes);
            Assert.InRange(tx.ResponseLine.Length, 0, _options.MaxStartLineBytes);
            Assert.InRange(tx.RequestHeadersRaw.Length, 0, _options.MaxHeaderBlockBytes);
            Assert.InRange(tx.ResponseHeadersRaw.Length, 0, _options.MaxHeaderBlockBytes);
            Assert.InRange(tx.RequestHeaderCount, 0, _options.MaxHeaders);
            Assert.InRange(tx.ResponseHeaderCount, 0, _options.MaxHeaders);
            Assert.InRange(tx.RequestBody.Length, 0, _options.RequestBodyLimitBytes);
            Assert.InRange(tx.ResponseBody.Length, 0, _options.ResponseBodyLimitBytes);
            Assert.True(tx.RequestBodyLength >= tx.RequestBody.Length);
            Assert.True(tx.ResponseBodyLength >= tx.ResponseBody.Length);
            Assert.InRange(tx.NormalizedUri.Length, 0, tx.RawUri.Length);
            for (int i = 0; i < tx.RequestHeaderCount; i++)
            {
                _ = tx.GetRequestHeader(i);
            }

            for (int i = 0; i < tx.ResponseHeaderCount; i++)
            {
                _ = tx.GetResponseHeader(i);
            }
        }
    }
}
