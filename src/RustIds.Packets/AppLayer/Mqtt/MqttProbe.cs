namespace RustIds.Packets.AppLayer.Mqtt;

/// <summary>Decides from the first bytes of a direction whether a flow carries MQTT.</summary>
public static class MqttProbe
{
    private const int MinConnectLength = 12;

    /// <summary>Matches a CONNECT packet: type 1, flags 0, a plausible remaining length, then the protocol name and level.</summary>
    /// <param name="firstBytes">The first bytes of the client's direction.</param>
    /// <returns><see cref="ProbeResult.NeedMoreData"/> while the bytes are a prefix of a CONNECT; never throws.</returns>
    /// <remarks>
    /// Accepts <c>MQTT</c> with level 3, 4 or 5 and <c>MQIsdp</c> (3.1) with level 3. A client must
    /// send CONNECT first (MQTT 3.1.1 §3.1), so the server's direction is not probed.
    /// </remarks>
    public static ProbeResult Probe(ReadOnlySpan<byte> firstBytes)
    {
        if (firstBytes.IsEmpty)
            return ProbeResult.NeedMoreData;
        if (firstBytes[0] != 0x10)
            return ProbeResult.NoMatch;
        var position = 1;
        var length = 0;
        for (var i = 0; ; i++)
        {
            if (position >= firstBytes.Length)
                return ProbeResult.NeedMoreData;
            var b = firstBytes[position++];
            length |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
                break;
            if (i == 3)
                return ProbeResult.NoMatch;
        }
        if (length < MinConnectLength)
            return ProbeResult.NoMatch;
        return ProbeName(firstBytes[position..]);
    }

    private static ProbeResult ProbeName(ReadOnlySpan<byte> rest)
    {
        // Length-prefixed protocol name followed by the level byte (MQTT 3.1.1 §3.1.2.1, 3.1 uses "MQIsdp").
        ReadOnlySpan<byte> mqtt = [0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T'];
        ReadOnlySpan<byte> mqisdp = [0, 6, (byte)'M', (byte)'Q', (byte)'I', (byte)'s', (byte)'d', (byte)'p'];
        if (rest.Length < 2)
            return rest.SequenceEqual(mqtt[..rest.Length]) ? ProbeResult.NeedMoreData : ProbeResult.NoMatch;
        var name = rest[1] == 6 ? mqisdp : mqtt;
        var compared = Math.Min(name.Length, rest.Length);
        if (!rest[..compared].SequenceEqual(name[..compared]))
            return ProbeResult.NoMatch;
        if (rest.Length <= name.Length)
            return ProbeResult.NeedMoreData;
        var level = rest[name.Length];
        var valid = name.Length == mqtt.Length ? level is >= 3 and <= 5 : level == 3;
        return valid ? ProbeResult.Match : ProbeResult.NoMatch;
    }
}
