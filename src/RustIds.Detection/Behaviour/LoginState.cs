namespace RustIds.Detection.Behaviour;

/// <summary>One source's login attempts: connections to login ports, short sessions there, POSTs to login pages.</summary>
public struct LoginState
{
    internal WindowCount Attempts;
    internal WindowCount ShortSessions;
    internal WindowCount HttpPosts;
    internal long QuietUntil;
    internal long HttpQuietUntil;
}
