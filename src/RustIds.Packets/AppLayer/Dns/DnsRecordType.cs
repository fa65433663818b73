namespace RustIds.Packets.AppLayer.Dns;

/// <summary>Resource record TYPE values the parser decodes or that rules name often (IANA DNS parameters).</summary>
/// <remarks>Constants rather than an enum: any 16-bit value can appear on the wire and rules compare numbers.</remarks>
public static class DnsRecordType
{
    /// <summary>IPv4 host address (RFC 1035).</summary>
    public const ushort A = 1;
    /// <summary>Authoritative name server (RFC 1035).</summary>
    public const ushort NS = 2;
    /// <summary>Mail destination, obsolete (RFC 1035).</summary>
    public const ushort MD = 3;
    /// <summary>Mail forwarder, obsolete (RFC 1035).</summary>
    public const ushort MF = 4;
    /// <summary>Canonical name of an alias (RFC 1035).</summary>
    public const ushort CNAME = 5;
    /// <summary>Start of a zone of authority (RFC 1035).</summary>
    public const ushort SOA = 6;
    /// <summary>Mailbox domain name, experimental (RFC 1035).</summary>
    public const ushort MB = 7;
    /// <summary>Mail group member, experimental (RFC 1035).</summary>
    public const ushort MG = 8;
    /// <summary>Mail rename domain name, experimental (RFC 1035).</summary>
    public const ushort MR = 9;
    /// <summary>Opaque data, experimental (RFC 1035).</summary>
    public const ushort NULL = 10;
    /// <summary>Domain name pointer, as in reverse lookups (RFC 1035).</summary>
    public const ushort PTR = 12;
    /// <summary>Host information (RFC 1035).</summary>
    public const ushort HINFO = 13;
    /// <summary>Mail exchange (RFC 1035).</summary>
    public const ushort MX = 15;
    /// <summary>Text strings (RFC 1035).</summary>
    public const ushort TXT = 16;
    /// <summary>IPv6 host address (RFC 3596).</summary>
    public const ushort AAAA = 28;
    /// <summary>Service location (RFC 2782).</summary>
    public const ushort SRV = 33;
    /// <summary>Naming authority pointer (RFC 3403).</summary>
    public const ushort NAPTR = 35;
    /// <summary>Delegation name (RFC 6672).</summary>
    public const ushort DNAME = 39;
    /// <summary>EDNS pseudo-record (RFC 6891).</summary>
    public const ushort OPT = 41;
    /// <summary>Delegation signer (RFC 4034).</summary>
    public const ushort DS = 43;
    /// <summary>SSH key fingerprint (RFC 4255).</summary>
    public const ushort SSHFP = 44;
    /// <summary>DNSSEC signature (RFC 4034).</summary>
    public const ushort RRSIG = 46;
    /// <summary>Next secure record (RFC 4034).</summary>
    public const ushort NSEC = 47;
    /// <summary>DNSSEC public key (RFC 4034).</summary>
    public const ushort DNSKEY = 48;
    /// <summary>Hashed next secure record (RFC 5155).</summary>
    public const ushort NSEC3 = 50;
    /// <summary>TLS certificate association (RFC 6698).</summary>
    public const ushort TLSA = 52;
    /// <summary>Service binding (RFC 9460).</summary>
    public const ushort SVCB = 64;
    /// <summary>HTTPS service binding (RFC 9460).</summary>
    public const ushort HTTPS = 65;
    /// <summary>SPF text, obsolete (RFC 7208).</summary>
    public const ushort SPF = 99;
    /// <summary>Transaction key (RFC 2930).</summary>
    public const ushort TKEY = 249;
    /// <summary>Transaction signature (RFC 8945).</summary>
    public const ushort TSIG = 250;
    /// <summary>Zone transfer query type (RFC 5936).</summary>
    public const ushort AXFR = 252;
    /// <summary>Query type for all records (RFC 8482).</summary>
    public const ushort ANY = 255;
    /// <summary>Uniform resource identifier (RFC 7553).</summary>
    public const ushort URI = 256;
    /// <summary>Certification authority authorization (RFC 8659).</summary>
    public const ushort CAA = 257;
}
