namespace RustIds.Detection.Behaviour;

/// <summary>A key of a <see cref="BoundedTable{TKey, TValue}"/>: equality plus a deterministic hash.</summary>
public interface ITableKey<TKey> : IEquatable<TKey>
    where TKey : struct
{
    ulong Hash { get; }
}
