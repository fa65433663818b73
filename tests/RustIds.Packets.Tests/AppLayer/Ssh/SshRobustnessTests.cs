using RustIds.Packets.AppLayer.Common.Tests;

namespace RustIds.Packets.AppLayer.Ssh.Tests;

[Collection(global::RustIds.Packets.Tests.AllocationCollection.Name)]
public sealed class SshRobustnessTests
{
    private const int Mutations = 200_000;

    private static readonly byte[][] Seeds =
    [
        [.. "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.1\r\n"u8, 0x00, 0x00, 0x02, 0x7C, 0x0A, 0x14],
        [.. "Banner line\r\n\r\nSSH-1.99-Cisco-1.25\r\n"u8],
        [.. "SSH-2.0-dropbear\n"u8],
        [.. "SSH-2.0 broken\r\n"u8],
    ];

    private sealed class CountingObserver : ISshObserver
    {
        public long Banners;
        public long Bytes;

        public void OnBanner(FlowDirection direction, SshBanner banner)
        {
            Banners++;
            Bytes += banner.ProtoVersion.Length + banner.SoftwareVersion.Length + banner.Comments.Length;
        }
    }

    [Fact]
    public void Parse_SeededMutations_NeverThrowAndCountErrors()
    {
        var counters = new SshCounters();
        var observer = new CountingObserver();
        var parser = new SshParser(new SshParserOptions { MaxLineBytes = 64, MaxPreBannerLines = 4, MaxPreBannerBytes = 256 }, counters);
        var mutator = new Mutator(4253);
        var random = mutator.Random;

        // Every truncation of every seed, then random mutations in random pieces.
        foreach (var seed in Seeds)
        {
            for (var length = 0; length <= seed.Length; length++)
            {
                parser.Reset();
                parser.Parse(FlowDirection.ToClient, seed.AsSpan(0, length), observer);
                parser.OnGap(FlowDirection.ToClient);
            }
        }
        for (var i = 0; i < Mutations; i++)
        {
            parser.Reset();
            var input = mutator.Mutate(Seeds[random.Next(Seeds.Length)]);
            var direction = (FlowDirection)random.Next(3);
            while (!input.IsEmpty)
            {
                var piece = Math.Min(input.Length, random.Next(1, 24));
                parser.Parse(direction, input[..piece], observer);
                input = input[piece..];
            }
        }

        Assert.True(observer.Banners > Mutations / 10, $"only {observer.Banners} banners");
        Assert.True(counters.MalformedBanners > 0 && counters.InvalidClientLines > 0 && counters.Gaps > 0);
        Assert.True(counters.TruncatedBanners > 0 && counters.UnknownDirection > 0);
    }

    [Fact]
    public void Parse_WarmParser_AllocatesNothing()
    {
        var counters = new SshCounters();
        var observer = new CountingObserver();
        var parser = new SshParser(SshParserOptions.Default, counters);
        var client = Seeds[0];
        var server = Seeds[1];

        void RunFlows(int flows)
        {
            for (var i = 0; i < flows; i++)
            {
                parser.Reset();
                parser.Parse(FlowDirection.ToServer, client.AsSpan(0, 10), observer);
                parser.Parse(FlowDirection.ToServer, client.AsSpan(10), observer);
                parser.Parse(FlowDirection.ToClient, server, observer);
            }
        }

        RunFlows(100);
        var before = GC.GetAllocatedBytesForCurrentThread();
        RunFlows(10_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(20_200, observer.Banners);
    }
}
