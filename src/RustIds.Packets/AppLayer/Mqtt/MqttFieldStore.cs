namespace RustIds.Packets.AppLayer.Mqtt;

/// <summary>One growable byte buffer that holds the copied fields of the current message.</summary>
/// <remarks>
/// Grows by doubling during warm-up; its size is bounded by the per-field limits times the number
/// of fields a message can carry, so steady state never allocates. Not thread-safe.
/// </remarks>
internal sealed class MqttFieldStore
{
    private byte[] _data = new byte[1024];
    private int _length;

    public void Clear() => _length = 0;

    public ReadOnlySpan<byte> Get(MqttField field) => _data.AsSpan(field.Offset, field.Length);

    /// <summary>Copies at most <paramref name="limit"/> bytes of <paramref name="value"/>.</summary>
    public MqttField Add(ReadOnlySpan<byte> value, int limit)
    {
        var kept = Math.Min(value.Length, limit);
        if (_length + kept > _data.Length)
            Array.Resize(ref _data, Math.Max(_data.Length * 2, _length + kept));
        value[..kept].CopyTo(_data.AsSpan(_length));
        var field = new MqttField(_length, kept);
        _length += kept;
        return field;
    }
}
