#!/usr/bin/python3
"""Rebuild the input pcaps of the suricata-verify cases whose upstream
generator script fully determines the packets.

Standard library only. Packet construction is written from scratch here; the
packet *contents* (addresses, ports, flags, payload bytes, order) follow the
upstream scapy generators named in CASES below, with scapy's documented
defaults for every field those scripts leave unset:

  Ether   : type filled in from the next layer
  Dot1Q   : prio=0, dei=0
  IPv4    : tos=0, id=1, flags=0, frag=0, ttl=64, options none
  IPv6    : tc=0, fl=0, hlim=64
  TCP     : seq=0, ack=0, dataofs=5 (no options), window=8192, urgptr=0
  ICMPv6  : echo request id=0, seq=0, no data

Timestamps are not recorded by the generators (scapy stamps packets with the
wall-clock time of creation), so a fixed base time is used here.

Usage: python3 gen-sv-pcaps.py --out DIR [CASE ...]
"""

import argparse
import ipaddress
import os
import struct
import sys

LINKTYPE_ETHERNET = 1
LINKTYPE_RAW = 101

BASE_TS = 1700000000  # fixed, arbitrary (see module docstring)

ETH_BCAST = "ff:ff:ff:ff:ff:ff"
ETH_SRC = "00:01:02:03:04:05"


# ---------------------------------------------------------------- helpers

def mac(s):
    return bytes(int(x, 16) for x in s.split(":"))


def csum(data):
    """RFC 1071 internet checksum."""
    if len(data) % 2:
        data += b"\x00"
    total = 0
    for (word,) in struct.iter_unpack("!H", data):
        total += word
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return (~total) & 0xFFFF


def ip4(addr):
    return ipaddress.IPv4Address(addr).packed


def ip6(addr):
    return ipaddress.IPv6Address(addr).packed


# ---------------------------------------------------------------- layers
# Each L3 builder takes the already-built L4 bytes via a callback that needs
# the pseudo-header, so L4 builders return (proto, build(pseudo)->bytes).

def tcp(sport, dport, flags, payload=b"", seq=0, ack=0, window=8192, urgptr=0):
    flag_bits = {"F": 0x01, "S": 0x02, "R": 0x04, "P": 0x08,
                 "A": 0x10, "U": 0x20, "E": 0x40, "C": 0x80}
    fl = 0
    for c in flags:
        fl |= flag_bits[c]

    def build(pseudo):
        hdr = struct.pack("!HHIIBBHHH", sport, dport, seq, ack,
                          5 << 4, fl, window, 0, urgptr)
        seg = hdr + payload
        ck = csum(pseudo(len(seg)) + seg)
        return seg[:16] + struct.pack("!H", ck) + seg[18:]
    return 6, build


def icmpv6_echo_request(ident=0, seq=0, data=b""):
    def build(pseudo):
        msg = struct.pack("!BBHHH", 128, 0, 0, ident, seq) + data
        ck = csum(pseudo(len(msg)) + msg)
        return msg[:2] + struct.pack("!H", ck) + msg[4:]
    return 58, build


def ipv4(src, dst, l4, ttl=64, ident=1, tos=0):
    proto, build = l4
    s, d = ip4(src), ip4(dst)

    def pseudo(length):
        return s + d + struct.pack("!BBH", 0, proto, length)
    body = build(pseudo)
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, tos, 20 + len(body), ident, 0,
                      ttl, proto, 0, s, d)
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return 0x0800, hdr + body


def ipv6(src, dst, l4, hlim=64):
    nh, build = l4
    s, d = ip6(src), ip6(dst)

    def pseudo(length):
        return s + d + struct.pack("!I3xB", length, nh)
    body = build(pseudo)
    hdr = struct.pack("!IHBB16s16s", 6 << 28, len(body), nh, hlim, s, d)
    return 0x86DD, hdr + body


def ether_vlan(l3, vlan, dst=ETH_BCAST, src=ETH_SRC, prio=0):
    ethertype, body = l3
    tci = (prio << 13) | vlan
    return mac(dst) + mac(src) + struct.pack("!HHH", 0x8100, tci, ethertype) + body


def scapy_http_request(method, path, version, headers):
    """Byte layout produced by scapy.layers.http.HTTPRequest.self_build:
    'Method Path Http_Version\\r\\n', then every set header in scapy's
    field order (header names sorted as Python strings), 'Name: value\\r\\n',
    then a final '\\r\\n'. `headers` is a list of (Name, value) in any order."""
    out = ("%s %s %s\r\n" % (method, path, version)).encode()
    for name, value in sorted(headers):
        out += ("%s: %s\r\n" % (name, value)).encode()
    return out + b"\r\n"


# ---------------------------------------------------------------- pcap

