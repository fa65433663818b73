using RustIds.Packets;
using RustIds.Reputation.GeoIp;

namespace RustIds.Reputation.Tests.Scoring;

/// <summary>Answers one fixed country for every address (the scorer's seam; the real reader is tested separately).</summary>
internal sealed class FakeGeoIp(string? country) : IGeoIpDatabase
{
    public bool TryGetCountry(IpAddr address, out CountryCode code)
    {
        code = default;
        return country is not null && CountryCode.TryParse(country, out code);
    }
}
