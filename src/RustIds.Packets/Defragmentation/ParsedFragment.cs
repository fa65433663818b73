namespace RustIds.Packets.Defragmentation;

/// <summary>The reassembly key, position and bytes of one fragment, as views over the caller's datagram.</summary>
internal ref struct ParsedFragment
{
    public bool IsV6;
    public IpAddr Source;
    public IpAddr Destination;

    /// <summary>IPv4's 16-bit or IPv6's 32-bit identification.</summary>
    public uint Identification;

    /// <summary>IPv4 protocol; IPv6: the fragment header's next header (first header of the fragmentable part).</summary>
    public byte Protocol;

    /// <summary>Offset of <see cref="Data"/> in the fragmentable part, in bytes.</summary>
    public int Offset;

    public bool MoreFragments;

    /// <summary>IPv4 header with options; IPv6 fixed header plus unfragmentable extension headers (fragment header excluded).</summary>
    public ReadOnlySpan<byte> Header;

    /// <summary>IPv6: index in <see cref="Header"/> of the next-header byte that names the fragment header.</summary>
    public int NextHeaderIndex;

    /// <summary>The fragment's share of the fragmentable part.</summary>
    public ReadOnlySpan<byte> Data;

    public readonly int End => Offset + Data.Length;
}
