namespace Citadel.Auth.Access;

/// <summary>Where an action's permission comes from.</summary>
public enum RequirementScope
{
    /// <summary>No credential needed (root, health).</summary>
    Public,

    /// <summary>Any authenticated caller; the result is filtered to what the caller may see.</summary>
    Filtered,

    /// <summary>Global access (a collection-scoped token is refused).</summary>
    Global,

    /// <summary>Access to the collection named in the request.</summary>
    Collection,
}

/// <summary>
/// What an action needs: a scope plus Qdrant's three flags. <c>Write</c> needs write access, <c>Manage</c> needs
/// global manage, <c>Extras</c> (snapshots, payload indexes, named vectors, cluster info) is refused to <c>prw</c>.
/// </summary>
public sealed record Requirement(RequirementScope Scope, bool Write = false, bool Manage = false, bool Extras = false)
{
    /// <summary>Unauthenticated.</summary>
    public static readonly Requirement Public = new(RequirementScope.Public);

    /// <summary>Authenticated, filtered result.</summary>
    public static readonly Requirement Filtered = new(RequirementScope.Filtered);

    /// <summary>Global read.</summary>
    public static readonly Requirement GlobalRead = new(RequirementScope.Global);

    /// <summary>Global manage.</summary>
    public static readonly Requirement GlobalManage = new(RequirementScope.Global, Write: true, Manage: true);

    /// <summary>Read the collection.</summary>
    public static readonly Requirement CollectionRead = new(RequirementScope.Collection);

    /// <summary>Read the collection, not with <c>prw</c>.</summary>
    public static readonly Requirement CollectionReadExtras = new(RequirementScope.Collection, Extras: true);

    /// <summary>Write points.</summary>
    public static readonly Requirement CollectionWrite = new(RequirementScope.Collection, Write: true);

    /// <summary>Write, not with <c>prw</c> (snapshots, payload indexes, named vectors).</summary>
    public static readonly Requirement CollectionWriteExtras = new(RequirementScope.Collection, Write: true, Extras: true);

    /// <summary>Collection-level manage (cluster setup): only global manage passes.</summary>
    public static readonly Requirement CollectionManage = new(RequirementScope.Collection, Write: true, Manage: true, Extras: true);
}
