using System.Text;
using static RustIds.Packets.Defragmentation.Tests.Fragments;

namespace RustIds.Packets.Defragmentation.Tests;

/// <summary>
/// The overlap pattern of Novak's "Target-Based Fragmentation Reassembly" (2005), in the shape Suricata's defrag
/// unit tests (DefragSturgesNovak*Test) build it: nine original fragments, then seven overlapping ones, then the last.
/// Each character is one 8-byte block of the reassembled 192-byte payload.
/// </summary>
public sealed class OverlapPolicyTests
{
    // (fill, offset, length); the last one (Q) has more-fragments clear.
    private static readonly (char Fill, int Offset, int Length)[] SturgesNovak =
    [
        ('A', 0, 24), ('B', 32, 16), ('C', 48, 24), ('D', 80, 8), ('E', 104, 16), ('F', 120, 24), ('G', 144, 16), ('H', 160, 16), ('I', 176, 8),
        ('J', 8, 32), ('K', 48, 24), ('L', 72, 24), ('M', 96, 24), ('N', 128, 8), ('O', 152, 8), ('P', 160, 8),
        ('Q', 176, 16),
    ];

    [Theory]
    [InlineData(DefragPolicy.Bsd, "AAAJJBCCCLLLMMMFFFGGHHIQ")]
    [InlineData(DefragPolicy.Linux, "AAAJJBKKKLLLMMMFFFGGPHQQ")]
    [InlineData(DefragPolicy.Windows, "AAAJBBCCCLLLMEEFFFGGHHIQ")]
    [InlineData(DefragPolicy.Solaris, "AAAJBBCCCLLLMMMFFFGGHHIQ")]
    [InlineData(DefragPolicy.First, "AAAJBBCCCLDLMEEFFFGGHHIQ")]
    [InlineData(DefragPolicy.Last, "AJJJJBKKKLLLMMMFNFGOPHQQ")]
    public void Process_SturgesNovakPatternIpv4_ReassemblesPerPolicy(DefragPolicy policy, string blocks)
    {
        var defrag = new IpDefragmenter(new DefragOptions { Policy = policy });
        for (var i = 0; i < SturgesNovak.Length - 1; i++)
        {
            var (fill, offset, length) = SturgesNovak[i];
            Assert.Equal(DefragResult.Held, defrag.Process(V4(1, offset, true, fill, length), T0, 0, out _));
            Assert.Equal(i < 9 ? 0 : 1, Math.Sign(defrag.Counters.Overlaps));
        }

        var (lastFill, lastOffset, lastLength) = SturgesNovak[^1];
        var result = defrag.Process(V4(1, lastOffset, false, lastFill, lastLength), T0, 0, out var reassembled);

        Assert.Equal(DefragResult.Reassembled, result);
        Assert.Equal(20 + 192, reassembled.Length);
        Assert.Equal(Expand(blocks), Encoding.ASCII.GetString(reassembled[20..]));
        Assert.Equal(8, defrag.Counters.Overlaps); // J..Q each overlap held data.
        Assert.Equal(8, defrag.Counters.OverlapConflicts); // ...with different letters.
        Assert.Equal(0, defrag.HeldBytes);
    }

    [Theory]
    [InlineData(DefragPolicy.Bsd, "AAAJJBCCCLLLMMMFFFGGHHIQ")]
    [InlineData(DefragPolicy.Linux, "AAAJJBKKKLLLMMMFFFGGPHQQ")]
    [InlineData(DefragPolicy.Windows, "AAAJBBCCCLLLMEEFFFGGHHIQ")]
    [InlineData(DefragPolicy.Solaris, "AAAJBBCCCLLLMMMFFFGGHHIQ")]
    [InlineData(DefragPolicy.First, "AAAJBBCCCLDLMEEFFFGGHHIQ")]
    [InlineData(DefragPolicy.Last, "AJJJJBKKKLLLMMMFNFGOPHQQ")]
    public void Process_SturgesNovakPatternIpv6_ReassemblesPerPolicy(DefragPolicy policy, string blocks)
    {
        var defrag = new IpDefragmenter(new DefragOptions { Policy = policy });
        var fragments = SturgesNovak.Select((f, i) => V6(1, f.Offset, i < SturgesNovak.Length - 1, f.Fill, f.Length));

        var (result, reassembled) = Feed(defrag, fragments);

        Assert.Equal(DefragResult.Reassembled, result);
        Assert.Equal(40 + 192, reassembled.Length);
        Assert.Equal(58, reassembled[6]); // Next header patched from 44 (fragment) to ICMPv6.
        Assert.Equal(Expand(blocks), Encoding.ASCII.GetString(reassembled[40..]));
        Assert.Equal(8, defrag.Counters.Overlaps);
    }

