using RustIds.Packets.AppLayer.Dns;
using Xunit.Abstractions;

namespace RustIds.Packets.Tests.AppLayer.Dns;

/// <summary>Seeded mutation of real messages: the parser must never throw or hang, and must count what is wrong.</summary>
public sealed class DnsMutationTests
{
    private const int MutatedMessages = 200_000;

    private readonly ITestOutputHelper _output;

    public DnsMutationTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Parse_200kMutatedMessages_NeverThrowsAndCountsErrors()
    {
        var corpus = Corpus();
        var random = new Random(20240531);
        var counters = new DnsCounters();
        var message = new DnsMessage();
        var tcp = new DnsTcpParser(DnsParserOptions.Default, counters, message);
        var observer = new VisitingObserver();
        long parsed = 0;

        // Truncation at every length of every corpus message.
        foreach (var original in corpus)
        {
            for (var length = 0; length < original.Length; length++)
            {
                Exercise(original.AsSpan(0, length), message, counters, observer);
                parsed++;
            }
        }

        var buffer = new byte[2048];
        for (var i = 0; i < MutatedMessages; i++)
        {
            var original = corpus[random.Next(corpus.Length)];
            var length = Mutate(original, buffer, random);
            var mutated = buffer.AsSpan(0, length);
            Exercise(mutated, message, counters, observer);
            parsed++;
            if (i % 8 == 0)
                FeedTcp(tcp, mutated, random, observer);
        }

        _output.WriteLine($"parsed {parsed}, errors {counters.Errors}, ok-ish messages {counters.Messages}, tcp {counters.TcpMessages}");
        _output.WriteLine($"truncated header {counters.TruncatedHeader}, count {counters.CountBeyondData}, rdlength {counters.RdLengthBeyondData}, "
            + $"label {counters.LabelTooLong}, name {counters.NameTooLong}, forward {counters.ForwardPointer}, loop {counters.PointerLoop}, "
            + $"header pointer {counters.PointerIntoHeader}, too many pointers {counters.TooManyPointers}, rdata {counters.BadRdata}");
        Assert.True(parsed >= MutatedMessages);
        Assert.True(counters.Errors > MutatedMessages / 4, $"only {counters.Errors} errors counted");
        Assert.True(counters.TruncatedHeader > 0);
        Assert.True(counters.CountBeyondData > 0);
        Assert.True(counters.RdLengthBeyondData > 0);
        Assert.True(counters.LabelTooLong > 0);
        Assert.True(counters.NameTooLong > 0);
        Assert.True(counters.ForwardPointer > 0);
        Assert.True(counters.PointerLoop > 0);
        Assert.True(counters.PointerIntoHeader > 0);
        Assert.True(counters.TooManyPointers > 0);
        Assert.True(counters.BadRdata > 0);
        Assert.True(observer.Delivered > 0 && observer.Checksum != 0);
    }

    private static void Exercise(ReadOnlySpan<byte> bytes, DnsMessage message, DnsCounters counters, VisitingObserver observer)
    {
        DnsMessageParser.Parse(bytes, message, counters);
        observer.OnDnsMessage(FlowDirection.ToClient, message);
        DnsProbe.Probe(bytes, isTcp: false);
        DnsProbe.Probe(bytes, isTcp: true);
    }

    private static void FeedTcp(DnsTcpParser tcp, ReadOnlySpan<byte> message, Random random, VisitingObserver observer)
    {
        Span<byte> framed = stackalloc byte[message.Length + 2];
        // Usually the true length; sometimes a wrong one, so framing itself is attacked.
        var declared = random.Next(4) == 0 ? random.Next(0, 65536) : message.Length;
        framed[0] = (byte)(declared >> 8);
        framed[1] = (byte)declared;
        message.CopyTo(framed[2..]);
        var direction = random.Next(2) == 0 ? FlowDirection.ToServer : FlowDirection.ToClient;
        var offset = 0;
        while (offset < framed.Length)
        {
            var piece = Math.Min(framed.Length - offset, 1 + random.Next(64));
            tcp.Parse(direction, framed.Slice(offset, piece), observer);
            offset += piece;
        }
        if (random.Next(16) == 0)
            tcp.OnGap(direction);
        if (random.Next(32) == 0)
            tcp.Reset();
    }

