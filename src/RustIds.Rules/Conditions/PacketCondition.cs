using RustIds.Packets;

namespace RustIds.Rules.Conditions;

/// <summary>A non-payload test on one packet's headers (dsize, flags, ttl, itype, ...).</summary>
public abstract class PacketCondition
{
    /// <summary>The keyword as written, for the keyword table and messages.</summary>
    public abstract string Keyword { get; }

    /// <summary>Whether <paramref name="packet"/> passes; allocation-free, never throws on packet bytes.</summary>
    public abstract bool Matches(in Packet packet);
}