    [Fact]
    public void Process_BsdFragmentAfterLastFragment_UsesEarlierStartingFragment()
    {
        // Suricata's DefragBsdFragmentAfterNoMfIpv4Test: A*16 at 24 (last), B*16 at 8, C*16 at 16, D*8 at 0.
        var defrag = new IpDefragmenter();
        var (result, reassembled) = Feed(defrag, [V4(0x96, 24, false, 'A', 16), V4(0x96, 8, true, 'B', 16), V4(0x96, 16, true, 'C', 16), V4(0x96, 0, true, 'D', 8)]);

        Assert.Equal(DefragResult.Reassembled, result);
        Assert.Equal("DDDDDDDDBBBBBBBBBBBBBBBBCCCCCCCCAAAAAAAA", Encoding.ASCII.GetString(reassembled[20..]));
    }

    [Fact]
    public void Process_BsdSubsequentOverlapsStartOfOriginal_NewFragmentWins()
    {
        // Suricata's DefragBsdSubsequentOverlapsStartOfOriginalIpv4Test: E*24 at 8 (last), then M*24 at 0.
        var defrag = new IpDefragmenter();
        var (result, reassembled) = Feed(defrag, [V4(1, 8, false, 'E', 24), V4(1, 0, true, 'M', 24)]);

        Assert.Equal(DefragResult.Reassembled, result);
        Assert.Equal(new string('M', 24) + new string('E', 8), Encoding.ASCII.GetString(reassembled[20..]));
    }

    [Fact]
    public void Process_BsdChainOfOverlaps_MatchesSuricata()
    {
        // Suricata's DefragBsdSubsequentOverlapsStartOfOriginalIpv4Test_2 (ICMP, header bytes first).
        var defrag = new IpDefragmenter();
        var (result, reassembled) = Feed(defrag,
        [
            V4(6, 16, true, "AABBCCDDAABBDDCC"u8),
            V4(6, 8, true, "AACCBBDDAACCDDBB"u8),
            V4(6, 0, true, "ZZZZZZZZ"u8),
            V4(6, 32, false, "DDCCBBAA"u8),
        ]);

        Assert.Equal(DefragResult.Reassembled, result);
        Assert.Equal("AACCBBDDAACCDDBBAABBDDCCDDCCBBAA", Encoding.ASCII.GetString(reassembled[28..]));
    }

    [Fact]
    public void Process_BsdMissingFragment_DoesNotReassemble()
    {
        // Suricata's DefragBsdMissingFragmentIpv4Test: nothing covers 32..40.
        var defrag = new IpDefragmenter();
        var (result, _) = Feed(defrag,
        [
            V4(189, 16, true, "AABBCCDDAABBDDCC"u8),
            V4(189, 40, true, "AACCBBDD"u8),
            V4(189, 8, true, "AACCDDBBAADDBBCC"u8),
            V4(189, 0, true, "ZZZZZZZZ"u8),
            V4(189, 48, false, "DDCCBBAA"u8),
        ]);

        Assert.Equal(DefragResult.Held, result);
        Assert.Equal(1, defrag.ActiveDatagrams);
    }

    [Fact]
    public void Process_LinuxLaterFragmentStartingEarlier_Wins()
    {
        // Suricata's DefragTestJeremyLinux: A*24 at 0, B*48 at 40, C*48 at 24, D*14 at 88 (last).
        var defrag = new IpDefragmenter(new DefragOptions { Policy = DefragPolicy.Linux });
        var (result, reassembled) = Feed(defrag, [V4(1, 0, true, 'A', 24), V4(1, 40, true, 'B', 48), V4(1, 24, true, 'C', 48), V4(1, 88, false, 'D', 14)]);

        Assert.Equal(DefragResult.Reassembled, result);
        Assert.Equal(new string('A', 24) + new string('C', 48) + new string('B', 16) + new string('D', 14), Encoding.ASCII.GetString(reassembled[20..]));
    }

    [Theory]
    [InlineData(DefragPolicy.First, "AAAAAAAA")]
    [InlineData(DefragPolicy.Last, "XXXXXXXX")]
    [InlineData(DefragPolicy.Bsd, "AAAAAAAA")]
    [InlineData(DefragPolicy.Linux, "XXXXXXXX")]
    public void Process_RewrittenFirstFragment_HeaderFollowsWinningData(DefragPolicy policy, string expected)
    {
        // Two first fragments with different TTLs: the header comes from whichever fragment owns offset 0.
        var first = FrameBuilder.Ipv4(V4Source, V4Destination, 1, "AAAAAAAA"u8, ttl: 10, identification: 3, moreFragments: true);
        var rewrite = FrameBuilder.Ipv4(V4Source, V4Destination, 1, "XXXXXXXX"u8, ttl: 99, identification: 3, moreFragments: true);
        var defrag = new IpDefragmenter(new DefragOptions { Policy = policy });

        var (result, reassembled) = Feed(defrag, [first, rewrite, V4(3, 8, false, 'B', 4)]);

        Assert.Equal(DefragResult.Reassembled, result);
        Assert.Equal(expected + "BBBB", Encoding.ASCII.GetString(reassembled[20..]));
        Assert.Equal(expected[0] == 'A' ? 10 : 99, reassembled[8]);
        Assert.Equal(1, defrag.Counters.OverlapConflicts);
    }

    private static string Expand(string blocks) => string.Concat(blocks.Select(c => new string(c, 8)));
}
