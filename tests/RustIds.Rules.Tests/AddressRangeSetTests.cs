using System.Globalization;
using RustIds.Packets;

namespace RustIds.Rules.Tests;

/// <summary>Long address lists searched as range sets answer exactly as the list walk does.</summary>
public sealed class AddressRangeSetTests
{
    [Fact]
    public void Matches_RandomListsAndAddresses_SameAsTheWalk()
    {
        var random = new Random(77);
        var variables = RuleVariables.CreateDefault();
        var checkedLists = 0;
        for (var list = 0; list < 300; list++)
        {
            var items = new List<string>();
            var count = random.Next(8, 60);
            for (var i = 0; i < count; i++)
            {
                var negate = random.Next(6) == 0 ? "!" : "";
                items.Add(negate + (random.Next(4) == 0 ? V6(random) : V4(random)));
            }
            if (random.Next(3) == 0)
                items.Add("[" + V4(random) + "," + V4(random) + "]");
            var text = (random.Next(5) == 0 ? "!" : "") + "[" + string.Join(',', items) + "]";
            if (!AddressMatcher.TryParse(text, variables, out var matcher, out var error))
            {
                Assert.Contains("negat", error ?? "", StringComparison.OrdinalIgnoreCase);
                continue;
            }
            Assert.True(matcher!.IsFlat, text);
            checkedLists++;
            for (var k = 0; k < 400; k++)
            {
                var address = IpAddr.Parse(random.Next(4) == 0 ? V6Address(random) : V4Address(random));
                Assert.Equal(matcher.MatchesByWalk(address), matcher.Matches(address));
            }
        }
        Assert.True(checkedLists > 200);
    }

    [Fact]
    public void Matches_EtOpenCiArmyStyleList_BinarySearchFindsMembersOnly()
    {
        var addresses = Enumerable.Range(0, 2000).Select(i => $"198.{i / 250}.{i % 250}.{(i * 7) % 250}").ToList();
        Assert.True(AddressMatcher.TryParse("[" + string.Join(',', addresses) + "]", RuleVariables.CreateDefault(), out var matcher, out _));

        Assert.True(matcher!.IsFlat);
        Assert.All(addresses.Take(50), a => Assert.True(matcher.Matches(IpAddr.Parse(a))));
        Assert.False(matcher.Matches(IpAddr.Parse("198.0.0.1")));
        Assert.False(matcher.Matches(IpAddr.Parse("2001:db8::1")));
    }

    private static string V4(Random random) => V4Address(random) + "/" + random.Next(8, 33).ToString(CultureInfo.InvariantCulture);

    private static string V6(Random random) => V6Address(random) + "/" + random.Next(16, 129).ToString(CultureInfo.InvariantCulture);

    private static string V4Address(Random random) => $"{random.Next(9, 12)}.{random.Next(0, 4)}.{random.Next(256)}.{random.Next(256)}";

    private static string V6Address(Random random) => $"2001:db8:{random.Next(0, 4):x}::{random.Next(0, 65536):x}";
}
