namespace RustIds.Detection.Behaviour;

/// <summary>One source's login attempts: connections to login ports, short sessions there, POSTs to login pages.</summary>
public struct LoginState
{
    internal long AttemptStart;
    internal int Attempts;
    internal int ShortSessions;
    internal long ShortStart;
    internal long HttpStart;
    internal int HttpPosts;
    internal long QuietUntil;
    internal long HttpQuietUntil;
}
