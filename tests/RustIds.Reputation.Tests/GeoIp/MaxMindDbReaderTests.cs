using System.Globalization;
using RustIds.Packets;
using RustIds.Reputation.Addresses;
using RustIds.Reputation.GeoIp;

namespace RustIds.Reputation.Tests.GeoIp;

[Collection(global::RustIds.Reputation.Tests.AllocationCollection.Name)]
public sealed class MaxMindDbReaderTests
{
    public static TheoryData<string> KnownDatabases => ["GeoIP2-Country-Test", "GeoIP2-City-Test", "GeoLite2-Country-Test", "GeoLite2-ASN-Test"];

    [Theory]
    [MemberData(nameof(KnownDatabases))]
    public void KnownIps_EveryRow_MatchesExpectedCountryOrAsn(string database)
    {
        using var reader = MaxMindDbReader.Open(TestData.GeoIp(database + ".mmdb"));
        var failures = new List<string>();
        var rows = 0;
        foreach (var line in File.ReadLines(TestData.GeoIp("KNOWN-IPS.tsv")))
        {
            var columns = line.Split('\t');
            if (line.StartsWith('#') || columns.Length < 3 || columns[0] != database)
                continue;
            rows++;
            var network = Cidr.Parse(columns[1]);
            var fields = columns[2];
            // The first address again: answered from the reader's record cache, it must not differ.
            foreach (var address in new[] { network.Network, LastAddress(network), network.Network })
            {
                if (Expected(fields, "country.iso_code=") is { } country)
                {
                    var found = reader.TryGetCountry(address, out var actual);
                    var got = found ? actual.ToString() : "None";
                    if (got != country)
                        failures.Add($"{columns[1]} ({address}): country {got}, expected {country}");
                }
                if (Expected(fields, "autonomous_system_number=") is { } asn)
                {
                    var found = reader.TryGetAsn(address, out var actual);
                    var got = found ? actual.ToString(CultureInfo.InvariantCulture) : "None";
                    if (got != asn)
                        failures.Add($"{columns[1]} ({address}): asn {got}, expected {asn}");
                }
            }
        }
        Assert.True(rows > 10, $"only {rows} rows for {database}");
        Assert.Empty(failures);
    }

    public static TheoryData<string, string> OracleCases => new()
    {
        { "GeoIP2-Country-Test", "country iso_code" },
        { "GeoIP2-City-Test", "country iso_code" },
        { "GeoLite2-Country-Test", "country iso_code" },
        { "GeoLite2-ASN-Test", "autonomous_system_number" },
        { "GeoIP2-ISP-Test", "autonomous_system_number" },
        { "MaxMind-DB-test-ipv4-24", "ip" },
        { "MaxMind-DB-test-mixed-24", "ip" },
        { "MaxMind-DB-test-decoder", "utf8_string" },
        { "MaxMind-DB-test-decoder", "uint32" },
        { "MaxMind-DB-test-decoder", "map mapX utf8_stringX" },
    };

    [SkippableTheory]
    [MemberData(nameof(OracleCases))]
    public void Lookup_SampleAddresses_AgreesWithMmdblookup(string database, string keyPath)
    {
        Skip.IfNot(MmdbLookup.Available, "mmdblookup (Debian mmdb-bin) is not installed");
        var file = TestData.GeoIp(database + ".mmdb");
        var path = keyPath.Split(' ');
        using var reader = MaxMindDbReader.Open(file);
        var checkedFound = 0;
        foreach (var text in SampleAddresses())
        {
            // IpAddr folds ::ffff:a.b.c.d into IPv4 on purpose; mmdblookup refuses IPv6 input for an IPv4-only tree.
            if (reader.Metadata.IpVersion == 4 && text.StartsWith("::ffff:", StringComparison.Ordinal))
                continue;
            var expected = MmdbLookup.Value(file, text, path);
            var address = IpAddr.Parse(text);
            var actual = Format(Navigate(reader.Lookup(address), path));
            Assert.True(expected == actual, $"{database} {text} {keyPath}: mmdblookup {expected ?? "null"}, ours {actual ?? "null"}");
            if (expected is not null)
                checkedFound++;
            if (path is ["country", "iso_code"])
            {
                var found = reader.TryGetCountry(address, out var country);
                Assert.Equal(expected, found ? $"\"{country}\"" : null);
            }
            if (path is ["autonomous_system_number"])
            {
                var found = reader.TryGetAsn(address, out var asn);
                Assert.Equal(expected, found ? asn.ToString(CultureInfo.InvariantCulture) : null);
            }
        }
        Assert.True(checkedFound >= 3, $"only {checkedFound} sample addresses were found in {database}");
    }

