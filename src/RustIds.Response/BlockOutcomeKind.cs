namespace RustIds.Response;

/// <summary>What <see cref="BlockManager.BlockAsync"/> did with a verdict.</summary>
public enum BlockOutcomeKind
{
    /// <summary>A new block was stored and applied.</summary>
    Blocked = 0,

    /// <summary>The address was already blocked; its expiry was pushed out.</summary>
    Extended = 1,

    /// <summary>The address is allowlisted; nothing was stored or applied.</summary>
    RefusedAllowlisted = 2,

    /// <summary>The verdict's action is not Block; nothing was done.</summary>
    Ignored = 3,

    /// <summary>The active-block cap is reached and every active block scores higher than this one.</summary>
    RefusedCapacity = 4,
}
