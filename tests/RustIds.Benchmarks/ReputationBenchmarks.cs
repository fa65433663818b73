using BenchmarkDotNet.Attributes;
using RustIds.Packets;
using RustIds.Reputation.Feeds;
using RustIds.Reputation.GeoIp;

namespace RustIds.Benchmarks;

/// <summary>Lookups the response stage does per alert: country and blocklist membership. One op = 1 024 lookups.</summary>
[MemoryDiagnoser]
public class ReputationBenchmarks
{
    private readonly IpAddr[] _addresses = new IpAddr[1024];
    private MaxMindDbReader _geoIp = null!;
    private Blocklist _firehol = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (var i = 0; i < _addresses.Length; i++)
            _addresses[i] = IpAddr.FromV4((uint)random.Next(0x01000000, int.MaxValue));
        const string installed = "/var/lib/rustids/geoip/dbip-country.mmdb";
        _geoIp = MaxMindDbReader.Open(File.Exists(installed)
            ? installed
            : Path.Combine(BenchmarkData.SharedData, "geoip", "maxmind-test", "GeoIP2-Country-Test.mmdb"));
        var firehol = Directory.GetFiles(Path.Combine(BenchmarkData.SharedData, "feeds", "firehol"), "*level1*").FirstOrDefault()
            ?? Directory.GetFiles(Path.Combine(BenchmarkData.SharedData, "feeds", "firehol")).First();
        _firehol = PlainListParser.ParseFile(firehol);
    }

    [Benchmark(Description = "GeoIP country x1024")]
    public int Country()
    {
        var found = 0;
        foreach (var address in _addresses)
        {
            if (_geoIp.TryGetCountry(address, out _))
                found++;
        }
        return found;
    }

    [Benchmark(Description = "blocklist Contains x1024")]
    public int Blocklist()
    {
        var found = 0;
        foreach (var address in _addresses)
        {
            if (_firehol.Contains(address))
                found++;
        }
        return found;
    }

    [GlobalCleanup]
    public void Cleanup() => _geoIp.Dispose();
}
