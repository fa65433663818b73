namespace RustIds.Packets.Tests.AppLayer.Dns;

/// <summary>DNS messages used across the tests: literal wire bytes for a query/response pair and built ones for the record types.</summary>
internal static class DnsSamples
{
    /// <summary>Standard query for www.example.com A, as a stub resolver sends it.</summary>
    public static byte[] Query =>
    [
        0x1a, 0x2b, // ID
        0x01, 0x00, // flags: QR=0, opcode 0, RD=1
        0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // QDCOUNT 1, AN 0, NS 0, AR 0
        0x03, (byte)'w', (byte)'w', (byte)'w', // offset 12: "www"
        0x07, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e', // offset 16: "example"
        0x03, (byte)'c', (byte)'o', (byte)'m', 0x00, // offset 24: "com", root
        0x00, 0x01, 0x00, 0x01, // QTYPE A, QCLASS IN
    ];

    /// <summary>The response: www.example.com CNAME cdn.example.com, cdn.example.com A 93.184.216.34, with compression.</summary>
    public static byte[] Response =>
    [
        0x1a, 0x2b, // ID
        0x81, 0x80, // flags: QR=1, opcode 0, RD=1, RA=1, RCODE 0
        0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, // QDCOUNT 1, ANCOUNT 2
        0x03, (byte)'w', (byte)'w', (byte)'w', // offset 12: question name
        0x07, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e', // offset 16: "example"
        0x03, (byte)'c', (byte)'o', (byte)'m', 0x00,
        0x00, 0x01, 0x00, 0x01, // A IN
        0xc0, 0x0c, // offset 33: answer 1 owner -> 12 (www.example.com)
        0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x0e, 0x10, 0x00, 0x06, // CNAME IN TTL 3600 RDLENGTH 6
        0x03, (byte)'c', (byte)'d', (byte)'n', 0xc0, 0x10, // offset 45: "cdn" + pointer -> 16 (example.com)
        0xc0, 0x2d, // offset 51: answer 2 owner -> 45 (cdn.example.com)
        0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x3c, 0x00, 0x04, // A IN TTL 60 RDLENGTH 4
        0x5d, 0xb8, 0xd8, 0x22, // 93.184.216.34
    ];

    /// <summary>A response carrying AAAA, MX, TXT, SRV, PTR, NS and SOA records, names compressed against the question.</summary>
    public static byte[] RichResponse()
    {
        var b = new DnsBuilder().Header(0xbeef, 0x8580, questions: 1, answers: 6, authorities: 1, additionals: 1);
        b.Question("example.org", DnsRecordTypeAny);                                      // name at 12, "org" at 20
        b.Pointer(12).Record(28, 300, r => r.Bytes([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])); // AAAA 2001:db8::1
        b.Pointer(12).Record(15, 300, r => r.U16(10).Labels("mail").Pointer(12));         // MX 10 mail.example.org
        b.Pointer(12).Record(16, 300, r => r.Label("v=spf1 -all"u8).Label("second"u8));   // TXT, two strings
        var srvOwner = b.Position;
        b.Labels("_sip._tcp").Pointer(12).Record(33, 300, r => r.U16(5).U16(60).U16(5060).Labels("sip").Pointer(12)); // SRV
        b.Labels("1.0.0.127.in-addr.arpa").Byte(0).Record(12, 300, r => r.Labels("localhost").Byte(0)); // PTR
        b.Pointer(srvOwner).Record(5, 60, r => r.Labels("alias").Pointer(12));           // CNAME alias.example.org
        b.Pointer(12).Record(6, 3600, r => r.Labels("ns1").Pointer(12).Labels("hostmaster").Pointer(12)
            .U32(2024010101).U32(7200).U32(900).U32(1209600).U32(86400));                // SOA in authority
        b.Labels("ns1").Pointer(12).Record(2, 300, r => r.Pointer(12));                    // NS (additional), rdata all pointer
        return b.ToArray();
    }

    private const ushort DnsRecordTypeAny = 255;
}
