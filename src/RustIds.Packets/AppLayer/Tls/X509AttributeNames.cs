namespace RustIds.Packets.AppLayer.Tls;

/// <summary>Short names of X.520 / PKCS #9 attribute types as Suricata (x509-parser with oid-registry) prints them.</summary>
internal static class X509AttributeNames
{
    // 2.5.4 (id-at), content octets 55 04 xx.
    private static ReadOnlySpan<byte> IdAt => [0x55, 0x04];

    // 0.9.2342.19200300.100.1.25 domainComponent.
    private static ReadOnlySpan<byte> DomainComponent => [0x09, 0x92, 0x26, 0x89, 0x93, 0xF2, 0x2C, 0x64, 0x01, 0x19];

    // 1.2.840.113549.1.9 (pkcs-9) prefix.
    private static ReadOnlySpan<byte> Pkcs9 => [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09];

    // 1.3.6.1.4.1.311.60.2.1 (Microsoft EV jurisdiction) prefix.
    private static ReadOnlySpan<byte> Jurisdiction => [0x2B, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x3C, 0x02, 0x01];

    /// <summary>The short name for the OID content octets, or empty when unknown.</summary>
    public static ReadOnlySpan<byte> Find(ReadOnlySpan<byte> oid)
    {
        if (oid.Length == 3 && oid.StartsWith(IdAt))
            return IdAtName(oid[2]);
        if (oid.SequenceEqual(DomainComponent))
            return "DC"u8;
        if (oid.Length == Pkcs9.Length + 1 && oid.StartsWith(Pkcs9))
        {
            return oid[^1] switch
            {
                1 => "Email"u8,
                2 => "unstructuredName"u8,
                _ => default,
            };
        }
        if (oid.Length == Jurisdiction.Length + 1 && oid.StartsWith(Jurisdiction))
        {
            return oid[^1] switch
            {
                1 => "msJurisdictionLocality"u8,
                2 => "msJurisdictionStateOrProvince"u8,
                3 => "msJurisdictionCountry"u8,
                _ => default,
            };
        }
        return default;
    }

    private static ReadOnlySpan<byte> IdAtName(byte arc) => arc switch
    {
        0 => "objectClass"u8,
        1 => "aliasedEntryName"u8,
        2 => "knowledgeInformation"u8,
        3 => "CN"u8,
        4 => "surname"u8,
        5 => "serialNumber"u8,
        6 => "C"u8,
        7 => "L"u8,
        8 => "ST"u8,
        9 => "streetAddress"u8,
        10 => "O"u8,
        11 => "OU"u8,
        12 => "title"u8,
        13 => "description"u8,
        14 => "searchGuide"u8,
        15 => "businessCategory"u8,
        16 => "postalAddress"u8,
        17 => "postalCode"u8,
        41 => "name"u8,
        42 => "givenName"u8,
        43 => "initials"u8,
        44 => "generationQualifier"u8,
        45 => "uniqueIdentifier"u8,
        46 => "dnQualifier"u8,
        _ => default,
    };
}
