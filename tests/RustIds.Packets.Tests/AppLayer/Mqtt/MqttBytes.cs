using System.Text;

namespace RustIds.Packets.AppLayer.Mqtt.Tests;

/// <summary>Builds MQTT control packets for tests: fixed header with a computed remaining length.</summary>
internal static class MqttBytes
{
    public static byte[] Packet(byte header, params byte[][] parts)
    {
        var body = parts.SelectMany(p => p).ToArray();
        return [header, .. VarInt(body.Length), .. body];
    }

    /// <summary>Variable byte integer (MQTT 3.1.1 §2.2.3).</summary>
    public static byte[] VarInt(int value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value % 128);
            value /= 128;
            bytes.Add(value > 0 ? (byte)(b | 0x80) : b);
        }
        while (value > 0);
        return [.. bytes];
    }

    /// <summary>Two-byte length and UTF-8 bytes.</summary>
    public static byte[] Str(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return [(byte)(bytes.Length >> 8), (byte)bytes.Length, .. bytes];
    }

    public static byte[] U16(int value) => [(byte)(value >> 8), (byte)value];

    public static byte[] Connect(string clientId, byte level = 4, string? username = null, string? password = null,
        string? willTopic = null, string? willMessage = null, byte[]? properties = null)
    {
        byte flags = 0x02;
        var payload = new List<byte[]> { Str(clientId) };
        if (willTopic is not null)
        {
            flags |= 0x04;
            if (level == 5)
                payload.Add(properties ?? [0]);
            payload.Add(Str(willTopic));
            payload.Add(Str(willMessage ?? ""));
        }
        if (username is not null)
        {
            flags |= 0x80;
            payload.Add(Str(username));
        }
        if (password is not null)
        {
            flags |= 0x40;
            payload.Add(Str(password));
        }
        var name = level == 3 ? Str("MQIsdp") : Str("MQTT");
        var header = level == 5 ? [.. name, level, flags, 0, 60, .. properties ?? [0]] : (byte[])[.. name, level, flags, 0, 60];
        return Packet(0x10, [header, .. payload]);
    }

    public static byte[] Publish(string topic, string payload, int qos = 0, int packetId = 0, bool v5 = false, bool retain = false)
    {
        var header = (byte)(0x30 | (qos << 1) | (retain ? 1 : 0));
        var parts = new List<byte[]> { Str(topic) };
        if (qos > 0)
            parts.Add(U16(packetId));
        if (v5)
            parts.Add([3, 0x01, 0x01, 0x23]); // properties: length 3, payload format indicator 1, message expiry id 0x23 (opaque bytes)
        parts.Add(Encoding.UTF8.GetBytes(payload));
        return Packet(header, [.. parts]);
    }

    public static byte[] Subscribe(int packetId, bool v5, params (string Filter, byte Options)[] topics)
    {
        var parts = new List<byte[]> { U16(packetId) };
        if (v5)
            parts.Add([2, 0x0B, 0x05]); // properties: subscription identifier 5
        foreach (var (filter, options) in topics)
            parts.Add([.. Str(filter), options]);
        return Packet(0x82, [.. parts]);
    }

    public static byte[] Unsubscribe(int packetId, params string[] filters) =>
        Packet(0xA2, [U16(packetId), .. filters.Select(Str)]);
}
