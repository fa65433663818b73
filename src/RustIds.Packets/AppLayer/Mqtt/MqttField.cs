namespace RustIds.Packets.AppLayer.Mqtt;

/// <summary>Where a copied field lives in a <see cref="MqttFieldStore"/>.</summary>
internal readonly record struct MqttField(int Offset, int Length);
