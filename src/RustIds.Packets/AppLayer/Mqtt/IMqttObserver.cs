namespace RustIds.Packets.AppLayer.Mqtt;

/// <summary>Receives the messages the MQTT parser decoded from a flow.</summary>
/// <remarks>
/// The message is reused and overwritten by the next one: copy what must outlive the call.
/// Called on the worker thread, inside <see cref="MqttParser.Parse"/>.
/// </remarks>
public interface IMqttObserver
{
    /// <summary>One control packet was decoded.</summary>
    /// <param name="direction">Which side sent it: <see cref="FlowDirection.ToServer"/> is the client.</param>
    /// <param name="message">The decoded packet; valid only during the call.</param>
    void OnMessage(FlowDirection direction, MqttMessage message);
}
