using System.Buffers;

namespace RustIds.Packets.AppLayer.Mqtt;

/// <summary>Framing state of one direction of an MQTT flow.</summary>
/// <remarks>The body buffer is rented only while a message spans segments and returned as soon as it is decoded.</remarks>
internal sealed class MqttStreamState
{
    public MqttFramePhase Phase { get; set; }

    /// <summary>First byte of the fixed header: type and flags.</summary>
    public byte Header { get; set; }

    /// <summary>Remaining length decoded so far (complete once the phase is past <see cref="MqttFramePhase.Length"/>).</summary>
    public int RemainingLength { get; set; }

    /// <summary>Remaining-length bytes read so far (at most four).</summary>
    public int LengthBytes { get; set; }

    /// <summary>Body bytes buffered so far, or left to skip in <see cref="MqttFramePhase.Skip"/>.</summary>
    public int BodyCount { get; set; }

    /// <summary>Buffer holding a body that spans segments; null otherwise.</summary>
    public byte[]? Body { get; private set; }

    public bool Stopped => Phase == MqttFramePhase.Stopped;

    public byte[] RentBody(int length) => Body ??= ArrayPool<byte>.Shared.Rent(length);

    public void ReturnBody()
    {
        if (Body is null)
            return;
        ArrayPool<byte>.Shared.Return(Body);
        Body = null;
    }

    public void NextMessage()
    {
        ReturnBody();
        Phase = MqttFramePhase.Header;
        RemainingLength = 0;
        LengthBytes = 0;
        BodyCount = 0;
    }

    public void Stop()
    {
        NextMessage();
        Phase = MqttFramePhase.Stopped;
    }
}
