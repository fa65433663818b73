using RustIds.Packets.AppLayer.Common.Tests;

namespace RustIds.Packets.AppLayer.Coap.Tests;

[Collection(global::RustIds.Packets.Tests.AllocationCollection.Name)]
public sealed class CoapRobustnessTests
{
    private const int Mutations = 300_000;

    private static readonly byte[][] Seeds =
    [
        CoapMessageParserTests.GetRequest,
        CoapMessageParserTests.ContentResponse,
        [0x50, 0x02, 0x00, 0x07, 0xBD, 0x07, .. "abcdefghijklmnopqrst"u8, 0xD1, 0x24, 0x05, 0xE0, 0x06, 0xEB, 0xFF, 0x01],
        [0x40, 0x00, 0xAB, 0xCD],
    ];

    [Fact]
    public void Parse_SeededMutations_NeverThrowAndCountErrors()
    {
        var counters = new CoapCounters();
        var message = new CoapMessage(new CoapParserOptions { MaxUriBytes = 255, MaxPayloadBytes = 8, MaxOptions = 4 });
        var mutator = new Mutator(7252);
        var random = mutator.Random;
        long ok = 0;
        long probeMatches = 0;

        foreach (var seed in Seeds)
        {
            for (var length = 0; length <= seed.Length; length++)
                CoapMessageParser.Parse(seed.AsSpan(0, length), message, counters);
        }
        for (var i = 0; i < Mutations; i++)
        {
            var input = mutator.Mutate(Seeds[random.Next(Seeds.Length)]);
            var status = CoapMessageParser.Parse(input, message, counters);
            var probe = CoapProbe.Probe(input);
            if (status == CoapParseStatus.Ok)
                ok++;
            if (probe == ProbeResult.Match)
            {
                probeMatches++;
                // The probe walks the same structure: whatever it accepts parses.
                Assert.Equal(CoapParseStatus.Ok, status);
            }
            Assert.True(message.UriPath.Length <= 255 && message.Payload.Length <= 8 && message.OptionCount <= 4);
        }

        Assert.True(ok > Mutations / 10 && probeMatches > 0, $"ok {ok}, probe matches {probeMatches}");
        Assert.True(counters.TooShort > 0 && counters.BadVersions > 0 && counters.InvalidTokenLengths > 0 && counters.Truncated > 0);
        Assert.True(counters.ReservedOptionNibbles > 0 && counters.EmptyPayloads > 0 && counters.InvalidEmptyMessages > 0);
        Assert.Equal(Mutations + Seeds.Sum(s => s.Length + 1), counters.Messages + counters.Errors);
    }

    [Fact]
    public void Parse_WarmMessage_AllocatesNothing()
    {
        var counters = new CoapCounters();
        var message = new CoapMessage(CoapParserOptions.Default);
        long fields = 0;

        void Run(int rounds)
        {
            for (var i = 0; i < rounds; i++)
            {
                foreach (var seed in Seeds)
                {
                    CoapMessageParser.Parse(seed, message, counters);
                    fields += message.UriPath.Length + message.Payload.Length + CoapProbe.Probe(seed).GetHashCode();
                }
            }
        }

        Run(100);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(20_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(80_400, counters.Messages);
        Assert.True(fields > 0);
    }
}
