namespace RustIds.Rules.ByteOps;

/// <summary>Names of the byte_extract/byte_math result variables of ONE rule, in order of definition.</summary>
/// <remarks>
/// Built while a rule's options are parsed in order; the index of a name is the slot in the
/// <c>Span&lt;long&gt;</c> that <see cref="ByteOperation.Evaluate(ReadOnlySpan{byte}, ref int, Span{long})"/>
/// reads and writes. A name is a letter followed by letters, digits or underscores (Suricata
/// requires a leading letter so that names cannot be confused with numbers). Defining a name again
/// reuses its slot, so later references see the latest value: Snort 3 rules do this (community sid
/// 36611 extracts <c>string_size</c> twice); Suricata would keep reading the first definition's slot.
/// Not thread-safe: used by one rule parser at a time.
/// </remarks>
public sealed class ByteVariables
{
    private readonly List<string> _names = [];
    private readonly ByteOperationOptions _options;

    /// <summary>Initializes an empty set with <see cref="ByteOperationOptions.Default"/> limits.</summary>
    public ByteVariables()
        : this(ByteOperationOptions.Default)
    {
    }

    /// <summary>Initializes an empty set with the given limits.</summary>
    /// <param name="options">Limits on count and name length.</param>
    public ByteVariables(ByteOperationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Gets the number of defined variables.</summary>
    public int Count => _names.Count;

    /// <summary>Gets the maximum number of variables (the span length evaluation needs).</summary>
    public int Capacity => _options.MaxVariables;

    /// <summary>Gets the name of variable <paramref name="index"/>.</summary>
    /// <param name="index">Index from 0 to <see cref="Count"/> - 1.</param>
    /// <returns>The variable name.</returns>
    public string NameOf(int index) => _names[index];

    /// <summary>Defines a variable and returns its index; an existing name returns its existing index.</summary>
    /// <param name="name">Variable name.</param>
    /// <returns>The index, or -1 if the name is invalid, too long, or new while the set is full.</returns>
    public int Define(string name)
    {
        if (!IsValidName(name) || name.Length > _options.MaxVariableNameLength)
        {
            return -1;
        }

        int existing = _names.IndexOf(name);
        if (existing >= 0 || _names.Count >= _options.MaxVariables)
        {
            return existing;
        }

        _names.Add(name);
        return _names.Count - 1;
    }

    /// <summary>Finds a defined variable by name (case-sensitive).</summary>
    /// <param name="name">Variable name.</param>
    /// <param name="index">Its index, or -1.</param>
    /// <returns>Whether the name is defined.</returns>
    public bool TryResolve(string name, out int index)
    {
        index = _names.IndexOf(name);
        return index >= 0;
    }

    /// <summary>Returns whether <paramref name="name"/> is already defined.</summary>
    /// <param name="name">Variable name.</param>
    /// <returns><see langword="true"/> if defined.</returns>
    public bool Contains(string name) => _names.Contains(name);

    /// <summary>Returns whether <paramref name="name"/> has the syntax of a variable name.</summary>
    /// <param name="name">Candidate name.</param>
    /// <returns><see langword="true"/> for a letter followed by letters, digits or underscores.</returns>
    public static bool IsValidName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || !char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
