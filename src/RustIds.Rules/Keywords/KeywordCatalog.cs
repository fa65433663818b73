using RustIds.Rules.Buffers;

namespace RustIds.Rules.Keywords;

/// <summary>Every rule keyword rustids knows of, with its support status: the source of <c>docs/rule-keywords.md</c>.</summary>
/// <remarks>A test parses each example and checks the status is true to the parser, so the table cannot drift from the code.</remarks>
public static class KeywordCatalog
{
    private const string Identity = "Identity and metadata";
    private const string Flow = "Flow and state";
    private const string Payload = "Payload: content and modifiers";
    private const string PayloadOther = "Payload: other inspection";
    private const string Transform = "Transforms";
    private const string HeaderTests = "Header tests";
    private const string Rate = "Thresholds";
    private const string Http = "HTTP buffers";
    private const string AppBuffers = "DNS, TLS and SSH buffers";
    private const string Snort3 = "Snort 3 forms";
    private const string Other = "Not supported";
    private const string HttpHeader = "alert http any any -> any any";
    private const string DnsHeader = "alert dns any any -> any any";
    private const string TlsHeader = "alert tls any any -> any any";
    private const string SshHeader = "alert ssh any any -> any any";

    /// <summary>All keywords, grouped, in table order.</summary>
    public static IReadOnlyList<KeywordInfo> All { get; } = Build();

