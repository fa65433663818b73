using System.Text.Unicode;

namespace RustIds.Packets.AppLayer.Dns;

/// <summary>Text forms of DNS values the way Suricata's EVE <c>dns</c> events print them.</summary>
public static class DnsText
{
    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    /// <summary>Renders a decoded name as Suricata's EVE <c>rrname</c>/<c>rdata</c> (before JSON escaping).</summary>
    /// <remarks>
    /// Suricata keeps names as raw bytes and, when writing JSON, uses them unchanged if they are valid
    /// UTF-8; otherwise every byte ≥ 0x80 becomes <c>\xNN</c> (lower-case hex) and the rest stay as they
    /// are (its jsonbuilder <c>string_from_bytes</c>). Control characters are then escaped by the JSON
    /// writer (<c>\u0001</c>), which is the EVE writer's job, not this method's. Needs at most
    /// 4 × <paramref name="name"/>.Length bytes.
    /// </remarks>
    /// <param name="name">A name from <see cref="DnsQuestion.Name"/> or <see cref="DnsRecord"/>.</param>
    /// <param name="destination">Receives the text.</param>
    /// <param name="written">Bytes written.</param>
    /// <returns>False (and nothing usable written) when <paramref name="destination"/> is too small.</returns>
    public static bool TryWriteName(ReadOnlySpan<byte> name, Span<byte> destination, out int written)
    {
        written = 0;
        if (Utf8.IsValid(name))
        {
            if (!name.TryCopyTo(destination))
                return false;
            written = name.Length;
            return true;
        }
        foreach (var b in name)
        {
            if (b < 0x80)
            {
                if (written >= destination.Length)
                    return false;
                destination[written++] = b;
                continue;
            }
            if (written + 4 > destination.Length)
                return false;
            destination[written] = (byte)'\\';
            destination[written + 1] = (byte)'x';
            destination[written + 2] = HexDigits[b >> 4];
            destination[written + 3] = HexDigits[b & 0xF];
            written += 4;
        }
        return true;
    }

    /// <summary>Suricata's mnemonic for a record type (<c>A</c>, <c>AAAA</c>, ...); empty when it prints the number instead.</summary>
    public static ReadOnlySpan<byte> RecordTypeName(ushort type) => type switch
    {
        DnsRecordType.A => "A"u8,
        DnsRecordType.NS => "NS"u8,
        DnsRecordType.MD => "MD"u8,
        DnsRecordType.MF => "MF"u8,
        DnsRecordType.CNAME => "CNAME"u8,
        DnsRecordType.SOA => "SOA"u8,
        DnsRecordType.MB => "MB"u8,
        DnsRecordType.MG => "MG"u8,
        DnsRecordType.MR => "MR"u8,
        DnsRecordType.NULL => "NULL"u8,
        DnsRecordType.PTR => "PTR"u8,
        DnsRecordType.HINFO => "HINFO"u8,
        DnsRecordType.MX => "MX"u8,
        DnsRecordType.TXT => "TXT"u8,
        DnsRecordType.AAAA => "AAAA"u8,
        DnsRecordType.SRV => "SRV"u8,
        DnsRecordType.NAPTR => "NAPTR"u8,
        DnsRecordType.DNAME => "DNAME"u8,
        DnsRecordType.OPT => "OPT"u8,
        DnsRecordType.DS => "DS"u8,
        DnsRecordType.SSHFP => "SSHFP"u8,
        DnsRecordType.RRSIG => "RRSIG"u8,
        DnsRecordType.NSEC => "NSEC"u8,
        DnsRecordType.DNSKEY => "DNSKEY"u8,
        DnsRecordType.NSEC3 => "NSEC3"u8,
        DnsRecordType.TLSA => "TLSA"u8,
        DnsRecordType.HTTPS => "HTTPS"u8,
        DnsRecordType.SPF => "SPF"u8,
        DnsRecordType.TKEY => "TKEY"u8,
        DnsRecordType.TSIG => "TSIG"u8,
        DnsRecordType.ANY => "ANY"u8,
        DnsRecordType.URI => "URI"u8,
        _ => default,
    };

    /// <summary>Suricata's name for a header RCODE (<c>NOERROR</c>, <c>NXDOMAIN</c>, ...); empty when it prints the number.</summary>
    public static ReadOnlySpan<byte> ResponseCodeName(int responseCode) => responseCode switch
    {
        0 => "NOERROR"u8,
        1 => "FORMERR"u8,
        2 => "SERVFAIL"u8,
        3 => "NXDOMAIN"u8,
        4 => "NOTIMP"u8,
        5 => "REFUSED"u8,
        6 => "YXDOMAIN"u8,
        7 => "YXRRSET"u8,
        8 => "NXRRSET"u8,
        9 => "NOTAUTH"u8,
        10 => "NOTZONE"u8,
        _ => default,
    };
}
