#!/usr/bin/python3
"""Deterministic generator of realistic mixed-traffic pcaps for rustids.

Uses only the Python standard library. Every packet is well formed (correct IPv4 header, TCP, UDP,
ICMP and ICMPv6 checksums, consistent lengths, consistent TCP sequence/ack numbers) so that
`tshark -T fields` output can be used as an exactness oracle.  Same arguments -> byte-identical file.
"""

import argparse
import base64
import calendar
import random
import struct
import sys
import time

pack = struct.pack

# ---------------------------------------------------------------------------------------------
# Constants
# ---------------------------------------------------------------------------------------------

START_TS = calendar.timegm((2026, 12, 4, 0, 0, 0)) * 1_000_000  # microseconds since epoch

FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10
TCP, UDP, ICMP, ICMP6, GRE_P = 6, 17, 1, 58, 47

# Ports in the ephemeral range that tshark 4.0 maps to a dissector (tcp.port/udp.port); avoided as
# client ports so the server port decides the dissector (tshark tries the lower port first).
BAD_PORTS = frozenset((
    34962, 34980, 37008, 41170, 44321, 44322, 44818, 45564, 47000, 47808, 48049, 48898, 49999,
    54328, 56000, 56001, 56500, 56501, 57000, 57001, 57032, 57033, 57500, 57501, 57532, 57533,
    59000, 59001, 59032, 59033, 59500, 59501, 59532, 59533, 60001))

# Self-signed X.509 certificate (RSA 2048, CN=secure.example.com, SAN secure.example.com and
# *.example.com), generated once with
#   openssl req -x509 -newkey rsa:2048 -nodes -days 3650 \
#     -subj "/C=US/O=rustids test/CN=secure.example.com" \
#     -addext "subjectAltName=DNS:secure.example.com,DNS:*.example.com"
# and converted to DER (918 bytes). The private key was discarded.
CERT_DER = base64.b64decode(
    "MIIDkjCCAnqgAwIBAgIULpY1V/ocADNOuWMBsBYYTIKt1ZYwDQYJKoZIhvcNAQELBQAwQTELMAkG"
    "A1UEBhMCVVMxFTATBgNVBAoMDHJ1c3RpZHMgdGVzdDEbMBkGA1UEAwwSc2VjdXJlLmV4YW1wbGUu"
    "Y29tMB4XDTI2MTIwNDE2MDU1M1oXDTM2MTIwMTE2MDU1M1owQTELMAkGA1UEBhMCVVMxFTATBgNV"
    "BAoMDHJ1c3RpZHMgdGVzdDEbMBkGA1UEAwwSc2VjdXJlLmV4YW1wbGUuY29tMIIBIjANBgkqhkiG"
    "9w0BAQEFAAOCAQ8AMIIBCgKCAQEAuhnLQVzNN3W57ytzDIw/09C6S78ngnK1AK0z1SsrVnJ2nAAf"
    "YWAT5T1DTiKOV2iwZJ6ww3oZxxdb5hL7zlK1Una8hhK8epr3nEflCTRhP+TXhoct1+WxoxwbkLsN"
    "j0xwq1DwXiF2YsIxfjK5aTGacL+rSD7vckgt6/RjP2lRflNv2tnr1RFjgxeDN5MI8T2MDqXMn/jt"
    "tLsrgogDVRzdJhDzotWcYK7Xxd5ES9XQ0G77IyFh/l7T9DU9Cg1/vIrhA9HfzQKEjKS2pW4ivb5a"
    "NJ9sig2u9pBpdE6CbiwxK7N3vDgGdIo3cG0P4kQv0iKavtdmaYQX91ujqFW+L8zgZwIDAQABo4GB"
    "MH8wHQYDVR0OBBYEFGdCFE8NOQJKLnFmO3YVAdQz/skSMB8GA1UdIwQYMBaAFGdCFE8NOQJKLnFm"
    "O3YVAdQz/skSMA8GA1UdEwEB/wQFMAMBAf8wLAYDVR0RBCUwI4ISc2VjdXJlLmV4YW1wbGUuY29t"
    "gg0qLmV4YW1wbGUuY29tMA0GCSqGSIb3DQEBCwUAA4IBAQBuPuP3SyAV/T0jQDYykFUhT2+JV6+5"
    "ssdEL8SzBbS8K6wMTbvAu0CfunH0zdOnap1BXu1zUg2JpTXGM2/hsw8lo9quvaOVgU3TVoqAmP02"
    "SfENv8EuzosLkPgQN3YoLJSeaxkaO2h0RqQXxdcghrM430abzgb7GOJ9oTVNVSNdASIUiCDV0enY"
    "W/1w2H5f90yrP9+pvBhlUr2YNhKg0yXp5Lspf3w9dyrnANT7h4JNIbrATSCL4UfaYIGUIkWrmeIm"
    "Xe3sGmL+0/BdGgbC23sbBvELf/EorPAk7ZRfpjZP8z2odj6G/6QFotLAZ0P65cSnQrK9qEqzixSA"
    "826L2e9c")

WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november "
         "oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu shop news "
         "mail cdn api static img video auth login portal wiki docs blog store pay status edge "
         "assets media files update data metrics search cloud app web www intranet dev").split()
DOMAINS = ("example.com", "example.net", "example.org", "corp.example.com", "shop.example.net",
           "svc.example.org", "test.example", "lab.example.com")
USER_AGENTS = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
    "curl/7.88.1", "Wget/1.21.3", "python-requests/2.31.0", "Go-http-client/1.1")
ACCEPTS = ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "*/*",
           "application/json", "image/avif,image/webp,*/*")
GET_PATHS = (
    "/", "/index.html", "/search?q={q}&page={n}", "/static/js/app.{n}.js", "/images/logo-{n}.png",
    "/api/v1/items/{n}?fields=name%2Cprice&sort=-date", "/docs/../admin/config.php",
    "/a/b/../../etc/passwd", "/products/caf%C3%A9-cr%C3%A8me?id={n}", "/cgi-bin/../../bin/sh?x=%2e%2e%2f",
    "/wiki/Special:Search?search=%22quoted+text%22&go=Go", "/login?next=%2Faccount%2Fsettings%3Ftab%3Dprofile",
    "/files/report%20{n}.pdf", "/static/./css/../css/site.css?v={n}", "/%7Euser/public_html/",
    "/api/v2/users?filter=name%20eq%20%27bob%27&limit={n}")
QUERIES = ("hello%20world", "r%C3%A9sum%C3%A9", "rust+ids", "a%26b%3Dc", "100%25", "%E2%9C%93+done", "test")
POST_PATHS = ("/api/v1/login", "/submit", "/form/contact", "/api/v1/items", "/upload?type=csv")
GREASE = tuple(0x0a0a + 0x1010 * i for i in range(16))
CHROME_SUITES = (0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013,
                 0xc014, 0x009c, 0x009d, 0x002f, 0x0035)
FIREFOX_SUITES = (0x1301, 0x1303, 0x1302, 0xc02b, 0xc02f, 0xcca9, 0xcca8, 0xc02c, 0xc030, 0xc00a,
                  0xc009, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035)
