#!/usr/bin/python3
"""Deterministic generator of attack-scenario pcaps for the rustids behaviour detectors.

Standard library only. Every packet is well formed (Ethernet II, IPv4 with a correct header checksum,
TCP/UDP/ICMP with correct checksums, consistent lengths and TCP sequence/ack numbers). Each scenario has
its own fixed seed, so the same arguments always give byte-identical files. All captures start at
2026-12-04 00:00:00 UTC. Attackers are in 203.0.113.0/24, internal hosts in 192.168.0.0/16, external
servers in 198.51.100.0/24; spoofed sources are random public unicast addresses.

Scenarios (file -> content):
  portscan-fast.pcap          203.0.113.10 SYNs ports 1..500 of 192.168.1.20 in 5 s; RST|ACK except 22/80/443 (SYN-ACK, then RST)
  portscan-slow.pcap          203.0.113.11 SYNs 40 ports (1000..1039) of 192.168.1.21, one per 20 s, all refused (RST|ACK)
  portscan-horizontal.pcap    203.0.113.12 SYNs 445 on 192.168.2.1..254 within 30 s; 64 hosts refuse, the rest stay silent
  synflood-spoofed.pcap       5,000 SYNs from ~3,300 spoofed sources to 192.168.1.30:80 in 5 s, first 1,000 SYN-ACKed; 5 real HTTP sessions
  synflood-single.pcap        203.0.113.13 sends 2,000 SYNs (new source port each) to 192.168.1.31:443 in 4 s, no answers
  bruteforce-ssh.pcap         203.0.113.14 opens 40 SSH sessions to 192.168.1.22:22, one per 1.5 s, each closed by the server after 1.2 s
  bruteforce-http.pcap        203.0.113.15 POSTs /wp-login.php to 192.168.1.23:80 30 times in 60 s (one connection each)
  dns-tunnel.pcap             192.168.1.40 asks 192.168.1.1 200 TXT queries <52 base32>.<n>.t.evil-tunnel.com in 100 s, all answered
  icmp-flood.pcap             203.0.113.16 pings 192.168.1.24 2,000 times in 5 s (id 0x4242, seq 1..2000), all answered
  ping-sweep.pcap             203.0.113.17 pings 192.168.3.1..254 once each within 20 s; hosts .5, .10, ... .250 reply
  icmp-flood-distributed.pcap 1,000 spoofed sources ping 192.168.1.25 3 times each within 5 s, no replies
  exfil-volume.pcap           192.168.1.50 -> 198.51.100.50:443: a small upload a minute, 12 MiB at 20:30 (in 25 s), then 2 small
  exfil-lowslow.pcap          192.168.1.51 -> 198.51.100.51:8443: one 45-minute connection, 1 KiB up every 5 s, 40 B down a minute
  anomaly-host.pcap           192.168.1.60: 2 HTTPS connections per 10 s for 35 min, then 60 per 10 s (20 kB down each) for 3 min
  benign.pcap                 8 minutes of HTTP, TLS, DNS, NTP and SSH from 192.168.10.11..20 that should raise nothing
"""

import argparse
import calendar
import os
import random
import struct
import sys
import zlib
from collections import deque
from email.utils import formatdate

pack = struct.pack

START = calendar.timegm((2026, 12, 4, 0, 0, 0))  # seconds since the epoch of every capture's t = 0
FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10
ICMP, TCP, UDP = 1, 6, 17
MASK32 = 0xFFFFFFFF
MSS_OPT = pack("!BBH", 2, 4, 1460)
SEG = 1448  # bytes of payload per full-size data segment
ROUTER_MAC = bytes.fromhex("0200c0a80001")  # default gateway: every packet to or from outside uses it

# Ephemeral ports that tshark 4.0 maps to a dissector; avoided as client ports (see gen-pcap.py).
BAD_PORTS = frozenset((
    34962, 34980, 37008, 41170, 44321, 44322, 44818, 45564, 47000, 47808, 48049, 48898, 49999,
    54328, 56000, 56001, 56500, 56501, 57000, 57001, 57032, 57033, 57500, 57501, 57532, 57533,
    59000, 59001, 59032, 59033, 59500, 59501, 59532, 59533, 60001))
EPHEMERAL = tuple(p for p in range(32768, 61000) if p not in BAD_PORTS)

# Networks a spoofed "public" source must not fall in.
NOT_PUBLIC = tuple((int.from_bytes(bytes(map(int, n.split("."))), "big"), p) for n, p in (
    ("0.0.0.0", 8), ("10.0.0.0", 8), ("100.64.0.0", 10), ("127.0.0.0", 8), ("169.254.0.0", 16),
    ("172.16.0.0", 12), ("192.0.0.0", 24), ("192.0.2.0", 24), ("192.168.0.0", 16), ("198.18.0.0", 15),
    ("198.51.100.0", 24), ("203.0.113.0", 24), ("224.0.0.0", 3)))

SSH_SERVER_BANNER = b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n"
PASSWORDS = ("123456 password qwerty letmein dragon monkey sunshine princess football baseball "
             "shadow master welcome iloveyou trustno1 superman batman starwars hunter freedom whatever "
             "michael jennifer jordan harley ranger buster thomas tigger robert soccer hockey killer "
             "george charlie andrew pepper daniel access summer winter autumn spring secret admin1 "
             "changeme passw0rd").split()
WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar "
         "papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu news weather report "
         "market city river garden music travel science health sport update local world").split()


# ---------------------------------------------------------------------------------------------
# Low-level builders
# ---------------------------------------------------------------------------------------------

def addr(ip):
    return bytes(map(int, ip.split(".")))


def is_internal(ip):
    return ip.startswith("192.168.")


def mac(ip):
    """Internal hosts have their own MAC (02:00 + address); everything outside sits behind the router."""
    return b"\x02\x00" + addr(ip) if is_internal(ip) else ROUTER_MAC


def fold(n):
    """Internet checksum from the integer sum of 16-bit-aligned chunks (2**16 == 1 mod 0xFFFF)."""
    r = n % 0xFFFF
    return 0xFFFF - r if r else 0


def b2i(b):
    v = int.from_bytes(b, "big")
    return v << 8 if len(b) & 1 else v


def usec(t):
    return int(round(t * 1_000_000))


def public_ip(rng):
    """A random public unicast IPv4 address."""
    while True:
        v = rng.getrandbits(32)
        if not any(v >> (32 - p) == n >> (32 - p) for n, p in NOT_PUBLIC):
            return ".".join(str(x) for x in v.to_bytes(4, "big"))


def public_ips(rng, n):
    """n distinct random public unicast addresses, in draw order."""
    seen, out = set(), []
    while len(out) < n:
        ip = public_ip(rng)
        if ip not in seen:
            seen.add(ip)
            out.append(ip)
    return out


class Ports:
    """Ephemeral client ports (32768-60999), never handing out one twice."""

    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def take(self):
        while True:
            p = self.rng.choice(EPHEMERAL)
            if p not in self.used:
                self.used.add(p)
                return p