    [Fact]
    public void Open_CountryDatabase_ReadsMetadata()
    {
        using var reader = MaxMindDbReader.Open(TestData.GeoIp("GeoIP2-Country-Test.mmdb"));
        var metadata = reader.Metadata;
        Assert.Equal(28, metadata.RecordSize);
        Assert.Equal(6, metadata.IpVersion);
        Assert.Equal("GeoIP2-Country", metadata.DatabaseType);
        Assert.Equal(2, metadata.BinaryFormatMajorVersion);
        Assert.Contains("en", metadata.Languages);
        Assert.True(metadata.NodeCount > 0);
        Assert.True(metadata.BuildTime.Year >= 2013);
        Assert.Contains("en", metadata.Description.Keys);
    }

    [Fact]
    public void Lookup_DecoderDatabase_DecodesEveryType()
    {
        using var reader = MaxMindDbReader.Open(TestData.GeoIp("MaxMind-DB-test-decoder.mmdb"));
        var record = Assert.IsType<Dictionary<string, object?>>(reader.Lookup(IpAddr.Parse("1.1.1.0")));
        Assert.Equal(new List<object?> { 1u, 2u, 3u }, record["array"]);
        Assert.Equal(true, record["boolean"]);
        Assert.Equal(new byte[] { 0, 0, 0, 42 }, record["bytes"]);
        Assert.Equal(42.123456, (double)record["double"]!, 6);
        Assert.Equal(1.1f, (float)record["float"]!, 5);
        Assert.Equal(-268435456, record["int32"]);
        Assert.Equal((ushort)100, record["uint16"]);
        Assert.Equal(268435456u, record["uint32"]);
        Assert.Equal(1152921504606846976UL, record["uint64"]);
        Assert.Equal(UInt128.One << 120, record["uint128"]);
        Assert.Equal("unicode! ☯ - ♫", record["utf8_string"]);
        var inner = Assert.IsType<Dictionary<string, object?>>(Navigate(record, ["map", "mapX"]));
        Assert.Equal("hello", inner["utf8_stringX"]);
        Assert.Equal(new List<object?> { 7u, 8u, 9u }, inner["arrayX"]);
    }

    [Fact]
    public void Verify_GoodDatabases_DecodeEveryRecord()
    {
        foreach (var name in new[] { "GeoIP2-City-Test", "GeoIP2-Country-Test", "GeoLite2-ASN-Test", "MaxMind-DB-test-decoder", "MaxMind-DB-test-ipv4-24", "MaxMind-DB-test-mixed-24" })
        {
            using var reader = MaxMindDbReader.Open(TestData.GeoIp(name + ".mmdb"));
            Assert.True(reader.Verify() > 0, name);
        }
    }