TLS12_SUITES = (0xc02f, 0xc030, 0xc02b, 0xc02c, 0xcca8, 0xcca9, 0xc013, 0xc014, 0x009c, 0x009d,
                0x002f, 0x0035, 0x00ff)
SIG_ALGS = (0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601)
ALPNS = ((b"h2", b"http/1.1"), (b"http/1.1",), (b"h2",))
MQTT_TOPICS = (b"sensors/temp/room1", b"sensors/humidity/lab", b"home/+/status", b"devices/gw-7/telemetry",
               b"factory/line3/plc/alarm", b"$SYS/broker/uptime")


def fold(n):
    """Internet checksum from the integer sum of 16-bit-aligned chunks (2**16 == 1 mod 0xFFFF)."""
    r = n % 0xFFFF
    return 0xFFFF - r if r else 0


def b2i(b):
    v = int.from_bytes(b, "big")
    return v << 8 if len(b) & 1 else v


def ip4(src, dst, proto, payload, ident, ttl, frag):
    h = pack("!BBHHHBB", 0x45, 0, 20 + len(payload), ident, frag, ttl, proto)
    c = fold(int.from_bytes(h, "big") + int.from_bytes(src + dst, "big"))
    return h + pack("!H", c) + src + dst + payload


def v8(b):
    return bytes((len(b),)) + b


def v16(b):
    return pack("!H", len(b)) + b


def v24(b):
    return pack("!I", len(b))[1:] + b


def u16s(vals):
    return b"".join(pack("!H", v) for v in vals)


# ---------------------------------------------------------------------------------------------
# Paths: L2 (VLAN/QinQ), L3 (IPv4/IPv6, hop-by-hop, fragments), tunnels (GRE, VXLAN)
# ---------------------------------------------------------------------------------------------

class Path:
    """One client<->server conversation path; direction d=0 is client->server, d=1 the reverse."""

    __slots__ = ("v6", "addr", "psum", "ttl", "ipid", "hbh", "l2", "tun", "mtu", "mss", "flowlabel")

    def __init__(self, ctx, v6, caddr, saddr, tags, hbh, tunnel):
        r = ctx.rng
        self.v6 = v6
        self.addr = (caddr, saddr)
        self.psum = int.from_bytes(caddr + saddr, "big")
        self.ttl = (64, r.choice((52, 55, 57, 58, 118, 245)))
        self.ipid = [r.getrandbits(16), r.getrandbits(16)]
        self.hbh = hbh
        self.flowlabel = r.getrandbits(20) if v6 else 0
        cmac = b"\x02\x00" + caddr[-4:]
        gmac = ctx.gw_mac
        tagb = b"".join(pack("!HH", tpid, tci) for tpid, tci in tags)
        et = b"\x86\xdd" if v6 else b"\x08\x00"
        self.tun = tunnel
        if tunnel is None:
            self.l2 = (gmac + cmac + tagb + et, cmac + gmac + tagb + et)
            self.mtu = 1500
        else:
            self.l2 = (gmac + cmac + tagb + b"\x08\x00", cmac + gmac + tagb + b"\x08\x00")
            if tunnel[0] == "gre":
                self.mtu = 1476
            else:
                self.mtu = 1450
                tunnel[5] = (tunnel[5][0] + et, tunnel[5][1] + et)  # inner Ethernet headers per direction
        self.mss = self.mtu - (60 if v6 else 40) - (8 if hbh else 0)

    def wrap(self, d, ip):
        tun = self.tun
        if tun is None:
            return self.l2[d] + ip
        # tunnel = [kind, outer_c, outer_s, outer ipid list, vxlan ports, inner eth (tuple), vni]
        osrc, odst = (tun[1], tun[2]) if d == 0 else (tun[2], tun[1])
        ids = tun[3]
        ident = ids[d]
        ids[d] = (ident + 1) & 0xFFFF
        if tun[0] == "gre":
            return self.l2[d] + ip4(osrc, odst, GRE_P, b"\x00\x00\x08\x00" + ip, ident, 64, 0x4000)
        inner = tun[7] + tun[5][d] + ip
        n = 8 + len(inner)
        udp = pack("!HHHH", tun[4][d], 4789, n, 0) + inner
        c = fold(int.from_bytes(osrc + odst, "big") + UDP + n + b2i(udp)) or 0xFFFF
        return self.l2[d] + ip4(osrc, odst, UDP, udp[:6] + pack("!H", c) + udp[8:], ident, 64, 0x4000)

    def checksum(self, proto, seg, off):
        if proto == ICMP:
            c = fold(b2i(seg))
        else:
            c = fold(self.psum + proto + len(seg) + b2i(seg))
            if c == 0 and proto == UDP:
                c = 0xFFFF
        return seg[:off] + pack("!H", c) + seg[off + 2:]

    def ip(self, d, proto, l4):
        if self.v6:
            if self.hbh:
                # Hop-by-hop options header: next header, len 0 (8 bytes), PadN with 4 zero bytes.
                ext = bytes((proto, 0, 1, 4, 0, 0, 0, 0))
                return (pack("!IHBB", 0x60000000 | self.flowlabel, 8 + len(l4), 0, self.ttl[d])
                        + self.addr[d] + self.addr[1 - d] + ext + l4)
            return (pack("!IHBB", 0x60000000 | self.flowlabel, len(l4), proto, self.ttl[d])
                    + self.addr[d] + self.addr[1 - d] + l4)
        ident = self.ipid[d]
        self.ipid[d] = (ident + 1) & 0xFFFF
        return ip4(self.addr[d], self.addr[1 - d], proto, l4, ident, self.ttl[d],
                   0x4000 if proto == TCP else 0)

    def frame(self, d, proto, seg, off):
        """Frame for an L4 segment whose checksum (at byte offset off) is still zero."""
        return self.wrap(d, self.ip(d, proto, self.checksum(proto, seg, off)))

    def fragments(self, d, proto, seg, off):
        """Frames of one L4 datagram fragmented to the path MTU (IPv4 or IPv6 fragment header)."""
        seg = self.checksum(proto, seg, off)
        out = []
        n = len(seg)
        if self.v6:
            # unfragmentable part: optional hop-by-hop header (next header 44), then fragment header
            pre, nh = (bytes((44, 0, 1, 4, 0, 0, 0, 0)), 0) if self.hbh else (b"", 44)
            fsz = (self.mtu - 48 - len(pre)) // 8 * 8
            ident = self.ipid[d] << 16 | self.ipid[1 - d]
            self.ipid[d] = (self.ipid[d] + 1) & 0xFFFF
            for o in range(0, n, fsz):
                chunk = seg[o:o + fsz]
                fh = pack("!BBHI", proto, 0, o | (1 if o + fsz < n else 0), ident)
                ip = (pack("!IHBB", 0x60000000 | self.flowlabel, len(pre) + 8 + len(chunk), nh, self.ttl[d])
                      + self.addr[d] + self.addr[1 - d] + pre + fh + chunk)
                out.append(self.wrap(d, ip))
        else:
            fsz = (self.mtu - 20) // 8 * 8
            ident = self.ipid[d]
            self.ipid[d] = (ident + 1) & 0xFFFF
            for o in range(0, n, fsz):
                mf = 0x2000 if o + fsz < n else 0
                out.append(self.wrap(d, ip4(self.addr[d], self.addr[1 - d], proto, seg[o:o + fsz],
                                            ident, self.ttl[d], mf | (o >> 3))))
        return out