def write_pcap(path, frames, linktype=LINKTYPE_ETHERNET):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, linktype))
        for i, frame in enumerate(frames):
            usec = i * 1000
            f.write(struct.pack("<IIII", BASE_TS + usec // 1000000,
                                usec % 1000000, len(frame), len(frame)))
            f.write(frame)
    return 24 + sum(16 + len(fr) for fr in frames)


# ---------------------------------------------------------------- cases

def case_detect_flowbits():
    # tests/detect-flowbits/writepcap.py
    payload = b"GET /one/ HTTP/1.1\r\nHost: one.example.org\r\n\r\n"
    return [ether_vlan(ipv4("5.6.7.8", "1.2.3.4",
                            tcp(6666, 80, "PA", payload)), 6)], LINKTYPE_ETHERNET


def case_detect_pcre_01():
    # tests/detect-pcre/detect-pcre-01/writepcap.py, version at commit
    # 75c8cc4de50fdbb98c6a00ff77c4e608f0e7be47 (IPv4, raw payload). The later
    # IPv6/HTTPRequest rewrite of that script would give 263 bytes, not the
    # 372 recorded for input.pcap.
    payload = (b"GET / HTTP/1.1\r\n"
               b"Host: www.emergingthreats.net\r\n"
               b"User-Agent: Mozilla/1.0\r\n"
               b"Accept: text/html,application/xhtml+xml,application/xml;q=0.9;q=0.8\r\n"
               b"Accept-Encoding: gzip,deflate\r\n"
               b"Transfer-Encoding: chunked\r\n"
               b"Content-Type: text/html; charset=utf-8\r\n"
               b"\r\n"
               b"15\r\n"
               b"<!DOCTYPE html PUBLIC\r\n"
               b"0\r\n"
               b"\r\n")
    return [ether_vlan(ipv4("5.6.7.8", "1.2.3.4",
                            tcp(6666, 80, "PA", payload)), 6)], LINKTYPE_ETHERNET


# The pcre-04 generator passes the IPv4 literals '1.2.3.4' / '5.6.7.8' to
# scapy's IPv6 layer. Scapy resolves such a string with
# getaddrinfo(name, AF_INET6); where that succeeds it yields the IPv4-mapped
# address ::ffff:a.b.c.d. glibc refuses it, so the pcap must have been made on
# a system that maps it. The rules match 'any any -> any any', so the address
# choice does not affect the alerts.
V6_DST = "::ffff:1.2.3.4"
V6_SRC = "::ffff:5.6.7.8"


def case_detect_pcre_04():
    # tests/detect-pcre/detect-pcre-04/writepcap.py, version at commit
    # 269f736a24b21185d8fb6c09127357d510eed826 (two IPv6 HTTPRequest packets)
    req1 = scapy_http_request("POST", " / ", "HTTP/1.0",
                              [("User-Agent", "Mozilla"), ("Cookie", "dummy 1234")])
    req2 = scapy_http_request("GET", " / ", "HTTP/1.0",
                              [("User-Agent", "Mozilla"), ("Cookie", "dummoOOooooO")])
    frames = [
        ether_vlan(ipv6(V6_SRC, V6_DST, tcp(6666, 63, "PA", req1)), 6),
        ether_vlan(ipv6(V6_SRC, V6_DST, tcp(6666, 93, "PA", req2)), 6),
    ]
    return frames, LINKTYPE_ETHERNET


def case_iponly_ipv6_range_01():
    # tests/iponly-ipv6-range-01/writepcap.py: bare IPv6 (LINKTYPE_RAW)
    _, pkt = ipv6("2001:db8::10", "2001:db8::ffff", icmpv6_echo_request())
    return [pkt], LINKTYPE_RAW


CASES = {
    "detect-flowbits": (case_detect_flowbits, 143),
    "detect-pcre__detect-pcre-01": (case_detect_pcre_01, 372),
    "detect-pcre__detect-pcre-04": (case_detect_pcre_04, 337),
    "iponly-ipv6-range-01": (case_iponly_ipv6_range_01, 88),
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("cases", nargs="*", help="subset of cases (default: all)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    names = args.cases or sorted(CASES)
    bad = 0
    for name in names:
        if name not in CASES:
            print("unknown case: %s (known: %s)" % (name, ", ".join(sorted(CASES))),
                  file=sys.stderr)
            bad += 1
            continue
        fn, expected = CASES[name]
        frames, linktype = fn()
        path = os.path.join(args.out, name + ".pcap")
        size = write_pcap(path, frames, linktype)
        status = "ok" if size == expected else "SIZE MISMATCH"
        print("%-32s %6d bytes (INDEX %6d) %s" % (name, size, expected, status))
        if size != expected:
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
