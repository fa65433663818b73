namespace RustIds.Rules.Flowbits;

/// <summary>The verb of a <c>flowbits</c> option.</summary>
public enum FlowbitCommand : byte
{
    Set,
    Unset,
    Toggle,
    IsSet,
    IsNotSet,
}