class Udp:
    __slots__ = ("p", "port")

    def __init__(self, path, cport, sport):
        self.p = path
        self.port = (cport, sport)

    def seg(self, d, payload):
        return pack("!HHHH", self.port[d], self.port[1 - d], 8 + len(payload), 0) + payload

    def frame(self, d, payload):
        return self.p.frame(d, UDP, self.seg(d, payload), 6)

    def fragments(self, d, payload):
        return self.p.fragments(d, UDP, self.seg(d, payload), 6)


class Tcp:
    """TCP connection state that appends frames (or bursts of frames, as tuples) to items."""

    __slots__ = ("ctx", "p", "items", "port", "nxt", "win", "mss")

    def __init__(self, ctx, path, cport, sport, items):
        r = ctx.rng
        self.ctx = ctx
        self.p = path
        self.items = items
        self.port = (cport, sport)
        self.nxt = [r.getrandbits(32), r.getrandbits(32)]
        self.win = (502, 509)  # scaled by 2**7 (window scale option in both SYNs)
        self.mss = path.mss

    def seg(self, d, seq, ack, flags, payload=b"", opts=b"", win=None):
        hdr = pack("!HHIIHHHH", self.port[d], self.port[1 - d], seq & 0xFFFFFFFF,
                   ack & 0xFFFFFFFF if flags & ACK else 0, (20 + len(opts)) << 10 | flags,
                   self.win[d] if win is None else win, 0, 0)
        return self.p.frame(d, TCP, hdr + opts + payload, 16)

    def handshake(self):
        c, s = self.nxt
        # MSS, NOP, window scale 7, NOP, NOP, SACK permitted
        opts = pack("!BBH", 2, 4, self.mss) + b"\x01\x03\x03\x07\x01\x01\x04\x02"
        it = self.items
        it.append(self.seg(0, c, 0, SYN, opts=opts, win=64240))
        it.append(self.seg(1, s, c + 1, SYN | ACK, opts=opts, win=65160))
        it.append(self.seg(0, c + 1, s + 1, ACK))
        self.nxt = [c + 1, s + 1]

    def pure_ack(self, d):
        self.items.append(self.seg(d, self.nxt[d], self.nxt[1 - d], ACK))

    def send(self, d, data, ack=False, anomaly=None):
        """Send data from side d in MSS-sized segments; with ack the peer ACKs every 2 segments and
        at the end. anomaly 'retx' repeats one segment, 'ooo' swaps two adjacent ones."""
        if not data:
            return
        base, rack, mss, n = self.nxt[d], self.nxt[1 - d], self.mss, len(data)
        k = (n + mss - 1) // mss
        r = self.ctx.rng
        ai = -1
        if anomaly == "ooo":
            if k >= 2:
                ai = r.randrange(k - 1)
                self.ctx.anomalies["ooo"] += 1
        elif anomaly == "retx":
            ai = r.randrange(k)
            self.ctx.anomalies["retx"] += 1
        it = self.items

        def mk(i):
            o = i * mss
            return self.seg(d, base + o, rack, ACK | PSH if o + mss >= n else ACK, data[o:o + mss])

        i = since = 0
        while i < k:
            if i == ai and anomaly == "ooo":
                a = mk(i)
                it.append((mk(i + 1), a))
                i += 2
                since += 2
            else:
                f = mk(i)
                it.append((f, mk(i)) if i == ai else f)
                i += 1
                since += 1
            if ack and (since >= 2 or i >= k):
                it.append(self.seg(1 - d, rack, base + min(i * mss, n), ACK))
                since = 0
        self.nxt[d] = base + n

    def close(self, d=0):
        a, b = self.nxt[d], self.nxt[1 - d]
        it = self.items
        it.append(self.seg(d, a, b, FIN | ACK))
        it.append(self.seg(1 - d, b, a + 1, FIN | ACK))
        it.append(self.seg(d, a + 1, b + 1, ACK))
        self.nxt[d], self.nxt[1 - d] = a + 1, b + 1


# ---------------------------------------------------------------------------------------------
# Context: randomness, address allocation, pools
# ---------------------------------------------------------------------------------------------

class Ctx:
    def __init__(self, seed, conformance, anomaly_rate):
        self.rng = r = random.Random(seed)
        self.conformance = conformance
        self.used = set()
        self.gw_mac = bytes((0x00, 0x1b, 0x21, 0x3a, 0x4c, 0x5e))
        self.anom_p = anomaly_rate
        self.vlan_p = (0.12, 0.05) if conformance else (0.08, 0.02)
        self.hbh_p = 0.3 if conformance else 0.15
        self.anomalies = {"retx": 0, "ooo": 0}
        self.features = {"vlan": 0, "qinq": 0, "hbh": 0}
        self.rand_pool = r.randbytes(1 << 17)
        tr = random.Random(1234)
        text = []
        size = 0
        while size < (1 << 16):
            line = " ".join(tr.choice(WORDS) for _ in range(tr.randrange(6, 14)))
            line = "<p>" + line.capitalize() + ".</p>\n"
            text.append(line)
            size += len(line)
        self.text_pool = "".join(text).encode()
        self.web4 = [bytes((10, 200, a, b)) for a in range(4) for b in range(1, 51)]
        self.dns4 = [bytes((10, 200, 53, b)) for b in range(1, 5)]
        self.web6 = [bytes.fromhex("20010db8ffff000100000000000000") + bytes((b,)) for b in range(1, 101)]
        self.dns6 = [bytes.fromhex("20010db8ffff005300000000000000") + bytes((b,)) for b in range(1, 5)]

    def rbytes(self, n):
        o = self.rng.randrange(len(self.rand_pool) - n)
        return self.rand_pool[o:o + n]

    def text(self, n):
        o = self.rng.randrange(len(self.text_pool) - n)
        return self.text_pool[o:o + n]

    def eport(self):
        r = self.rng
        while True:
            p = r.randrange(32768, 61000)
            if p not in BAD_PORTS:
                return p

    def anomaly(self):
        x = self.rng.random()
        if x < self.anom_p:
            return "retx"
        if x < 2 * self.anom_p:
            return "ooo"
        return None

    def name(self):
        r = self.rng
        x = r.random()
        if x < 0.5:
            return "%s.%s" % (r.choice(WORDS), r.choice(DOMAINS))
        if x < 0.8:
            return "%s%d.%s" % (r.choice(WORDS), r.randrange(100), r.choice(DOMAINS))
        return "%s.%s-%d.%s" % (r.choice(WORDS), r.choice(WORDS), r.randrange(1000), r.choice(DOMAINS))

    def endpoints(self, v6, proto, sport, servers, cport=None):
        """Unique (client, server, client port) for a new flow."""
        r = self.rng
        while True:
            if v6:
                c = bytes.fromhex("20010db80001") + r.randbytes(10)
            else:
                c = bytes((10, r.randrange(100), r.randrange(256), r.randrange(1, 255)))
            s = r.choice(servers)
            cp = self.eport() if cport is None else cport
            key = (c, s, cp, sport, proto)
            if key not in self.used:
                self.used.add(key)
                return c, s, cp

    def path(self, v6, c, s, tunnel=None):
        r = self.rng
        tags = ()
        if tunnel is None:
            x = r.random()
            if x < self.vlan_p[1]:
                tags = ((0x88a8, r.randrange(2, 4000)), (0x8100, r.randrange(2, 4000)))
                self.features["qinq"] += 1
            elif x < self.vlan_p[0] + self.vlan_p[1]:
                tags = ((0x8100, r.randrange(2, 4000) | (r.choice((0, 0, 0, 3, 5)) << 13)),)
                self.features["vlan"] += 1
        hbh = v6 and r.random() < self.hbh_p
        if hbh:
            self.features["hbh"] += 1
        return Path(self, v6, c, s, tags, hbh, tunnel)

    def tunnel(self, kind):
        r = self.rng
        a = bytes((10, 250 if kind == "gre" else 251, r.randrange(16), r.randrange(1, 255)))
        b = bytes((10, 250 if kind == "gre" else 251, 100 + r.randrange(16), r.randrange(1, 255)))
        if kind == "gre":
            return ["gre", a, b, [r.getrandbits(16), r.getrandbits(16)]]
        ma = b"\x02\x42" + r.randbytes(4)
        mb = b"\x02\x42" + r.randbytes(4)
        vni = r.randrange(1, 1 << 24)
        return ["vxlan", a, b, [r.getrandbits(16), r.getrandbits(16)], (self.eport(), self.eport()),
                (mb + ma, ma + mb), None, pack("!II", 0x08000000, vni << 8)]

    def tcp(self, items, v6, sport, servers, tunnel=None):
        c, s, cp = self.endpoints(v6, TCP, sport, servers)
        return Tcp(self, self.path(v6, c, s, tunnel), cp, sport, items)

    def udp(self, v6, sport, servers, tunnel=None):
        c, s, cp = self.endpoints(v6, UDP, sport, servers)
        return Udp(self.path(v6, c, s, tunnel), cp, sport)