class Capture:
    """Packets of one scenario: (time, order, frame) records written sorted by time as a pcap."""

    def __init__(self, name):
        self.rng = random.Random(zlib.crc32(name.encode()))
        self.recs = []
        self.ipids = {}

    def ip(self, t, src, dst, proto, l4, ttl=None, ident=None, df=True):
        s, d = addr(src), addr(dst)
        if ident is None:
            ident = self.ipids.get(src)
            if ident is None:
                ident = zlib.crc32(s) & 0xFFFF
            self.ipids[src] = (ident + 1) & 0xFFFF
        if ttl is None:
            ttl = 64 if is_internal(src) else 46 + zlib.crc32(s) % 12
        h = pack("!BBHHHBB", 0x45, 0, 20 + len(l4), ident, 0x4000 if df else 0, ttl, proto)
        c = fold(int.from_bytes(h + s + d, "big"))
        self.recs.append((usec(t), len(self.recs), mac(dst) + mac(src) + b"\x08\x00" + h + pack("!H", c) + s + d + l4))

    def tcp(self, t, src, sport, dst, dport, seq, ack, flags, win, payload=b"", opts=b"", **ip):
        seg = pack("!HHIIBBH", sport, dport, seq & MASK32, ack & MASK32, (20 + len(opts)) << 2, flags, win)
        seg += b"\0\0\0\0" + opts + payload
        c = fold(int.from_bytes(addr(src) + addr(dst), "big") + TCP + len(seg) + b2i(seg))
        self.ip(t, src, dst, TCP, seg[:16] + pack("!H", c) + seg[18:], **ip)

    def udp(self, t, src, sport, dst, dport, payload, **ip):
        seg = pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
        c = fold(int.from_bytes(addr(src) + addr(dst), "big") + UDP + len(seg) + b2i(seg)) or 0xFFFF
        self.ip(t, src, dst, UDP, seg[:6] + pack("!H", c) + seg[8:], **ip)

    def icmp(self, t, src, dst, typ, ident, seq, payload, **ip):
        msg = pack("!BBHHH", typ, 0, 0, ident, seq) + payload
        self.ip(t, src, dst, ICMP, msg[:2] + pack("!H", fold(b2i(msg))) + msg[4:], **ip)

    def write(self, path):
        """Writes the classic pcap; returns (packets, span in seconds)."""
        self.recs.sort()
        with open(path, "wb") as f:
            f.write(pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
            for us, _, frame in self.recs:
                f.write(pack("<IIII", START + us // 1_000_000, us % 1_000_000, len(frame), len(frame)))
                f.write(frame)
        if not self.recs:
            return 0, 0.0
        return len(self.recs), (self.recs[-1][0] - self.recs[0][0]) / 1e6


class Tcp:
    """One TCP connection; side 0 is the client, side 1 the server. ACKs always cover all the peer sent."""

    def __init__(self, cap, cip, cport, sip, sport, cwin=64240, swin=65160, cttl=None, sttl=None):
        self.cap = cap
        self.ends = ((cip, cport), (sip, sport))
        self.nxt = [cap.rng.getrandbits(32), cap.rng.getrandbits(32)]
        self.win = (cwin, swin)
        self.ttl = (cttl, sttl)
        self.last = 0

    def seg(self, t, d, flags, payload=b"", opts=b"", win=None, ack=None):
        us = usec(t)
        assert us >= self.last, "packets of a connection must be added in time order"
        self.last = us
        (a, ap), (b, bp) = self.ends[d], self.ends[1 - d]
        if ack is None:
            ack = self.nxt[1 - d] if flags & ACK else 0
        self.cap.tcp(t, a, ap, b, bp, self.nxt[d], ack, flags, self.win[d] if win is None else win,
                     payload, opts, ttl=self.ttl[d])
        self.nxt[d] = (self.nxt[d] + len(payload) + (1 if flags & (SYN | FIN) else 0)) & MASK32

    def syn(self, t):
        self.seg(t, 0, SYN, opts=MSS_OPT)

    def synack(self, t):
        self.seg(t, 1, SYN | ACK, opts=MSS_OPT)

    def refuse(self, t):
        """The server's RST|ACK to a SYN on a closed port (sequence number 0, window 0)."""
        self.nxt[1] = 0
        self.seg(t, 1, RST | ACK, win=0)

    def handshake(self, t, rtt):
        self.syn(t)
        self.synack(t + rtt / 2)
        self.seg(t + rtt, 0, ACK)
        return t + rtt

    def msg(self, t, d, payload):
        """One data segment with PSH|ACK."""
        self.seg(t, d, PSH | ACK, payload)
        return t

    def ack(self, t, d):
        self.seg(t, d, ACK)
        return t

    def transfer(self, t, d, data, gap=0.0002, every=2, delay=0.0001):
        """Sends data from side d in full-size segments gap apart (PSH on the last); the peer ACKs
        every `every` segments and the last one, `delay` after it. Returns the time of the last ACK."""
        pending = deque()
        chunks = [data[i:i + SEG] for i in range(0, len(data), SEG)]
        ts = t
        for k, chunk in enumerate(chunks):
            ts = t + k * gap
            while pending and pending[0][0] <= ts:
                self.seg(pending[0][0], 1 - d, ACK, ack=pending.popleft()[1])
            self.seg(ts, d, PSH | ACK if k == len(chunks) - 1 else ACK, chunk)
            if (k + 1) % every == 0 or k == len(chunks) - 1:
                pending.append((ts + delay, self.nxt[d]))
        for at, value in pending:
            self.seg(at, 1 - d, ACK, ack=value)
        return pending[-1][0] if pending else ts

    def close(self, t, d, rtt):
        """Side d closes: FIN|ACK, the peer's FIN|ACK, the final ACK. Returns the last packet's time."""
        self.seg(t, d, FIN | ACK)
        self.seg(t + rtt / 2, 1 - d, FIN | ACK)
        self.seg(t + rtt, d, ACK)
        return t + rtt


# ---------------------------------------------------------------------------------------------
# Application payloads
# ---------------------------------------------------------------------------------------------

def http_date(t):
    return formatdate(START + int(t), usegmt=True)


def html_body(rng, size, title):
    """An HTML page of about size bytes made of random words."""
    parts = ["<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title></head>\n<body>\n" % title]
    n = len(parts[0])
    while n < size - 20:
        p = "<p>" + " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 24))) + ".</p>\n"
        parts.append(p)
        n += len(p)
    parts.append("</body></html>\n")
    return "".join(parts).encode()


def http_response(t, body, ctype="text/html; charset=utf-8", server="nginx/1.24.0"):
    head = ("HTTP/1.1 200 OK\r\nDate: %s\r\nServer: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n"
            "Connection: keep-alive\r\n\r\n" % (http_date(t), server, ctype, len(body)))
    return head.encode() + body


def dns_name(name):
    return b"".join(bytes((len(label),)) + label.encode() for label in name.split(".")) + b"\0"


def dns_query(ident, name, qtype):
    return pack("!HHHHHH", ident, 0x0100, 1, 0, 0, 0) + dns_name(name) + pack("!HH", qtype, 1)


def dns_answer(ident, name, qtype, ttl, rdata):
    """Response with QR, RD, RA, the question echoed and one answer naming it by pointer (0xC00C)."""
    return (pack("!HHHHHH", ident, 0x8180, 1, 1, 0, 0) + dns_name(name) + pack("!HH", qtype, 1)
            + pack("!HHHIH", 0xC00C, qtype, 1, ttl, len(rdata)) + rdata)


def txt_rdata(text):
    return b"".join(bytes((len(text[i:i + 255]),)) + text[i:i + 255] for i in range(0, len(text), 255))


def ping_payload(t):
    """56 bytes as Linux ping sends them: a 16-byte timeval, then bytes 0x10..0x37."""
    us = usec(t)
    return pack("<QQ", START + us // 1_000_000, us % 1_000_000) + bytes(range(0x10, 0x38))


def ntp_ts(t):
    s = START + t + 2208988800
    return pack("!II", int(s), int((s - int(s)) * 4294967296) & MASK32)


def tls_ext(kind, body):
    return pack("!HH", kind, len(body)) + body


def tls_record(ctype, body, version=0x0303):
    return pack("!BHH", ctype, version, len(body)) + body


def client_hello(rng, sni, size=None):
    """A TLS 1.3 ClientHello record carrying SNI (about 250 bytes; exactly size with a padding extension)."""
    host = sni.encode()
    suites = (0x1301, 0x1303, 0x1302, 0xC02B, 0xC02F, 0xCCA9, 0xCCA8, 0xC02C, 0xC030, 0xC013, 0xC014,
              0x009C, 0x009D, 0x002F, 0x0035)
    exts = b"".join((
        tls_ext(0x0000, pack("!HBH", len(host) + 3, 0, len(host)) + host),
        tls_ext(0x0017, b""),
        tls_ext(0xFF01, b"\0"),
        tls_ext(0x000A, pack("!HHHHH", 8, 0x001D, 0x0017, 0x0018, 0x0019)),
        tls_ext(0x000B, b"\x01\x00"),
        tls_ext(0x0010, b"\x00\x0c\x02h2\x08http/1.1"),
        tls_ext(0x000D, pack("!H", 16) + b"".join(pack("!H", a) for a in
                                                  (0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501))),
        tls_ext(0x002B, b"\x04\x03\x04\x03\x03"),
        tls_ext(0x0033, pack("!HHH", 36, 0x001D, 32) + rng.randbytes(32)),
        tls_ext(0x002D, b"\x01\x01"),
    ))
    if size is not None:
        exts += tls_ext(0x0015, bytes(size - 86 - len(suites) * 2 - len(exts)))
    body = (b"\x03\x03" + rng.randbytes(32) + b"\x20" + rng.randbytes(32)
            + pack("!H", 2 * len(suites)) + b"".join(pack("!H", s) for s in suites) + b"\x01\x00"
            + pack("!H", len(exts)) + exts)
    out = tls_record(22, pack("!I", len(body) | 0x01000000) + body, 0x0301)
    assert size is None or len(out) == size
    return out


def tls_stream(rng, size):
    """Exactly size (0 or at least 6) bytes of TLS application-data records with random ciphertext."""
    out = []
    while size > 0:
        n = min(size, 5 + 16384 + 256)
        if 0 < size - n < 6:
            n -= 6
        out.append(tls_record(23, rng.randbytes(n - 5)))
        size -= n
    return b"".join(out)


def server_flight(rng, size):
    """Exactly size bytes: ServerHello (TLS 1.3), ChangeCipherSpec, then encrypted records."""
    exts = tls_ext(0x002B, b"\x03\x04") + tls_ext(0x0033, pack("!HH", 0x001D, 32) + rng.randbytes(32))
    body = (b"\x03\x03" + rng.randbytes(32) + b"\x20" + rng.randbytes(32) + pack("!HB", 0x1301, 0)
            + pack("!H", len(exts)) + exts)
    out = tls_record(22, pack("!I", len(body) | 0x02000000) + body) + tls_record(20, b"\x01")
    return out + tls_stream(rng, size - len(out))


def ssh_string(b):
    return pack("!I", len(b)) + b


def ssh_packet(rng, payload):
    """Unencrypted SSH binary packet, padded to a multiple of 8 with at least 4 bytes of padding."""
    pad = 8 - (5 + len(payload)) % 8
    if pad < 4:
        pad += 8
    return pack("!IB", 1 + len(payload) + pad, pad) + payload + rng.randbytes(pad)


def ssh_kexinit(rng):
    lists = (b"curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,"
             b"diffie-hellman-group16-sha512,diffie-hellman-group14-sha256,ext-info-c",
             b"ssh-ed25519,ecdsa-sha2-nistp256,rsa-sha2-512,rsa-sha2-256",
             b"chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com",
             b"chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com",
             b"umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com",
             b"umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com",
             b"none,zlib@openssh.com", b"none,zlib@openssh.com", b"", b"")
    return ssh_packet(rng, b"\x14" + rng.randbytes(16) + b"".join(ssh_string(x) for x in lists) + b"\0" + b"\0\0\0\0")


def ssh_ecdh_reply(rng):
    key = ssh_string(b"ssh-ed25519") + ssh_string(rng.randbytes(32))
    sig = ssh_string(b"ssh-ed25519") + ssh_string(rng.randbytes(64))
    return (ssh_packet(rng, b"\x1f" + ssh_string(key) + ssh_string(rng.randbytes(32)) + ssh_string(sig))
            + ssh_packet(rng, b"\x15"))


def ssh_enc(rng, size):
    """An encrypted chacha20-poly1305 packet carrying about size bytes (length, 8-byte blocks, 16-byte tag)."""
    return rng.randbytes(4 + max(16, (size + 7) // 8 * 8) + 16)


# ---------------------------------------------------------------------------------------------
# Reusable conversations
# ---------------------------------------------------------------------------------------------

def http_get(cap, t, cip, cport, sip, rtt, request, response):
    """Handshake, request, response (ACKed every 2nd segment), client FIN close. Returns the end time."""
    c = Tcp(cap, cip, cport, sip, 80)
    t = c.handshake(t, rtt)
    c.msg(t + 0.0001, 0, request)
    t = c.transfer(t + 0.0001 + rtt + 0.002, 1, response, gap=0.0003, delay=0.0002)
    return c.close(t + 0.01, 0, rtt)


def ssh_login(c, t, rtt, client_banner):
    """Banners, key exchange and an encrypted public-key login with shell start. Returns the end time."""
    r = c.cap.rng
    c.msg(t + 0.002, 1, SSH_SERVER_BANNER)
    c.msg(t + 0.0022, 0, client_banner)
    c.ack(t + 0.0022 + rtt, 1)
    steps = ((0.003, 0, ssh_kexinit(r)), (0.0032, 1, ssh_kexinit(r)),
             (0.0036, 0, ssh_packet(r, b"\x1e" + ssh_string(r.randbytes(32)))), (0.006, 1, ssh_ecdh_reply(r)),
             (0.0066, 0, ssh_packet(r, b"\x15") + ssh_enc(r, 28)), (0.0075, 1, ssh_enc(r, 28)),
             (0.0080, 0, ssh_enc(r, 60)), (0.0090, 1, ssh_enc(r, 60)), (0.0095, 0, ssh_enc(r, 400)),
             (0.0130, 1, ssh_enc(r, 28)), (0.0135, 0, ssh_enc(r, 40)), (0.0145, 1, ssh_enc(r, 40)),
             (0.0150, 0, ssh_enc(r, 380)), (0.0170, 1, ssh_enc(r, 120)), (0.0300, 1, ssh_enc(r, 700)))
    for dt, d, payload in steps:
        c.msg(t + dt, d, payload)
    return c.ack(t + 0.0300 + 0.04, 0)


def ssh_typing(c, t, keys):
    """keys keystrokes: client 36-byte packet, server echo, client delayed ACK. Returns the time after."""
    r = c.cap.rng
    for _ in range(keys):
        c.msg(t, 0, ssh_enc(r, 8))
        c.msg(t + 0.0008, 1, ssh_enc(r, 8))
        c.ack(t + 0.041, 0)
        t += r.uniform(0.08, 0.35)
    return t


def ssh_output(c, t, segments):
    """Command output from the server in `segments` segments, then the client's ACK."""
    r = c.cap.rng
    for _ in range(segments):
        c.msg(t, 1, ssh_enc(r, r.randint(40, 1380)))
        t += 0.0005
    return c.ack(t + 0.04, 0)


# ---------------------------------------------------------------------------------------------
# Scenarios
# ---------------------------------------------------------------------------------------------

def portscan_fast(cap):
    r = cap.rng
    attacker, victim = "203.0.113.10", "192.168.1.20"
    sport = r.choice(EPHEMERAL)
    ports = list(range(1, 501))
    r.shuffle(ports)
    for i, port in enumerate(ports):
        t = i * 0.01
        c = Tcp(cap, attacker, sport, victim, port, cwin=1024)
        c.syn(t)
        if port in (22, 80, 443):
            c.synack(t + 0.0002)
            c.seg(t + 0.0302, 0, RST, win=0)
        else:
            c.refuse(t + 0.0002)


def portscan_slow(cap):
    r = cap.rng
    ports = list(range(1000, 1040))
    r.shuffle(ports)
    sports = Ports(r)
    for i, port in enumerate(ports):
        c = Tcp(cap, "203.0.113.11", sports.take(), "192.168.1.21", port, cwin=1024)
        c.syn(i * 20.0)
        c.refuse(i * 20.0 + 0.0002)


def portscan_horizontal(cap):
    r = cap.rng
    sports = Ports(r)
    refusing = set(r.sample(range(1, 255), 64))
    for i, host in enumerate(range(1, 255)):
        t = i * 30.0 / 254
        c = Tcp(cap, "203.0.113.12", sports.take(), "192.168.2.%d" % host, 445, cwin=1024)
        c.syn(t)
        if host in refusing:
            c.refuse(t + 0.0003)


def synflood_spoofed(cap):
    r = cap.rng
    victim = "192.168.1.30"
    counts, total = [], 0
    while total < 5000:
        k = 1 if total == 4999 else r.choice((1, 2))
        counts.append(k)
        total += k
    sources = public_ips(r, len(counts))
    ttls = {s: r.randint(40, 60) for s in sources}
    order = [s for s, k in zip(sources, counts) for _ in range(k)]
    r.shuffle(order)
    for i, src in enumerate(order):
        t = i * 0.001
        c = Tcp(cap, src, r.choice(EPHEMERAL), victim, 80, cwin=r.choice((1024, 5840, 29200, 64240, 65535)),
                cttl=ttls[src])
        c.syn(t)
        if i < 1000:
            c.synack(t + 0.0002)
    client, sports = "198.51.100.7", Ports(r)
    for k in range(5):
        t = 0.5 + k + r.uniform(0, 0.3)
        req = ("GET / HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n").encode()
        body = html_body(r, r.randint(600, 1200), "Example")
        http_get(cap, t, client, sports.take(), victim, 0.03, req, http_response(t, body))


def synflood_single(cap):
    r = cap.rng
    for i, sport in enumerate(r.sample(EPHEMERAL, 2000)):
        Tcp(cap, "203.0.113.13", sport, "192.168.1.31", 443).syn(i * 0.002)


def bruteforce_ssh(cap):
    r = cap.rng
    sports = Ports(r)
    for i in range(40):
        t0 = 1.5 * i
        c = Tcp(cap, "203.0.113.14", sports.take(), "192.168.1.22", 22)
        c.handshake(t0, 0.02)
        c.msg(t0 + 0.030, 1, SSH_SERVER_BANNER)
        c.ack(t0 + 0.040, 0)
        c.msg(t0 + 0.041, 0, b"SSH-2.0-libssh_0.9.6\r\n")
        c.ack(t0 + 0.051, 1)
        for dt, d in ((0.100, 0), (0.150, 1), (0.300, 0), (0.400, 1)):
            c.msg(t0 + dt, d, r.randbytes(r.randint(200, 600)))
            c.ack(t0 + dt + 0.010, 1 - d)
        c.close(t0 + 1.2, 1, 0.02)


def bruteforce_http(cap):
    r = cap.rng
    sports = Ports(r)
    for i, word in enumerate(r.sample(PASSWORDS, 30)):
        t0 = 2.0 * i
        body = "log=admin&pwd=%s&wp-submit=Log+In" % word
        req = ("POST /wp-login.php HTTP/1.1\r\nHost: blog.example.org\r\nUser-Agent: Mozilla/5.0\r\n"
               "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
        page = (b"<!DOCTYPE html>\n<html><head><title>Log In &lsaquo; Blog</title></head><body>"
                b"<div id=\"login_error\"><strong>Error:</strong> The password you entered for the username "
                b"<strong>admin</strong> is incorrect.</div></body></html>\n")
        resp = ("HTTP/1.1 200 OK\r\nDate: %s\r\nServer: Apache/2.4.62 (Debian)\r\n"
                "Content-Type: text/html; charset=UTF-8\r\nContent-Length: %d\r\n\r\n" % (http_date(t0), len(page))).encode() + page
        c = Tcp(cap, "203.0.113.15", sports.take(), "192.168.1.23", 80)
        c.handshake(t0, 0.02)
        c.msg(t0 + 0.021, 0, req.encode())
        c.ack(t0 + 0.031, 1)
        c.msg(t0 + 0.080, 1, resp)
        c.ack(t0 + 0.090, 0)
        c.close(t0 + 0.100, 0, 0.02)


def dns_tunnel(cap):
    r = cap.rng
    b32 = "abcdefghijklmnopqrstuvwxyz234567"
    b64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    client, resolver = "192.168.1.40", "192.168.1.1"
    sports = Ports(r)
    for k in range(200):
        t = k * 0.5
        name = "%s.%d.t.evil-tunnel.com" % ("".join(r.choice(b32) for _ in range(52)), k + 1)
        ident, port = r.getrandbits(16), sports.take()
        cap.udp(t, client, port, resolver, 53, dns_query(ident, name, 16))
        text = bytes(r.choice(b64) for _ in range(r.randint(180, 220)))
        cap.udp(t + 0.015, resolver, 53, client, port, dns_answer(ident, name, 16, 0, txt_rdata(text)))


def icmp_flood(cap):
    for seq in range(1, 2001):
        t = (seq - 1) * 0.0025
        payload = ping_payload(t)
        cap.icmp(t, "203.0.113.16", "192.168.1.24", 8, 0x4242, seq, payload)
        cap.icmp(t + 0.0002, "192.168.1.24", "203.0.113.16", 0, 0x4242, seq, payload)


def ping_sweep(cap):
    ident = cap.rng.getrandbits(16)
    for host in range(1, 255):
        t = (host - 1) * 20.0 / 254
        dst, payload = "192.168.3.%d" % host, ping_payload(t)
        cap.icmp(t, "203.0.113.17", dst, 8, ident, host, payload)
        if host % 5 == 0:
            cap.icmp(t + 0.0003, dst, "203.0.113.17", 0, ident, host, payload)


def icmp_flood_distributed(cap):
    r = cap.rng
    sources = public_ips(r, 1000)
    ids = {s: r.getrandbits(16) for s in sources}
    ttls = {s: r.randint(40, 60) for s in sources}
    order = sources * 3
    r.shuffle(order)
    seqs = dict.fromkeys(sources, 0)
    for i, src in enumerate(order):
        t = i * 5.0 / 3000
        seqs[src] += 1
        cap.icmp(t, src, "192.168.1.25", 8, ids[src], seqs[src], ping_payload(t), ttl=ttls[src])


def small_upload(cap, t, cip, cport, sip, sport, rtt):
    """Handshake, client 1,500-2,500 TLS bytes (2 segments), server 300 bytes, client FIN close."""
    r = cap.rng
    c = Tcp(cap, cip, cport, sip, sport)
    t = c.handshake(t, rtt)
    up = client_hello(r, "upload.example.net", 300) + tls_stream(r, r.randint(1500, 2500) - 300)
    t = c.transfer(t + 0.0002, 0, up, every=2, delay=rtt)
    c.msg(t + 0.005, 1, server_flight(r, 300))
    c.ack(t + 0.0052, 0)
    return c.close(t + 0.01, 0, rtt)


def exfil_volume(cap):
    r = cap.rng
    cip, sip, rtt = "192.168.1.50", "198.51.100.50", 0.03
    sports = Ports(r)
    for minute in list(range(20)) + [21, 22]:
        small_upload(cap, minute * 60.0, cip, sports.take(), sip, 443, rtt)
    c = Tcp(cap, cip, sports.take(), sip, 443)
    t = c.handshake(20 * 60 + 30.0, rtt)
    data = client_hello(r, "upload.example.net", 300) + tls_stream(r, (12 << 20) - 300)
    segments = (len(data) + SEG - 1) // SEG
    t = c.transfer(t + 0.0002, 0, data, gap=25.0 / segments, every=8, delay=rtt)
    c.close(t + 0.01, 0, rtt)


def exfil_lowslow(cap):
    r = cap.rng
    c = Tcp(cap, "192.168.1.51", Ports(r).take(), "198.51.100.51", 8443)
    rtt = 0.03
    c.handshake(0.0, rtt)
    for k in range(1, 541):
        t = 5.0 * k
        if k % 12 == 0:  # the server's 40 bytes, 2.5 s before every full minute's upload
            c.msg(t - 2.5, 1, r.randbytes(40))
            c.ack(t - 2.5 + 0.04, 0)
        c.msg(t, 0, r.randbytes(1024))
        c.ack(t + rtt, 1)
    c.close(2701.0, 0, rtt)


def https_fetch(cap, t, cip, cport, sip, rtt, down):
    """Handshake, a 300-byte ClientHello, `down` bytes of server TLS (client ACKs every 2nd segment), FIN close."""
    r = cap.rng
    c = Tcp(cap, cip, cport, sip, 443)
    t = c.handshake(t, rtt)
    c.msg(t + 0.0002, 0, client_hello(r, "sync%d.example.net" % (addr(sip)[3] - 59), 300))
    t = c.transfer(t + 0.0002 + rtt + 0.01, 1, server_flight(r, down), gap=0.0005, every=2, delay=0.0001)
    return c.close(t + 0.01, 0, rtt)


def anomaly_host(cap):
    r = cap.rng
    host, rtt = "192.168.1.60", 0.02
    sports = Ports(r)
    servers = ["198.51.100.%d" % i for i in range(60, 70)]
    for slot in range(210):  # minutes 0-35
        t = slot * 10.0
        for k in range(2):
            https_fetch(cap, t + k * 0.05, host, sports.take(), servers[slot % 10], rtt, 1200)
    for slot in range(210, 228):  # minutes 35-38: three anomalous intervals, two in a row raise the alert
        t = slot * 10.0
        for j in range(60):
            https_fetch(cap, t + j * 0.1, host, sports.take(), servers[j % 10], rtt, 20000)


# Benign ---------------------------------------------------------------------------------------

HTTP_SITES = (("198.51.100.80", "www.example.com"), ("198.51.100.81", "news.example.org"),
              ("198.51.100.82", "cdn.example.net"), ("198.51.100.83", "shop.example.com"),
              ("198.51.100.84", "docs.example.org"))
TLS_SITES = (("198.51.100.90", "www.example.com"), ("198.51.100.91", "api.example.net"),
             ("198.51.100.92", "static.example.org"), ("198.51.100.93", "mail.example.org"),
             ("198.51.100.94", "cdn.example.net"))
DNS_NAMES = (("www.example.com", "198.51.100.80"), ("mail.example.org", "198.51.100.93"),
             ("cdn.example.net", "198.51.100.82"), ("news.example.org", "198.51.100.81"),
             ("api.example.net", "198.51.100.91"), ("docs.example.org", "198.51.100.84"))
GET_PATHS = ("/", "/index.html", "/news/today.html", "/about/team.html", "/products/list.html",
             "/docs/guide/intro.html", "/blog/2026/12/winter-update.html")
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def benign_http(cap, t, client, port):
    r = cap.rng
    sip, host = r.choice(HTTP_SITES)
    req = ("GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: %s\r\n"
           "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
           "Accept-Language: en-US,en;q=0.5\r\nAccept-Encoding: identity\r\nConnection: keep-alive\r\n\r\n"
           % (r.choice(GET_PATHS), host, BROWSER_UA)).encode()
    resp = http_response(t, html_body(r, r.randint(2000, 6000), host))
    return http_get(cap, t, client, port, sip, r.uniform(0.015, 0.04), req, resp)


def benign_tls(cap, t, client, port):
    r = cap.rng
    sip, sni = r.choice(TLS_SITES)
    rtt = r.uniform(0.015, 0.04)
    c = Tcp(cap, client, port, sip, 443)
    t = c.handshake(t, rtt)
    c.msg(t + 0.0002, 0, client_hello(r, sni))
    c.ack(t + 0.0002 + rtt, 1)
    t = c.transfer(t + 0.0002 + rtt + 0.003, 1, server_flight(r, r.randint(2800, 3200)), gap=0.0003, delay=0.0002)
    c.msg(t + 0.002, 0, tls_record(20, b"\x01") + tls_record(23, r.randbytes(53)))
    c.ack(t + 0.002 + rtt, 1)
    return c.close(t + 0.05, 0, rtt)


def benign_dns(cap, t, client, port):
    r = cap.rng
    name, ip = r.choice(DNS_NAMES)
    ident = r.getrandbits(16)
    cap.udp(t, client, port, "192.168.10.1", 53, dns_query(ident, name, 1))
    cap.udp(t + r.uniform(0.002, 0.03), "192.168.10.1", 53, client, port,
            dns_answer(ident, name, 1, r.randint(60, 3600), addr(ip)))


def benign_ntp(cap, t, client, port):
    server, t2 = "198.51.100.123", t + 0.01
    req = pack("!BBbb", 0x23, 0, 6, -20) + b"\0" * 36 + ntp_ts(t)
    resp = (pack("!BBbbII", 0x24, 2, 6, -23, 0x00000120, 0x00000340) + addr("198.51.100.1")
            + ntp_ts(t - 37.5) + ntp_ts(t) + ntp_ts(t2) + ntp_ts(t2 + 0.00003))
    cap.udp(t, client, port, server, 123, req)
    cap.udp(t + 0.02, server, 123, client, port, resp)


def benign_ssh_long(cap, ports):
    r = cap.rng
    c = Tcp(cap, "192.168.10.11", ports.take(), "192.168.10.2", 22)
    t = ssh_login(c, c.handshake(0.0, 0.0006), 0.0006, b"SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5\r\n")
    t += 1.5
    while t < 462:  # commands until about 7:45, then "exit"
        t = ssh_typing(c, t, r.randint(3, 12))
        t = ssh_output(c, t + 0.003, r.randint(1, 4))
        t += min(r.uniform(4, 20), max(0.5, 466 - t))
    t = ssh_typing(c, t, 5)  # "exit"
    c.msg(t, 1, ssh_enc(r, 100))
    c.msg(t + 0.002, 0, ssh_enc(r, 40))
    c.close(t + 0.003, 0, 0.0006)


def benign_ssh_short(cap, t, port):
    r = cap.rng
    c = Tcp(cap, "192.168.10.12", port, "192.168.10.2", 22)
    t = ssh_login(c, c.handshake(t, 0.0006), 0.0006, b"SSH-2.0-OpenSSH_9.6\r\n") + 1.0
    for _ in range(2):
        t = ssh_output(c, ssh_typing(c, t, r.randint(4, 10)) + 0.003, r.randint(1, 3)) + r.uniform(1, 2)
    t = ssh_typing(c, t, 5)
    c.msg(t, 1, ssh_enc(r, 100))
    c.msg(t + 0.002, 0, ssh_enc(r, 40))
    c.close(t + 0.003, 0, 0.0006)


def benign(cap):
    r = cap.rng
    clients = ["192.168.10.%d" % i for i in range(11, 21)]
    ports = {c: Ports(r) for c in clients}
    actions = (benign_http, benign_tls, benign_dns)
    for client in clients:
        t = r.uniform(0.5, 10.0)
        while t < 470.0:
            r.choices(actions, weights=(4, 4, 2))[0](cap, t, client, ports[client].take())
            t += r.uniform(10.0, 30.0)
        t = r.uniform(0.0, 64.0)
        while t < 479.0:
            benign_ntp(cap, t, client, ports[client].take())
            t += 64.0
    benign_ssh_long(cap, ports[clients[0]])
    for t in (120.0, 300.0):
        benign_ssh_short(cap, t, ports[clients[1]].take())


SCENARIOS = (
    ("portscan-fast", portscan_fast), ("portscan-slow", portscan_slow),
    ("portscan-horizontal", portscan_horizontal), ("synflood-spoofed", synflood_spoofed),
    ("synflood-single", synflood_single), ("bruteforce-ssh", bruteforce_ssh),
    ("bruteforce-http", bruteforce_http), ("dns-tunnel", dns_tunnel), ("icmp-flood", icmp_flood),
    ("ping-sweep", ping_sweep), ("icmp-flood-distributed", icmp_flood_distributed),
    ("exfil-volume", exfil_volume), ("exfil-lowslow", exfil_lowslow), ("anomaly-host", anomaly_host),
    ("benign", benign),
)


def main():
    names = [n for n, _ in SCENARIOS]
    ap = argparse.ArgumentParser(
        description="Write one deterministic attack-scenario pcap per scenario (classic pcap, Ethernet, "
                    "microsecond timestamps starting 2026-12-04 00:00:00 UTC) into DIR and print "
                    "'NAME PACKETS packets SPAN s' for each. Same arguments give byte-identical files.",
        epilog="scenarios: " + ", ".join(names))
    ap.add_argument("--out", required=True, metavar="DIR", help="output directory (created if missing)")
    ap.add_argument("--only", nargs="+", metavar="NAME", default=None,
                    help="generate only these scenarios (name with or without .pcap)")
    args = ap.parse_args()
    wanted = names
    if args.only:
        wanted = [n[:-5] if n.endswith(".pcap") else n for n in args.only]
        unknown = [n for n in wanted if n not in names]
        if unknown:
            ap.error("unknown scenario(s): %s (choose from %s)" % (", ".join(unknown), ", ".join(names)))
    os.makedirs(args.out, exist_ok=True)
    for name, build in SCENARIOS:
        if name not in wanted:
            continue
        cap = Capture(name)
        build(cap)
        count, span = cap.write(os.path.join(args.out, name + ".pcap"))
        print("%-28s %7d packets %10.6f s" % (name + ".pcap", count, span))
    return 0


if __name__ == "__main__":
    sys.exit(main())
