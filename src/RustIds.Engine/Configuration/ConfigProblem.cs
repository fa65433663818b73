namespace RustIds.Engine.Configuration;

/// <summary>One invalid setting: where it is and what is wrong with it.</summary>
/// <param name="Key">Configuration path, e.g. <c>Firewall:Backend</c>.</param>
/// <param name="Message">What is wrong and what is accepted.</param>
public sealed record ConfigProblem(string Key, string Message)
{
    public override string ToString() => $"{Key}: {Message}";
}