# ---------------------------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------------------------

def http_request(ctx, host):
    r = ctx.rng
    lines = []
    body = b""
    if r.random() < 0.2:
        p = r.choice(POST_PATHS)
        if r.random() < 0.5:
            body = ("user=%s&pass=s3cr%%21t%d&remember=1&note=%s" % (
                r.choice(WORDS), r.randrange(1000), r.choice(QUERIES))).encode()
            ctype = "application/x-www-form-urlencoded"
        else:
            body = ('{"name":"%s","qty":%d,"tags":["%s","%s"]}' % (
                r.choice(WORDS), r.randrange(100), r.choice(WORDS), r.choice(WORDS))).encode()
            ctype = "application/json"
        lines.append("POST %s HTTP/1.1" % p)
    else:
        p = r.choice(GET_PATHS).format(q=r.choice(QUERIES), n=r.randrange(10000))
        lines.append("GET %s HTTP/1.1" % p)
    lines.append("Host: %s" % host)
    lines.append("User-Agent: %s" % r.choice(USER_AGENTS))
    lines.append("Accept: %s" % r.choice(ACCEPTS))
    if r.random() < 0.5:
        lines.append("Accept-Language: en-US,en;q=0.5")
    if r.random() < 0.4:
        lines.append("Cookie: session=%s; theme=%s" % (ctx.rbytes(12).hex(), r.choice(("dark", "light"))))
    if r.random() < 0.35:
        lines.append("Referer: http://%s/%s.html" % (host, r.choice(WORDS)))
    if body:
        lines.append("Content-Type: %s" % ctype)
        lines.append("Content-Length: %d" % len(body))
    lines.append("Connection: keep-alive")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def http_response(ctx, host, chunked, mss):
    r = ctx.rng
    x = r.random()
    date = "Date: Fri, 04 Dec 2026 %02d:%02d:%02d GMT" % (r.randrange(1), r.randrange(60), r.randrange(60))
    server = "Server: %s" % r.choice(("nginx/1.22.1", "Apache/2.4.62 (Debian)", "Caddy"))
    if x < 0.12 and not chunked:
        body = (b"<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1>"
                b"<p>The requested URL was not found on this server.</p></body></html>\n")
        head = ["HTTP/1.1 404 Not Found", server, date, "Content-Type: text/html; charset=iso-8859-1"]
    elif x < 0.25 and not chunked:
        loc = "http://%s/%s/" % (host, r.choice(WORDS))
        body = ("<html><head><title>301 Moved Permanently</title></head><body><h1>Moved</h1>"
                "<p>The document has moved <a href=\"%s\">here</a>.</p></body></html>\n" % loc).encode()
        head = ["HTTP/1.1 301 Moved Permanently", server, date, "Location: %s" % loc,
                "Content-Type: text/html; charset=iso-8859-1"]
    else:
        n = int(r.triangular(200, 8192, 1200))
        content = (b"<!DOCTYPE html>\n<html><head><title>" + r.choice(WORDS).encode()
                   + b"</title></head><body>\n")
        content += ctx.text(n) + b"\n</body></html>\n"
        head = ["HTTP/1.1 200 OK", server, date, "Content-Type: text/html; charset=utf-8"]
        if r.random() < 0.3:
            head.append("Set-Cookie: id=%s; Path=/; HttpOnly" % ctx.rbytes(8).hex())
        if chunked:
            head.append("Transfer-Encoding: chunked")
            parts = []
            o = 0
            while o < len(content):
                k = r.randrange(100, 2000)
                c = content[o:o + k]
                parts.append(b"%x\r\n" % len(c) + c + b"\r\n")
                o += k
            head.append("Connection: keep-alive")
            hb = ("\r\n".join(head) + "\r\n\r\n").encode()
            # tshark 4.0 reports the chunked PDU as malformed when a segment boundary falls inside
            # the final "0\r\n\r\n"; add a small chunk until the last segment holds all of it.
            while 0 < (len(hb) + sum(map(len, parts)) + 5) % mss < 5:
                parts.append(b"a\r\n" + ctx.text(10) + b"\r\n")
            parts.append(b"0\r\n\r\n")
            return hb + b"".join(parts)
        body = content
    head.append("Content-Length: %d" % len(body))
    head.append("Connection: keep-alive")
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


def gen_http(ctx, port=80, v6=False, tunnel=None):
    r = ctx.rng
    items = []
    t = ctx.tcp(items, v6, port, ctx.web6 if v6 else ctx.web4, tunnel)
    t.handshake()
    host = ctx.name()
    if port != 80:
        host += ":%d" % port
    nreq = r.randint(1, 3)
    chunk_i = r.randrange(nreq) if r.random() < 0.3 else -1
    for i in range(nreq):
        req = http_request(ctx, host)
        if r.random() < 0.12:
            cut = r.randrange(1, len(req))
            t.send(0, req[:cut])
            t.pure_ack(1)
            t.send(0, req[cut:])
        else:
            t.send(0, req)
        t.send(1, http_response(ctx, host, i == chunk_i, t.mss), ack=True, anomaly=ctx.anomaly())
    t.close()
    return items