    private static int Mutate(byte[] original, byte[] buffer, Random random)
    {
        original.CopyTo(buffer, 0);
        var length = original.Length;
        var steps = 1 + random.Next(3);
        for (var s = 0; s < steps; s++)
        {
            var at = random.Next(length);
            switch (random.Next(9))
            {
                case 0: // bit flip
                    buffer[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1: // random byte
                    buffer[at] = (byte)random.Next(256);
                    break;
                case 2: // a header count out of range
                    var field = 4 + (2 * random.Next(4));
                    var value = random.Next(3) switch { 0 => 0xFFFF, 1 => random.Next(65536), _ => buffer[field + 1] + 1 };
                    buffer[field] = (byte)(value >> 8);
                    buffer[field + 1] = (byte)value;
                    break;
                case 3: // a compression pointer: backward, self, forward or into the header
                    if (at + 1 < length)
                    {
                        var target = random.Next(4) switch { 0 => at, 1 => random.Next(12), 2 => at + random.Next(1, 64), _ => random.Next(Math.Max(1, at)) };
                        buffer[at] = (byte)(0xC0 | ((target >> 8) & 0x3F));
                        buffer[at + 1] = (byte)target;
                    }
                    break;
                case 4: // a 16-bit length field out of range (hits RDLENGTH and counts alike)
                    if (at + 1 < length)
                    {
                        buffer[at] = 0xFF;
                        buffer[at + 1] = (byte)random.Next(256);
                    }
                    break;
                case 5: // a label length octet too long or of a reserved type
                    buffer[at] = (byte)random.Next(0x3F, 0xC0);
                    break;
                case 6: // truncation
                    length = random.Next(length + 1);
                    if (length == 0)
                        return 0;
                    break;
                case 7: // duplicate a slice, so names and records repeat past their counts
                    var size = Math.Min(random.Next(1, 80), buffer.Length - length);
                    var from = random.Next(length);
                    size = Math.Min(size, length - from);
                    Array.Copy(buffer, from, buffer, length, size);
                    length += size;
                    break;
                default: // a long label, pushing names toward the 255 limit
                    buffer[at] = 63;
                    break;
            }
        }
        return length;
    }

    private static byte[][] Corpus()
    {
        var longName = $"{new string('a', 63)}.{new string('b', 63)}.{new string('c', 63)}.{new string('d', 61)}";
        var longest = new DnsBuilder().Header(3, 0x8180, 2, 1).Question(longName, DnsRecordType.A)
            .Labels("x").Pointer(12 + 64).U16(1).U16(1)
            .Pointer(12).Record(DnsRecordType.CNAME, 5, r => r.Labels("y").Pointer(12 + 128)).ToArray();
        var chain = new DnsBuilder().Byte(0).Pointer(13);
        for (var i = 1; i < 16; i++)
            chain.Pointer(14 + (2 * (i - 1)));
        var chainLabel = chain.ToArray();
        var chained = new DnsBuilder().Header(4, 0, 2).Label(chainLabel).Byte(0).U16(1).U16(1)
            .Pointer(13 + chainLabel.Length - 2).U16(1).U16(1).ToArray();
        var update = new DnsBuilder().Header(9, 5 << 11, 1, 0, 1).Question("example.com", DnsRecordType.SOA)
            .Name("host.example.com").Record(DnsRecordType.A, 0, _ => { }, @class: 255).ToArray();
        return [DnsSamples.Query, DnsSamples.Response, DnsSamples.RichResponse(), longest, chained, update];
    }

    /// <summary>Reads every accessor of every delivered message, the way a logger would.</summary>
    private sealed class VisitingObserver : IDnsObserver
    {
        private readonly byte[] _text = new byte[4 * 1025];

        public long Delivered { get; private set; }

        public long Checksum { get; private set; }

        public void OnDnsMessage(FlowDirection direction, DnsMessage message)
        {
            Delivered++;
            if (!message.HasHeader)
                return;
            long sum = message.Id + message.Flags + message.Opcode + message.ResponseCode + message.DeclaredAnswerCount;
            for (var i = 0; i < message.QuestionCount; i++)
            {
                var question = message.GetQuestion(i);
                sum += question.Type + question.Class + Render(question.Name);
            }
            for (var section = DnsSection.Answer; section <= DnsSection.Additional; section++)
            {
                for (var i = 0; i < message.GetRecordCount(section); i++)
                {
                    var record = message.GetRecord(section, i);
                    sum += record.Type + record.Ttl + record.Data.Length + Render(record.Name) + Render(record.Target) + Render(record.Mailbox);
                    sum += (long)record.Address.Low + record.Preference + record.Weight + record.Port;
                    sum += record.SoaSerial + record.SoaRefresh + record.SoaRetry + record.SoaExpire + record.SoaMinimum;
                    foreach (var s in record.TxtStrings)
                        sum += s.Length;
                }
            }
            Checksum += sum;
        }

        private int Render(ReadOnlySpan<byte> name)
        {
            Assert.True(DnsText.TryWriteName(name, _text, out var written));
            return written;
        }
    }
}