    [Fact]
    public void Open_InvalidNodeCount_ThrowsNamingThePath()
    {
        var path = TestData.GeoIp("GeoIP2-City-Test-Invalid-Node-Count.mmdb");
        var ex = Assert.Throws<MaxMindDbException>(() => MaxMindDbReader.Open(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Equal(path, ex.Path);
    }

    [Theory]
    [InlineData("MaxMind-DB-test-broken-pointers-24")]
    [InlineData("MaxMind-DB-test-broken-search-tree-24")]
    public void BrokenDatabase_VerifyAndLookups_ThrowOnlyMaxMindDbException(string name)
    {
        var path = TestData.GeoIp(name + ".mmdb");
        using var reader = MaxMindDbReader.Open(path);
        var ex = Assert.Throws<MaxMindDbException>(() => reader.Verify());
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        var failures = 0;
        var addresses = Enumerable.Range(0, 256).Select(h => IpAddr.FromV4(0x01010100u | (uint)h)).Append(IpAddr.Parse("255.255.255.255"));
        foreach (var address in addresses)
        {
            try
            {
                reader.Lookup(address);
                reader.TryGetCountry(address, out _);
            }
            catch (MaxMindDbException)
            {
                failures++;
            }
        }
        Assert.True(failures > 0, "no lookup hit the corruption");
    }

    [Fact]
    public void Open_MissingFile_ThrowsNamingThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N") + ".mmdb");
        var ex = Assert.Throws<MaxMindDbException>(() => MaxMindDbReader.Open(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    public void Open_NotADatabase_Throws(int length)
    {
        using var dir = new TempDirectory();
        var path = dir.File("junk.mmdb");
        File.WriteAllBytes(path, Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray());
        Assert.Throws<MaxMindDbException>(() => MaxMindDbReader.Open(path));
    }

    [Fact]
    public void MutatedDatabases_NeverThrowAnythingElse()
    {
        var original = File.ReadAllBytes(TestData.GeoIp("GeoIP2-Country-Test.mmdb"));
        var random = new Random(20240601);
        using var dir = new TempDirectory();
        var addresses = SampleAddresses().Select(IpAddr.Parse).ToArray();
        for (var mutant = 0; mutant < 300; mutant++)
        {
            var bytes = (byte[])original.Clone();
            var flips = random.Next(1, 20);
            for (var i = 0; i < flips; i++)
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            if (mutant % 10 == 0)
                bytes = bytes[..random.Next(bytes.Length)];
            var path = dir.File($"m{mutant}.mmdb");
            File.WriteAllBytes(path, bytes);
            try
            {
                using var reader = MaxMindDbReader.Open(path);
                foreach (var address in addresses)
                {
                    try
                    {
                        reader.TryGetCountry(address, out _);
                        reader.Lookup(address);
                    }
                    catch (MaxMindDbException)
                    {
                    }
                }
                reader.Verify();
            }
            catch (MaxMindDbException)
            {
                // The only acceptable failure.
            }
        }
    }

    [Fact]
    public void TryGetCountry_AfterWarmUp_AllocatesNothing()
    {
        using var reader = MaxMindDbReader.Open(TestData.GeoIp("GeoIP2-City-Test.mmdb"));
        using var asnReader = MaxMindDbReader.Open(TestData.GeoIp("GeoLite2-ASN-Test.mmdb"));
        var addresses = SampleAddresses().Select(IpAddr.Parse).ToArray();
        var found = 0;
        for (var round = 0; round < 3; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            foreach (var address in addresses)
            {
                if (reader.TryGetCountry(address, out _))
                    found++;
                if (asnReader.TryGetAsn(address, out _))
                    found++;
            }
            var delta = GC.GetAllocatedBytesForCurrentThread() - before;
            if (round > 0)
                Assert.Equal(0, delta);
        }
        Assert.True(found > 0);
    }

    private static IEnumerable<string> SampleAddresses() =>
    [
        "1.1.1.1", "1.1.1.2", "1.1.1.3", "1.1.1.8", "1.1.1.32", "1.1.1.33", "1.0.0.1", "1.128.0.1",
        "2.125.160.216", "8.8.8.8", "12.81.92.1", "50.114.0.1", "67.43.156.1", "81.2.69.142", "81.2.69.160",
        "89.160.20.112", "89.160.20.128", "149.101.100.1", "175.16.199.1", "202.196.224.1", "214.0.0.1",
        "216.160.83.56", "217.65.48.1", "255.255.255.255", "0.0.0.0", "::", "::1.1.1.1", "::1.1.1.3",
        "::ffff:1.1.1.1", "::ffff:81.2.69.160", "2001:218::1", "2001:220::1", "2001:480::52", "2a02:cf40::1",
        "2002:5102:4500::1", "2002:101:101::", "::214.0.1.5", "fe80::1", "ffff::1",
    ];

    private static string? Expected(string fields, string key)
    {
        var at = fields.IndexOf(key, StringComparison.Ordinal);
        if (at < 0)
            return null;
        var value = fields[(at + key.Length)..];
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? value : value[..space];
    }

    private static IpAddr LastAddress(Cidr network)
    {
        var host = network.Network.BitLength - network.PrefixLength;
        if (network.Network.IsV4)
            return IpAddr.FromV4(network.Network.V4Value | (host == 32 ? uint.MaxValue : (1u << host) - 1));
        var value = new UInt128(network.Network.High, network.Network.Low) | (host == 128 ? UInt128.MaxValue : (UInt128.One << host) - 1);
        return IpAddr.FromV6((ulong)(value >> 64), (ulong)value);
    }

    private static object? Navigate(object? value, string[] path)
    {
        foreach (var key in path)
        {
            if (value is Dictionary<string, object?> map && map.TryGetValue(key, out var next))
                value = next;
            else if (value is List<object?> list && int.TryParse(key, CultureInfo.InvariantCulture, out var index) && index < list.Count)
                value = list[index];
            else
                return null;
        }
        return value;
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        string s => $"\"{s}\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