# ---------------------------------------------------------------------------------------------
# DNS
# ---------------------------------------------------------------------------------------------

class DnsMsg:
    __slots__ = ("b", "comp")

    def __init__(self, qid, flags, qd, an, ns, ar):
        self.b = bytearray(pack("!HHHHHH", qid, flags, qd, an, ns, ar))
        self.comp = {}

    def name(self, name):
        b, comp = self.b, self.comp
        labels = name.split(".")
        for i in range(len(labels)):
            suf = ".".join(labels[i:])
            p = comp.get(suf)
            if p is not None:
                b += pack("!H", 0xC000 | p)
                return
            if len(b) < 0x3FFF:
                comp[suf] = len(b)
            lab = labels[i].encode()
            b.append(len(lab))
            b += lab
        b.append(0)

    def question(self, name, qtype):
        self.name(name)
        self.b += pack("!HH", qtype, 1)

    def rr(self, name, rtype, ttl, rdata=b"", names=()):
        """Resource record; rdata bytes are followed by compressed names (CNAME/MX/SOA targets)."""
        self.name(name)
        self.b += pack("!HHIH", rtype, 1, ttl, 0)
        start = len(self.b)
        self.b += rdata
        for n in names:
            self.name(n)
        if rtype == 6:
            self.b += pack("!IIIII", 2026120401, 7200, 3600, 1209600, 300)
        self.b[start - 2:start] = pack("!H", len(self.b) - start)

    def opt(self, size):
        self.b += b"\x00" + pack("!HHIH", 41, size, 0, 0)


def dns_query(qid, name, qtype, edns):
    m = DnsMsg(qid, 0x0100, 1, 0, 0, 1 if edns else 0)
    m.question(name, qtype)
    if edns:
        m.opt(1232)
    return bytes(m.b)


def dns_answers(ctx, name, qtype, big=False):
    """List of (name, type, ttl, rdata, names) answers; None means NXDOMAIN."""
    r = ctx.rng
    if not big and r.random() < 0.05:
        return None
    ans = []
    cur = name
    ttl = r.choice((30, 60, 300, 3600, 86400))
    base = name.split(".", 1)[1] if "." in name else name
    if qtype in (1, 28) and r.random() < 0.3:
        for j in range(r.randint(1, 3)):
            tgt = "%s%d.%s.%s" % (r.choice(("edge", "lb", "cdn", "ghs", "star")), r.randrange(50),
                                  r.choice(("cdn", "g", "akam", "fastly")), base if j == 0 else cur.split(".", 1)[1])
            ans.append((cur, 5, ttl, b"", (tgt,)))
            cur = tgt
    if qtype == 1:
        for _ in range(r.randint(110, 150) if big else r.randint(1, 4)):
            ans.append((cur, 1, ttl, bytes((10, 201, r.randrange(256), r.randrange(1, 255))), ()))
    elif qtype == 28:
        for _ in range(r.randint(1, 2)):
            ans.append((cur, 28, ttl, bytes.fromhex("20010db8cafe0000") + r.randbytes(8), ()))
    elif qtype == 15:
        for j in range(r.randint(1, 3)):
            ans.append((cur, 15, ttl, pack("!H", 10 * (j + 1)), ("mx%d.%s" % (j + 1, base),)))
    elif qtype == 16:
        k = r.randint(12, 24) if big else r.randint(1, 3)
        for j in range(k):
            if j == 0:
                s = b"v=spf1 include:_spf.%s ~all" % base.encode()
            else:
                s = b"verification=" + ctx.rbytes(r.randrange(20, 90)).hex().encode()
            ans.append((cur, 16, ttl, v8(s[:255]), ()))
    return ans


def dns_response(ctx, qid, name, qtype, edns, big=False):
    ans = dns_answers(ctx, name, qtype, big)
    if ans is None:
        m = DnsMsg(qid, 0x8183, 1, 0, 1, 1 if edns else 0)
        m.question(name, qtype)
        zone = name.split(".", 1)[1] if "." in name else name
        m.rr(zone, 6, 300, b"", ("ns1." + zone, "hostmaster." + zone))
    else:
        m = DnsMsg(qid, 0x8180, 1, len(ans), 0, 1 if edns else 0)
        m.question(name, qtype)
        for a in ans:
            m.rr(*a)
    if edns:
        m.opt(4096 if big else 1232)
    return bytes(m.b)


def gen_dns(ctx, v6=False, tunnel=None, npk=None):
    """UDP DNS: 1 query+response, or A+AAAA pair (4 packets); npk=1/2 forces a short flow."""
    r = ctx.rng
    u = ctx.udp(v6, 53, ctx.dns6 if v6 else ctx.dns4, tunnel)
    name = ctx.name()
    edns = r.random() < 0.3
    if npk == 1:
        return [u.frame(0, dns_query(r.getrandbits(16), name, 1, edns))]
    if npk is None and r.random() < 0.3:
        q1 = r.getrandbits(16)
        q2 = (q1 + 1 + r.getrandbits(15)) & 0xFFFF
        return [u.frame(0, dns_query(q1, name, 1, edns)), u.frame(0, dns_query(q2, name, 28, edns)),
                u.frame(1, dns_response(ctx, q1, name, 1, edns)),
                u.frame(1, dns_response(ctx, q2, name, 28, edns))]
    qt = r.choice((1, 1, 1, 1, 28, 28, 15, 16))
    q = r.getrandbits(16)
    return [u.frame(0, dns_query(q, name, qt, edns)), u.frame(1, dns_response(ctx, q, name, qt, edns))]


def gen_dns_frag(ctx):
    """Large EDNS response (TXT or many A) fragmented over IPv4."""
    r = ctx.rng
    u = ctx.udp(False, 53, ctx.dns4)
    name = ctx.name()
    qt = r.choice((16, 16, 1))
    q = r.getrandbits(16)
    resp = dns_response(ctx, q, name, qt, True, big=True)
    while len(resp) < 1600:
        resp = dns_response(ctx, q, name, qt, True, big=True)
    return [u.frame(0, dns_query(q, name, qt, True))] + u.fragments(1, resp)


def gen_dns_tcp(ctx):
    r = ctx.rng
    items = []
    t = ctx.tcp(items, False, 53, ctx.dns4)
    t.handshake()
    for _ in range(r.randint(1, 2)):
        name = ctx.name()
        qt = r.choice((1, 15, 16, 28))
        q = r.getrandbits(16)
        t.send(0, v16(dns_query(q, name, qt, False)))
        t.send(1, v16(dns_response(ctx, q, name, qt, False, big=r.random() < 0.3)), ack=True)
    t.close()
    return items


# ---------------------------------------------------------------------------------------------
# TLS
# ---------------------------------------------------------------------------------------------

def ext(t, body):
    return pack("!HH", t, len(body)) + body


