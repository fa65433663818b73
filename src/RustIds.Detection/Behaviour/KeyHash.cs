using RustIds.Packets;
using System.Runtime.CompilerServices;

namespace RustIds.Detection.Behaviour;

/// <summary>Deterministic 64-bit hashes for detector tables and sketches.</summary>
/// <remarks>
/// Not <see cref="HashCode"/>: its seed changes per process, and table placement decides which entry is
/// evicted, so a replay would not give the same detections twice.
/// </remarks>
public static class KeyHash
{
    // Inlined (as are Of and Combine): a detector hashes a key or two per flow, and the calls passed each address through the stack.

    /// <summary>A strong 64-bit finalizer (MurmurHash3's fmix64): every input bit moves every output bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong value)
    {
        value ^= value >> 33;
        value *= 0xff51afd7ed558ccdUL;
        value ^= value >> 33;
        value *= 0xc4ceb9fe1a85ec53UL;
        value ^= value >> 33;
        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of(IpAddr address) =>
        Mix((address.High * 0x9E3779B97F4A7C15UL) ^ Mix(address.Low ^ ((ulong)address.Family << 56)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Combine(ulong first, ulong second) => Mix(first ^ (second * 0x9E3779B97F4A7C15UL) ^ 0x5851F42D4C957F2DUL);

    /// <summary>FNV-1a over the bytes with ASCII letters lower-cased, so <c>Example.COM</c> and <c>example.com</c> agree.</summary>
    public static ulong OfTextIgnoreCase(ReadOnlySpan<byte> text)
    {
        var hash = 0xcbf29ce484222325UL;
        foreach (var b in text)
        {
            var c = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
            hash = (hash ^ c) * 0x100000001b3UL;
        }
        return Mix(hash);
    }
}
