using RustIds.Packets;

namespace RustIds.Detection.Behaviour;

/// <summary>A destination service (address, port, protocol), as a table key; ICMP uses port 0.</summary>
public readonly record struct ServiceKey(IpAddr Address, ushort Port, IpProtocol Protocol) : ITableKey<ServiceKey>
{
    public ulong Hash => KeyHash.Combine(KeyHash.Of(Address), ((ulong)Port << 8) | (byte)Protocol);

    public override string ToString() => Port == 0 ? Address.ToString() : Address.IsV6 ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
}