def client_hello(ctx, sni, alpn, tls13):
    r = ctx.rng
    grease = tls13 and r.random() < 0.7
    g = r.sample(GREASE, 4)
    if tls13:
        suites = ([g[0]] + list(CHROME_SUITES)) if grease else list(FIREFOX_SUITES)
    else:
        suites = list(TLS12_SUITES)
    exts = []
    if grease:
        exts.append(ext(g[1], b""))
    exts.append(ext(0, v16(b"\x00" + v16(sni.encode()))))
    exts.append(ext(23, b""))
    exts.append(ext(0xff01, b"\x00"))
    groups = ([g[2]] if grease else []) + [0x001d, 0x0017, 0x0018]
    exts.append(ext(10, v16(u16s(groups))))
    exts.append(ext(11, v8(b"\x00")))
    exts.append(ext(35, b""))
    if alpn:
        exts.append(ext(16, v16(b"".join(v8(a) for a in alpn))))
    exts.append(ext(5, b"\x01\x00\x00\x00\x00"))
    exts.append(ext(13, v16(u16s(SIG_ALGS))))
    if tls13:
        exts.append(ext(18, b""))
        ks = (pack("!H", g[2]) + v16(b"\x00") if grease else b"") + pack("!H", 0x001d) + v16(ctx.rbytes(32))
        exts.append(ext(51, v16(ks)))
        exts.append(ext(45, v8(b"\x01")))
        exts.append(ext(43, v8(u16s(([g[3]] if grease else []) + [0x0304, 0x0303]))))
        exts.append(ext(27, v8(b"\x00\x02")))
    if grease:
        exts.append(ext(g[1] ^ 0x1010, b"\x00"))
    body = (b"\x03\x03" + ctx.rbytes(32) + v8(ctx.rbytes(32) if tls13 else b"") + v16(u16s(suites))
            + b"\x01\x00" + v16(b"".join(exts)))
    return b"\x16\x03\x01" + v16(b"\x01" + v24(body))


def rec(ctype, body):
    return bytes((ctype, 3, 3)) + v16(body)


def app_data(ctx, n):
    return rec(0x17, ctx.rbytes(n))


def gen_tls(ctx, port=443, v6=False, tls13=True, tunnel=None):
    r = ctx.rng
    items = []
    t = ctx.tcp(items, v6, port, ctx.web6 if v6 else ctx.web4, tunnel)
    t.handshake()
    sni = "secure.example.com" if not tls13 else ctx.name()
    alpn = r.choice(ALPNS) if r.random() < 0.85 else ()
    ch = client_hello(ctx, sni, alpn, tls13)
    if r.random() < 0.15:
        cut = r.randrange(10, len(ch) - 10)
        t.send(0, ch[:cut])
        t.send(0, ch[cut:])
    else:
        t.send(0, ch)
    sid = ch[44:76] if tls13 else b""
    chosen = alpn[0] if alpn else None
    if tls13:
        sh = (b"\x03\x03" + ctx.rbytes(32) + v8(sid) + pack("!H", r.choice((0x1301, 0x1302, 0x1303)))
              + b"\x00" + v16(ext(43, pack("!H", 0x0304)) + ext(51, pack("!H", 0x001d) + v16(ctx.rbytes(32)))))
        flight = rec(0x16, b"\x02" + v24(sh)) + rec(0x14, b"\x01") + app_data(ctx, r.randrange(1800, 4200))
        t.send(1, flight, ack=True, anomaly=ctx.anomaly())
        t.send(0, rec(0x14, b"\x01") + app_data(ctx, 53) + app_data(ctx, r.randrange(80, 600)))
        t.send(1, app_data(ctx, 250) + app_data(ctx, 250) + app_data(ctx, r.randrange(100, 9000)),
               ack=True, anomaly=ctx.anomaly())
    else:
        exts = ext(0xff01, b"\x00") + ext(11, v8(b"\x00")) + ext(23, b"")
        if chosen:
            exts += ext(16, v16(v8(chosen)))
        sh = b"\x03\x03" + ctx.rbytes(32) + v8(ctx.rbytes(32)) + pack("!H", 0xc02f) + b"\x00" + v16(exts)
        ske = b"\x03" + pack("!H", 0x001d) + v8(ctx.rbytes(32)) + pack("!H", 0x0804) + v16(ctx.rbytes(256))
        flight = (rec(0x16, b"\x02" + v24(sh)) + rec(0x16, b"\x0b" + v24(v24(v24(CERT_DER))))
                  + rec(0x16, b"\x0c" + v24(ske) + b"\x0e\x00\x00\x00"))
        t.send(1, flight, ack=True, anomaly=ctx.anomaly())
        t.send(0, rec(0x16, b"\x10" + v24(v8(ctx.rbytes(32)))) + rec(0x14, b"\x01") + rec(0x16, ctx.rbytes(40)))
        t.send(1, rec(0x14, b"\x01") + rec(0x16, ctx.rbytes(40)))
        t.send(0, app_data(ctx, r.randrange(80, 600)))
        t.send(1, app_data(ctx, r.randrange(100, 9000)), ack=True, anomaly=ctx.anomaly())
    for _ in range(r.randint(0, 2)):
        t.send(0, app_data(ctx, r.randrange(60, 700)))
        t.send(1, app_data(ctx, r.randrange(60, 6000)), ack=True)
    t.send(0, rec(0x15, ctx.rbytes(26 if tls13 else 24)))
    t.close()
    return items


# ---------------------------------------------------------------------------------------------
# SSH, MQTT, CoAP, ICMP, plain fragmented UDP
# ---------------------------------------------------------------------------------------------

def ssh_packet(payload):
    pad = 8 - (len(payload) + 5) % 8
    if pad < 4:
        pad += 8
    return pack("!IB", len(payload) + pad + 1, pad) + payload + bytes(pad)


def ssh_kexinit(ctx, server):
    lists = (b"curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,diffie-hellman-group14-sha256"
             + (b"" if server else b",ext-info-c,kex-strict-c-v00@openssh.com"),
             b"ssh-ed25519,ecdsa-sha2-nistp256,rsa-sha2-512,rsa-sha2-256",
             b"chacha20-poly1305@openssh.com,aes128-ctr,aes256-gcm@openssh.com",
             b"chacha20-poly1305@openssh.com,aes128-ctr,aes256-gcm@openssh.com",
             b"umac-64-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-256",
             b"umac-64-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-256",
             b"none,zlib@openssh.com", b"none,zlib@openssh.com", b"", b"")
    return ssh_packet(b"\x14" + ctx.rbytes(16) + b"".join(pack("!I", len(x)) + x for x in lists) + b"\x00" + bytes(4))


def sstr(b):
    return pack("!I", len(b)) + b


