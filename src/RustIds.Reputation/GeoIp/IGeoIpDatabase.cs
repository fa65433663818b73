using RustIds.Packets;

namespace RustIds.Reputation.GeoIp;

/// <summary>The GeoIP seam: country and autonomous system of an address. Implemented by <see cref="MaxMindDbReader"/>.</summary>
public interface IGeoIpDatabase
{
    /// <summary>Finds the country of <paramref name="address"/>; false when the database has none.</summary>
    /// <exception cref="MaxMindDbException">The database is corrupt where the lookup led.</exception>
    bool TryGetCountry(IpAddr address, out CountryCode country);

    /// <summary>Finds the autonomous system number of <paramref name="address"/>; false when the database has none.</summary>
    /// <exception cref="MaxMindDbException">The database is corrupt where the lookup led.</exception>
    bool TryGetAsn(IpAddr address, out uint asn);
}
