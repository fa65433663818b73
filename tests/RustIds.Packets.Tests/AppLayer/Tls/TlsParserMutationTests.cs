using System.Diagnostics;

namespace RustIds.Packets.AppLayer.Tls.Tests;

/// <summary>Seeded mutations of real handshakes: the parser must never throw, always return, and count what it rejects.</summary>
public sealed class TlsParserMutationTests
{
    private const int RandomMutations = 200_000;

    [Fact]
    public void Parse_MutatedHandshakes_NeverThrowAndCountErrors()
    {
        var counters = new TlsCounters();
        var observer = new CountingObserver();
        var parser = new TlsParser(TlsParserOptions.Default, counters);
        var random = new Random(0x7175);
        var bases = BaseInputs();
        var work = new byte[bases.Max(b => b.Bytes.Length) + 64];
        var inputs = 0;
        var watch = Stopwatch.StartNew();

        // Truncation at every length of every base input.
        foreach (var (direction, bytes) in bases)
        {
            for (var length = 0; length <= bytes.Length; length++)
            {
                parser.Reset();
                parser.Parse(direction, bytes.AsSpan(0, length), observer);
                inputs++;
            }
        }

        for (var i = 0; i < RandomMutations; i++)
        {
            var (direction, bytes) = bases[random.Next(bases.Length)];
            bytes.CopyTo(work, 0);
            var length = Mutate(random, work, bytes.Length);
            parser.Reset();
            FeedInRandomPieces(parser, direction, work.AsSpan(0, length), observer, random);
            inputs++;
        }

        Assert.True(inputs >= RandomMutations);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        Assert.True(counters.MalformedClientHellos > 0);
        Assert.True(counters.MalformedServerHellos > 0);
        Assert.True(counters.MalformedCertificates > 0);
        Assert.True(counters.MalformedExtensions > 0);
        Assert.True(counters.InvalidRecords > 0);
        Assert.True(counters.OversizedRecords > 0);
        Assert.True(observer.ClientHellos > 0 && observer.ServerHellos > 0 && observer.Certificates > 0);
    }

    private static (FlowDirection Direction, byte[] Bytes)[] BaseInputs()
    {
        var certificate = X509Samples.Certificate(
            serial: [0x00, 0x9A, 0x12, 0x34],
            subject: X509Samples.Name(("2.5.4.6", 0x13, "US"u8.ToArray()), ("2.5.4.10", 0x0C, "Let's Encrypt"u8.ToArray()), ("2.5.4.3", 0x1E, [0, 0x52, 0, 0x33])),
            version: 2);
        var serverHello = TlsBytes.ServerHelloBody(0x0303, 0xc02f, [TlsBytes.Opaque(0xff01, 1), TlsBytes.Alpn("h2"), TlsBytes.PointFormats(0)]);
        var flight = TlsBytes.Concat(TlsBytes.Handshake(2, serverHello), TlsBytes.Handshake(11, TlsBytes.CertificateBody(certificate, certificate)), TlsBytes.Handshake(14, []));
        var tls13 = TlsBytes.ServerHelloBody(0x0303, 0x1301, [TlsBytes.ServerSupportedVersion(0x0304), TlsBytes.Opaque(0x0033, 36)]);
        return
        [
            (FlowDirection.ToServer, TlsSamples.ClientHelloRecords(TlsSamples.ChromeClientHelloBody())),
            (FlowDirection.ToServer, TlsSamples.ClientHelloRecords(TlsSamples.Ja4SpecClientHelloBody(), 90)),
            (FlowDirection.ToServer, TlsSamples.ClientHelloRecords(TlsSamples.Ja3ReadmeClientHelloBody())),
            (FlowDirection.ToClient, TlsBytes.Records(22, flight, version: 0x0303)),
            (FlowDirection.ToClient, TlsBytes.Records(22, flight, maxFragment: 150, version: 0x0303)),
            (FlowDirection.ToClient, TlsBytes.Concat(TlsBytes.Records(22, TlsBytes.Handshake(2, tls13), version: 0x0303), TlsBytes.Records(23, new byte[30]))),
        ];
    }

    private static int Mutate(Random random, byte[] work, int length)
    {
        switch (random.Next(6))
        {
            case 0: // bit flips
                for (var n = random.Next(1, 9); n > 0; n--)
                    work[random.Next(length)] ^= (byte)(1 << random.Next(8));
                return length;
            case 1: // a 16- or 24-bit length field set out of range
                var offset = random.Next(length - 3);
                var value = random.Next(4) switch { 0 => 0xFFFFFF, 1 => 0, 2 => random.Next(1 << 24), _ => length - offset + random.Next(-3, 4) };
                work[offset] = (byte)(value >> 16);
                work[offset + 1] = (byte)(value >> 8);
                work[offset + 2] = (byte)value;
                return length;
            case 2: // random bytes overwritten
                for (var n = random.Next(1, 5); n > 0; n--)
                    work[random.Next(length)] = (byte)random.Next(256);
                return length;
            case 3: // truncation plus flips
                work[random.Next(length)] ^= 0xFF;
                return random.Next(1, length);
            case 4: // zero-length records and messages repeated ("loops")
                var at = 0;
                for (var n = random.Next(1, 12); n > 0 && at + 9 <= work.Length; n--)
                {
                    ReadOnlySpan<byte> empty = random.Next(2) == 0 ? [22, 3, 3, 0, 0] : [22, 3, 3, 0, 4, 0, 0, 0, 0];
                    empty.CopyTo(work.AsSpan(at));
                    at += empty.Length;
                }
                return at;
            default: // a DER length octet inside the certificate area set to long form
                var position = random.Next(length);
                work[position] = (byte)(0x80 | random.Next(0, 6));
                return length;
        }
    }

    private static void FeedInRandomPieces(TlsParser parser, FlowDirection direction, ReadOnlySpan<byte> data, CountingObserver observer, Random random)
    {
        while (!data.IsEmpty)
        {
            var take = random.Next(4) == 0 ? data.Length : Math.Min(data.Length, random.Next(1, 200));
            parser.Parse(direction, data[..take], observer);
            data = data[take..];
        }
    }
}