def gen_ssh(ctx):
    r = ctx.rng
    items = []
    v6 = r.random() < 0.15
    t = ctx.tcp(items, v6, 22, ctx.web6 if v6 else ctx.web4)
    t.handshake()
    t.send(1, r.choice((b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n", b"SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.10\r\n",
                        b"SSH-2.0-dropbear_2022.83\r\n")))
    t.send(0, r.choice((b"SSH-2.0-OpenSSH_9.6\r\n", b"SSH-2.0-PuTTY_Release_0.81\r\n", b"SSH-2.0-libssh2_1.11.0\r\n")))
    t.send(0, ssh_kexinit(ctx, False))
    t.send(1, ssh_kexinit(ctx, True))
    t.send(0, ssh_packet(b"\x1e" + sstr(ctx.rbytes(32))))
    hostkey = sstr(b"ssh-ed25519") + sstr(ctx.rbytes(32))
    sig = sstr(b"ssh-ed25519") + sstr(ctx.rbytes(64))
    t.send(1, ssh_packet(b"\x1f" + sstr(hostkey) + sstr(ctx.rbytes(32)) + sstr(sig)) + ssh_packet(b"\x15"),
           ack=True)
    t.send(0, ssh_packet(b"\x15"))
    # chacha20-poly1305: 4-byte encrypted length, payload (multiple of 8), 16-byte tag: opaque here
    for _ in range(r.randint(2, 8)):
        t.send(0, ctx.rbytes(4 + 8 * r.randint(2, 12) + 16))
        t.send(1, ctx.rbytes(4 + 8 * r.randint(2, 60) + 16), ack=r.random() < 0.5)
    t.close()
    return items


def mqtt(ptype, flags, body):
    rl = len(body)
    enc = bytearray()
    while True:
        b = rl & 0x7F
        rl >>= 7
        enc.append(b | 0x80 if rl else b)
        if not rl:
            break
    return bytes((ptype << 4 | flags,)) + enc + body


def gen_mqtt(ctx):
    r = ctx.rng
    items = []
    t = ctx.tcp(items, False, 1883, ctx.web4)
    t.handshake()
    cid = b"client-" + ctx.rbytes(4).hex().encode()
    if r.random() < 0.4:
        connect = mqtt(1, 0, v16(b"MQTT") + b"\x04\xc2" + pack("!H", 60) + v16(cid) + v16(b"sensor")
                       + v16(b"p4ssw0rd"))
    else:
        connect = mqtt(1, 0, v16(b"MQTT") + b"\x04\x02" + pack("!H", 60) + v16(cid))
    t.send(0, connect)
    t.send(1, mqtt(2, 0, b"\x00\x00"))
    pid = r.randrange(1, 1000)
    topic = r.choice(MQTT_TOPICS)
    t.send(0, mqtt(8, 2, pack("!H", pid) + v16(topic) + bytes((r.randrange(2),))))
    t.send(1, mqtt(9, 0, pack("!H", pid) + b"\x00"))
    for _ in range(r.randint(1, 5)):
        pid += 1
        pt = topic.replace(b"+", b"dev%d" % r.randrange(10))
        payload = b'{"t":%d.%d,"seq":%d}' % (r.randrange(15, 30), r.randrange(10), pid)
        x = r.random()
        if x < 0.4:
            t.send(1, mqtt(3, 0, v16(pt) + payload))
        elif x < 0.8:
            t.send(0, mqtt(3, 2, v16(pt) + pack("!H", pid) + payload))
            t.send(1, mqtt(4, 0, pack("!H", pid)))
        else:
            t.send(0, b"\xc0\x00")
            t.send(1, b"\xd0\x00")
    t.send(0, b"\xe0\x00")
    t.close()
    return items


def coap_opts(opts):
    out = b""
    last = 0
    for num, val in opts:
        delta, last = num - last, num
        hd, ed = (delta, b"") if delta < 13 else (13, bytes((delta - 13,)))
        n = len(val)
        hl, el = (n, b"") if n < 13 else (13, bytes((n - 13,)))
        out += bytes((hd << 4 | hl,)) + ed + el + val
    return out


def gen_coap(ctx):
    r = ctx.rng
    v6 = r.random() < 0.2
    u = ctx.udp(v6, 5683, ctx.web6 if v6 else ctx.web4)
    items = []
    mid = r.getrandbits(16)
    for _ in range(r.randint(1, 2)):
        tok = ctx.rbytes(r.choice((2, 4, 8)))
        segs = r.choice(((b"sensors", b"temp"), (b".well-known", b"core"), (b"actuators", b"led", b"1"),
                         (b"firmware", b"version")))
        opts = [(11, s) for s in segs]
        if r.random() < 0.3:
            opts.append((15, b"unit=celsius"))
        items.append(u.frame(0, bytes((0x40 | len(tok), 0x01)) + pack("!H", mid) + tok + coap_opts(opts)))
        if r.random() < 0.15:
            items.append(u.frame(1, bytes((0x60 | len(tok), 0x84)) + pack("!H", mid) + tok))
        else:
            payload = b'{"value":%d.%d,"unit":"C"}' % (r.randrange(15, 30), r.randrange(10))
            items.append(u.frame(1, bytes((0x60 | len(tok), 0x45)) + pack("!H", mid) + tok
                                 + coap_opts([(12, b"\x32"), (14, b"\x3c")]) + b"\xff" + payload))
        mid = (mid + 1) & 0xFFFF
    return items


def gen_icmp(ctx, v6=False):
    r = ctx.rng
    ident = r.getrandbits(16)
    c, s, _ = ctx.endpoints(v6, ICMP6 if v6 else ICMP, ident, ctx.web6 if v6 else ctx.web4, cport=0)
    p = ctx.path(v6, c, s)
    proto = ICMP6 if v6 else ICMP
    req, rep = (128, 129) if v6 else (8, 0)
    items = []
    seq = r.randrange(1, 5)
    for _ in range(r.randint(1, 4)):
        payload = ctx.rbytes(8) + bytes(range(0x10, 0x38))
        for d, typ in ((0, req), (1, rep)):
            items.append(p.frame(d, proto, pack("!BBHHH", typ, 0, 0, ident, seq) + payload, 2))
        seq += 1
    return items


def gen_udp_frag(ctx, v6=False):
    """Plain UDP datagrams of ~1800-3000 bytes to port 40000, fragmented (IPv4 or IPv6)."""
    r = ctx.rng
    u = ctx.udp(v6, 40000, ctx.web6 if v6 else ctx.web4)
    items = []
    for i in range(r.randint(1, 2)):
        n = r.randrange(1800, 3000) if i else 1800
        data = (b"BULK %06d " % i) + ctx.text(n - 12)
        items.extend(u.fragments(0, data))
        items.append(u.frame(1, b"ACK %06d len=%d\n" % (i, n)))
    return items


# ---------------------------------------------------------------------------------------------
# Kinds and the scheduler
# ---------------------------------------------------------------------------------------------

def gen_gre_tcp(ctx):
    return gen_http(ctx, 80, tunnel=ctx.tunnel("gre"))


def gen_vxlan_tcp(ctx):
    if ctx.rng.random() < 0.5:
        return gen_tls(ctx, 443, tunnel=ctx.tunnel("vxlan"))
    return gen_http(ctx, 80, tunnel=ctx.tunnel("vxlan"))


