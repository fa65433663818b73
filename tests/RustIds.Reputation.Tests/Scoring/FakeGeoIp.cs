using RustIds.Packets;
using RustIds.Reputation.GeoIp;

namespace RustIds.Reputation.Tests.Scoring;

/// <summary>Answers one fixed country and ASN for every address (the scorer's seam; the real reader is tested separately).</summary>
internal sealed class FakeGeoIp(string? country, uint? asn = null) : IGeoIpDatabase
{
    public bool TryGetCountry(IpAddr address, out CountryCode code)
    {
        code = default;
        return country is not null && CountryCode.TryParse(country, out code);
    }

    public bool TryGetAsn(IpAddr address, out uint number)
    {
        number = asn ?? 0;
        return asn is not null;
    }
}