    private static KeywordInfo[] Build()
    {
        List<KeywordInfo> all =
        [
            new("msg", Identity, KeywordSupport.Supported, "", "Alert text; escapes `\\;` `\\\"` `\\\\` removed."),
            new("sid", Identity, KeywordSupport.Supported, "", "Required. A duplicate gid:sid keeps the higher rev and is reported."),
            new("rev", Identity, KeywordSupport.Supported, "rev:3;"),
            new("gid", Identity, KeywordSupport.Supported, "gid:1;"),
            new("classtype", Identity, KeywordSupport.Supported, "classtype:trojan-activity;", "Read from `classification.config`; gives the category and default priority."),
            new("priority", Identity, KeywordSupport.Supported, "priority:1;", "Overrides the classtype's priority; becomes the alert severity."),
            new("reference", Identity, KeywordSupport.Supported, "reference:cve,2021-44228;"),
            new("metadata", Identity, KeywordSupport.Supported, "metadata:created_at 2024_01_01, signature_severity Major;"),
            new("target", Identity, KeywordSupport.Supported, "target:dest_ip;"),
            new("noalert", Flow, KeywordSupport.Supported, "noalert;", "Matches for its side effects (flowbits) only."),
            new("tag", Identity, KeywordSupport.NoEffect, "tag:session,10,packets;", "Extra packet logging; matching is unchanged."),
            new("rem", Identity, KeywordSupport.NoEffect, "rem:\"a comment\";", "Snort 3 comment."),

            new("flow", Flow, KeywordSupport.Supported, "flow:established,to_server;", "to_server, to_client, from_client, from_server, established, not_established, stateless; only_stream (payload keywords inspect the reassembled stream only) and no_stream (packets only); no_frag and only_frag are accepted and narrow nothing."),
            new("flowbits", Flow, KeywordSupport.Supported, "flowbits:isset,a|b; flowbits:set,c;", "set, unset, toggle, isset, isnotset, noalert; `a|b` (any) for tests, `a&b` (all). Setters run before testers on the same packet, as Suricata orders them."),
            new("app-layer-protocol", Flow, KeywordSupport.Supported, "app-layer-protocol:!http;", "http, dns, tls, ssh, mqtt, coap (the protocols rustids detects)."),
            new("stream_size", Flow, KeywordSupport.Supported, "stream_size:server,>,100;", "server, client, both, either with >, <, =, !=, >=, <=; counts the sequence numbers each side used (SYN, data and FIN) up to this packet, as Suricata's next_seq - isn."),
            new("xbits", Flow, KeywordSupport.Unsupported, "xbits:set,a,track ip_src;", "Host and IP-pair bits are not kept."),
            new("flowint", Flow, KeywordSupport.Unsupported, "flowint:count,+,1;"),

            new("content", Payload, KeywordSupport.Supported, "content:\"a|3b 0d 0a|b\";", "`|hex|`, escapes `\\;` `\\\"` `\\\\` `\\:`, negation `!`."),
            new("nocase", Payload, KeywordSupport.Supported, "content:\"x\"; nocase;", "ASCII case-insensitive."),
            new("offset", Payload, KeywordSupport.Supported, "content:\"x\"; offset:2;"),
            new("depth", Payload, KeywordSupport.Supported, "content:\"x\"; depth:4;"),
            new("distance", Payload, KeywordSupport.Supported, "content:\"x\"; content:\"y\"; distance:-1;", "Relative to the previous match; later occurrences are retried (bounded backtracking)."),
            new("within", Payload, KeywordSupport.Supported, "content:\"x\"; content:\"y\"; within:5;"),
            new("startswith", Payload, KeywordSupport.Supported, "content:\"x\"; startswith;"),
            new("endswith", Payload, KeywordSupport.Supported, "content:\"x\"; endswith;"),
            new("fast_pattern", Payload, KeywordSupport.Supported, "content:\"xyz\"; fast_pattern:1,2;", "Also `only` and `offset,length`; chooses the prefilter pattern."),
            new("rawbytes", Payload, KeywordSupport.NoEffect, "content:\"x\"; rawbytes;", "Payloads are never normalized here, so raw bytes are what is matched anyway."),
            new("bsize", PayloadOther, KeywordSupport.Supported, "http.uri; bsize:<100;", "`N`, `<N`, `>N`, `<=N`, `>=N`, `!N`, `A<>B`, `A-B`.", HttpHeader),
            new("urilen", PayloadOther, KeywordSupport.Supported, "urilen:>100,raw;", "On the normalized URI, or the raw one with `,raw`.", HttpHeader),
            new("dsize", HeaderTests, KeywordSupport.Supported, "dsize:>10;", "Packet payload size; for ICMP the data after the 8-byte header."),

            new("dotprefix", Transform, KeywordSupport.Supported, "dns.query; dotprefix; content:\".example.com\"; endswith;", "", DnsHeader),
            new("to_lowercase", Transform, KeywordSupport.Supported, "http.uri; to_lowercase; content:\"/admin\";", "", HttpHeader),
            new("to_uppercase", Transform, KeywordSupport.Supported, "http.method; to_uppercase; content:\"GET\";", "", HttpHeader),
            new("strip_whitespace", Transform, KeywordSupport.Supported, "http.uri; strip_whitespace; content:\"ab\";", "", HttpHeader),
            new("compress_whitespace", Transform, KeywordSupport.Supported, "http.header; compress_whitespace; content:\"a b\";", "", HttpHeader),

            new("ttl", HeaderTests, KeywordSupport.Supported, "ttl:<5;", "IPv6 hop limit too."),
            new("tos", HeaderTests, KeywordSupport.Supported, "tos:8;", "IPv6 traffic class too."),
            new("id", HeaderTests, KeywordSupport.Supported, "id:31337;", "IPv4 identification."),
            new("ip_proto", HeaderTests, KeywordSupport.Supported, "ip_proto:!tcp;", "Number or name."),
            new("fragbits", HeaderTests, KeywordSupport.Supported, "fragbits:M+;", "M, D, R with `+ * !`."),
            new("fragoffset", HeaderTests, KeywordSupport.Supported, "fragoffset:>0;", "In bytes."),
            new("sameip", HeaderTests, KeywordSupport.Supported, "sameip;"),
            new("flags", HeaderTests, KeywordSupport.Supported, "flags:S,12;", "F S R P A U C E (1 2), 0; modifiers `+ * !`; ignore mask after the comma."),
            new("seq", HeaderTests, KeywordSupport.Supported, "seq:0;"),
            new("ack", HeaderTests, KeywordSupport.Supported, "ack:0;"),
            new("window", HeaderTests, KeywordSupport.Supported, "window:55808;"),
            new("itype", HeaderTests, KeywordSupport.Supported, "itype:>7;", "Ranges as dsize.", "alert icmp any any -> any any"),
            new("icode", HeaderTests, KeywordSupport.Supported, "icode:0;", "", "alert icmp any any -> any any"),
            new("icmp_id", HeaderTests, KeywordSupport.Supported, "icmp_id:0;", "Echo and echo reply.", "alert icmp any any -> any any"),
            new("icmp_seq", HeaderTests, KeywordSupport.Supported, "icmp_seq:0;", "Echo and echo reply.", "alert icmp any any -> any any"),

            new("pcre", PayloadOther, KeywordSupport.Supported, "pcre:\"/^GET\\s+\\/a[^\\r\\n]*?x/Ui\";", "Translated to .NET (bytes as Latin-1): ASCII `\\d \\w \\s`, POSIX classes, `\\h \\v \\R`, possessive quantifiers, `\\Q..\\E`, `(?P<n>`; flags i s m x A E G R and the buffer flags U I P Q H D M C K S Y V W Z B O. Case folding ASCII only, as PCRE without UTF; conditionals on groups. Recursion, verbs, `\\K` and Unicode properties are not supported. 100 ms match limit."),
            new("byte_test", PayloadOther, KeywordSupport.Supported, "byte_test:2,>,100,0,relative,little;", "Operators `< > = <= >= & ^ !=`, `!`; string hex/dec/oct; bitmask; values and offsets may be variables. `dce` is not supported (no DCE/RPC parser)."),
            new("byte_jump", PayloadOther, KeywordSupport.Supported, "byte_jump:2,0,relative,multiplier 2,align,post_offset 1;", "Moves the cursor; from_beginning, from_end; landing on the buffer end matches (Suricata 7)."),
            new("byte_extract", PayloadOther, KeywordSupport.Supported, "byte_extract:2,0,len,relative; content:\"x\"; within:len;", "Up to 8 variables per rule, usable in offset, depth, distance, within and the other byte keywords."),
            new("byte_math", PayloadOther, KeywordSupport.Supported, "byte_math:bytes 2,offset 0,oper +,rvalue 1,result r;", "Division by zero does not match."),
            new("isdataat", PayloadOther, KeywordSupport.Supported, "content:\"x\"; isdataat:!10,relative;", "Absolute N: byte N exists; relative N: N bytes after the cursor."),
            new("threshold", Rate, KeywordSupport.Supported, "threshold:type limit,track by_src,count 1,seconds 60;", "limit, threshold, both; by_src, by_dst, by_rule, by_both, by_flow; in packet time, per worker, at most 100,000 counters. `Rules:ThresholdFile` reads a threshold.config (suppress, threshold/event_filter, rate_filter)."),
            new("detection_filter", Rate, KeywordSupport.Supported, "detection_filter:track by_src,count 5,seconds 60;", "Alerts on every match after the first `count` in the window."),

            new("pkt_data", Payload, KeywordSupport.Supported, "http.uri; content:\"a\"; pkt_data; content:\"b\";", "Back to the packet payload.", HttpHeader),
        ];
        foreach (var keyword in BufferCatalog.Keywords)
        {
            if (keyword == "pkt_data")
                continue;
            var isSticky = BufferCatalog.TryGetSticky(keyword, snort3: false, out var sticky);
            var isModifier = BufferCatalog.TryGetModifier(keyword, out var modified);
            var buffer = isSticky ? sticky : modified;
            var header = BufferCatalog.ProtocolOf(buffer.Request) switch
            {
                Packets.AppLayer.AppProtocol.Dns => DnsHeader,
                Packets.AppLayer.AppProtocol.Tls => TlsHeader,
                Packets.AppLayer.AppProtocol.Ssh => SshHeader,
                _ => HttpHeader,
            };
            var group = header == HttpHeader ? Http : AppBuffers;
            if (isSticky)
            {
                var notes = keyword == buffer.Name ? "Sticky buffer." : $"Older name of `{buffer.Name}`.";
                if (buffer.IsTwoSided)
                    notes += " Request side, or the response side with `flow:to_client`" + (buffer.ResponseByDefault ? " (the default without a direction)." : ".");
                all.Add(new(keyword, group, KeywordSupport.Supported, $"{keyword}; content:\"x\";", notes, header));
            }
            else if (isModifier)
            {
                all.Add(new(keyword, group, KeywordSupport.Supported, $"content:\"x\"; {keyword};",
                    $"Content modifier (Suricata, Snort 2) for `{buffer.Name}`; a sticky buffer in Snort 3 files.", header));
            }
            else
            {
                all.Add(new(keyword, Snort3, KeywordSupport.Supported, $"{keyword}; content:\"x\";", $"Snort 3 sticky buffer for `{buffer.Name}`.", "alert tcp any any -> any any", Snort3: true));
            }
        }
        all.AddRange(
        [
            new("service", Snort3, KeywordSupport.NoEffect, "service:http;", "Recorded; the header's ports and the buffers decide what is inspected.", Snort3: true),
            new("bufferlen", Snort3, KeywordSupport.Supported, "http_uri; bufferlen:11<=>20;", "As `bsize`, with `<=>` ranges.", Snort3: true),
            new("http_header:field", Snort3, KeywordSupport.Supported, "http_header:field user-agent; content:\"curl\";", "Known fields map to their Suricata buffers (user-agent, host, referer, cookie, content-type, ...).", Snort3: true),
            new("fast_pattern_offset", Snort3, KeywordSupport.Supported, "content:\"abcdef\",fast_pattern_offset 2,fast_pattern_length 3;", "Snort 3 content modifiers after commas.", Snort3: true),
            new("fast_pattern_length", Snort3, KeywordSupport.Supported, "content:\"abcdef\",fast_pattern_length 3;", "", Snort3: true),

            new("tls.version", Other, KeywordSupport.Unsupported, "tls.version:1.2;", "", TlsHeader),
            new("base64_decode", Other, KeywordSupport.Unsupported, "base64_decode:bytes 10;"),
            new("base64_data", Other, KeywordSupport.Unsupported, "base64_data;"),
            new("asn1", Other, KeywordSupport.Unsupported, "asn1:oversize_length 10;"),
            new("app-layer-event", Other, KeywordSupport.Unsupported, "app-layer-event:http.request_field_too_long;"),
            new("dce_iface", Other, KeywordSupport.Unsupported, "dce_iface:4b324fc8-1670-01d3-1278-5a47bf6ee188;", "No DCE/RPC parser."),
            new("dce_opnum", Other, KeywordSupport.Unsupported, "dce_opnum:15;", "No DCE/RPC parser."),
            new("dce_stub_data", Other, KeywordSupport.Unsupported, "dce_stub_data;", "No DCE/RPC parser."),
            new("ssl_state", Other, KeywordSupport.Unsupported, "ssl_state:client_hello;"),
            new("ssl_version", Other, KeywordSupport.Unsupported, "ssl_version:tls1.2;"),
        ]);
        return [.. all];
    }
}