# (name, short flow?, weight, generator)
KINDS = (
    ("http", False, 30, lambda c: gen_http(c, 80)),
    ("http_8080", False, 4, lambda c: gen_http(c, 8080)),
    ("http_8888", False, 2, lambda c: gen_http(c, 8888)),
    ("http_v6", False, 6, lambda c: gen_http(c, 80, v6=True)),
    ("tls13", False, 14, lambda c: gen_tls(c, 443)),
    ("tls13_4433", False, 2, lambda c: gen_tls(c, 4433)),
    ("tls13_v6", False, 3, lambda c: gen_tls(c, 443, v6=True)),
    ("tls12_cert", False, 5, lambda c: gen_tls(c, 443, tls13=False)),
    ("ssh", False, 4, gen_ssh),
    ("mqtt", False, 4, gen_mqtt),
    ("dns_tcp", False, 2, gen_dns_tcp),
    ("gre_http", False, 3, gen_gre_tcp),
    ("vxlan_tcp", False, 3, gen_vxlan_tcp),
    ("dns", True, 40, lambda c: gen_dns(c)),
    ("dns_v6", True, 10, lambda c: gen_dns(c, v6=True)),
    ("dns_frag", True, 3, gen_dns_frag),
    ("coap", True, 6, gen_coap),
    ("icmp", True, 6, lambda c: gen_icmp(c)),
    ("icmp6", True, 3, lambda c: gen_icmp(c, v6=True)),
    ("udp_frag", True, 3, lambda c: gen_udp_frag(c)),
    ("udp6_frag", True, 2, lambda c: gen_udp_frag(c, v6=True)),
    ("gre_dns", True, 2, lambda c: gen_dns(c, tunnel=c.tunnel("gre"))),
    ("vxlan_dns", True, 2, lambda c: gen_dns(c, tunnel=c.tunnel("vxlan"))),
)


DNS_KIND = next(k for k in KINDS if k[0] == "dns")


def npackets(items):
    return sum(len(x) if type(x) is tuple else 1 for x in items)


def generate(args):
    t0 = time.perf_counter()
    conf = args.profile == "conformance"
    n_target = args.packets if args.packets is not None else (5000 if conf else 1_000_000)
    fpt = args.flows_per_thousand if args.flows_per_thousand is not None else (100.0 if conf else 80.0)
    conc = args.concurrency if args.concurrency is not None else (24 if conf else 400)
    arate = args.anomaly_rate if args.anomaly_rate is not None else (0.06 if conf else 0.01)
    ctx = Ctx(args.seed, conf, arate)
    r = ctx.rng
    short = [k for k in KINDS if k[1]]
    long_ = [k for k in KINDS if not k[1]]
    sw = [k[2] for k in short]
    lw = [k[2] for k in long_]
    queue = [k for _ in range(3) for k in KINDS] if conf else []
    queue.reverse()
    stats = {k[0]: [0, 0] for k in KINDS}
    active = []
    committed = emitted = started = nbytes = 0
    ts = START_TS
    out = open(args.out, "wb", buffering=1 << 20)
    out.write(pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    buf = []
    rec_hdr = struct.Struct("<IIII").pack
    randbits = r.getrandbits
    randrange = r.randrange
    while emitted < n_target:
        while len(active) < conc and committed < n_target:
            budget = n_target - committed
            if queue:
                kind = queue.pop()
            elif started * 1000 < fpt * committed:
                kind = r.choices(short, sw)[0]
            else:
                kind = r.choices(long_, lw)[0]
            saved = (dict(ctx.anomalies), dict(ctx.features))
            items = kind[3](ctx)
            n = npackets(items)
            if n > budget:  # last flows: fill the exact packet count with DNS (counters of the dropped flow undone)
                ctx.anomalies, ctx.features = saved
                kind = DNS_KIND
                items = gen_dns(ctx, npk=1 if budget == 1 else 2)
                n = len(items)
            st = stats[kind[0]]
            st[0] += 1
            st[1] += n
            active.append([items, 0])
            committed += n
            started += 1
        i = randrange(len(active))
        fl = active[i]
        items = fl[0]
        item = items[fl[1]]
        fl[1] += 1
        if fl[1] == len(items):
            active[i] = active[-1]
            active.pop()
        ts += 1 + randbits(7)
        if type(item) is tuple:
            for k, f in enumerate(item):
                t = ts + k * 3
                n = len(f)
                buf.append(rec_hdr(t // 1_000_000, t % 1_000_000, n, n))
                buf.append(f)
                nbytes += n
                emitted += 1
            ts += 3 * (len(item) - 1)
        else:
            n = len(item)
            buf.append(rec_hdr(ts // 1_000_000, ts % 1_000_000, n, n))
            buf.append(item)
            nbytes += n
            emitted += 1
        if len(buf) > 8192:
            out.write(b"".join(buf))
            buf.clear()
    out.write(b"".join(buf))
    out.close()
    secs = time.perf_counter() - t0
    e = sys.stderr
    e.write("wrote %s: %d packets, %d frame bytes (%d file bytes), %d flows (%.1f per 1000 packets), "
            "profile %s, seed %d\n" % (args.out, emitted, nbytes, 24 + 16 * emitted + nbytes, started,
                                       1000.0 * started / max(emitted, 1), args.profile, args.seed))
    e.write("capture span %.1f s of traffic starting 2026-12-04T00:00:00Z\n" % ((ts - START_TS) / 1e6))
    e.write("%-12s %8s %9s\n" % ("kind", "flows", "packets"))
    for k in KINDS:
        e.write("%-12s %8d %9d\n" % (k[0], stats[k[0]][0], stats[k[0]][1]))
    e.write("features: %s; tcp anomalies: %s\n" % (
        ", ".join("%s flows=%d" % kv for kv in ctx.features.items()),
        ", ".join("%s=%d" % kv for kv in ctx.anomalies.items())))
    e.write("seconds taken: %.2f (%.0f packets/s)\n" % (secs, emitted / secs if secs else 0))


def main():
    ap = argparse.ArgumentParser(
        description="Deterministic generator of realistic mixed-traffic pcaps (classic pcap, "
                    "microsecond timestamps, Ethernet). Same arguments give a byte-identical file.")
    ap.add_argument("--out", required=True, help="output pcap file")
    ap.add_argument("--packets", type=int, default=None,
                    help="exact number of packets to write (default 1000000 for bench, 5000 for conformance)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--flows-per-thousand", type=float, default=None,
                    help="target number of new flows per 1000 packets (default 80 bench, 100 conformance); "
                         "reached by shifting the mix between short flows (DNS, ICMP, CoAP, fragmented UDP: "
                         "1-6 packets) and long ones (HTTP, TLS, SSH, MQTT, tunnels: 10-60 packets); "
                         "feasible range roughly 55..450; the achieved rate is printed")
    ap.add_argument("--profile", choices=("bench", "conformance"), default="bench",
                    help="bench: large, weighted mix; conformance: small, every kind at least 3 times, "
                         "more VLAN/QinQ, hop-by-hop and TCP retransmission/out-of-order cases")
    ap.add_argument("--concurrency", type=int, default=None,
                    help="number of flows interleaved at any time (default 400 bench, 24 conformance)")
    ap.add_argument("--anomaly-rate", type=float, default=None,
                    help="probability that a TCP data burst (HTTP response, TLS server flight) gets a "
                         "retransmitted segment, and the same again for an out-of-order pair "
                         "(default 0.01 bench, 0.06 conformance; 0 disables both)")
    args = ap.parse_args()
    if args.packets is not None and args.packets < 1:
        ap.error("--packets must be >= 1")
    generate(args)


if __name__ == "__main__":
    main()
