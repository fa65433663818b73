namespace RustIds.Rules.Flowbits;

/// <summary>One <c>flowbits:</c> option: a command over one or more named bits of the flow.</summary>
/// <param name="Command">What to do or test.</param>
/// <param name="Names">The bits; several for <c>a|b</c> (any of them) or <c>a&amp;b</c> (all of them).</param>
/// <param name="AnyOf">Names were joined with <c>|</c>: a test passes when it holds for any of them.</param>
public sealed record FlowbitOperation(FlowbitCommand Command, IReadOnlyList<string> Names, bool AnyOf)
{
    /// <summary>A test (isset, isnotset) rather than an action taken when the rule matches.</summary>
    public bool IsTest => Command is FlowbitCommand.IsSet or FlowbitCommand.IsNotSet;
}
