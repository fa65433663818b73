namespace RustIds.Detection.Behaviour;

/// <summary>One source's failed attempts (refused or unanswered): the slow vertical and the horizontal scan windows.</summary>
public struct FailureState
{
    internal long SlowStart;
    internal DistinctSketch Ports;
    internal long HostStart;
    internal DistinctSketch Hosts;
    internal long HorizontalQuietUntil;
}
