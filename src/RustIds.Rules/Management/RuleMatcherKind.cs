namespace RustIds.Rules.Management;

/// <summary>The kinds of rule matcher suricata-update understands.</summary>
internal enum RuleMatcherKind : byte
{
    /// <summary><c>*</c>: every rule.</summary>
    All,

    /// <summary><c>sid</c>, <c>gid:sid</c>, <c>gid:sid:rev</c>, comma-separated lists of them.</summary>
    Ids,

    /// <summary><c>re:</c>: case-insensitive regex search in the rule text.</summary>
    Regex,

    /// <summary><c>filename:</c>: wildcard on the rule file as given.</summary>
    Filename,

    /// <summary><c>group:</c> or a bare <c>*.rules</c>: wildcard on the file's base name, with or without its
    /// extension.</summary>
    Group,

    /// <summary><c>metadata: key value</c>: a metadata entry equal to it, ignoring case.</summary>
    Metadata,
}
