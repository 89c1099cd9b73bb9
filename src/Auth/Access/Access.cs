namespace Citadel.Auth.Access;

/// <summary>How a caller proved who they are; recorded in audit entries as Qdrant names it.</summary>
public enum AuthType
{
    /// <summary>No authentication configured (everyone has full access).</summary>
    None,

    /// <summary>A static API key.</summary>
    ApiKey,

    /// <summary>A JWT signed with an API key.</summary>
    Jwt,
}

/// <summary>Global access level of keys and <c>"r"</c>/<c>"m"</c> tokens.</summary>
public enum GlobalAccessMode
{
    /// <summary>Read everything (read-only key, <c>"access": "r"</c>).</summary>
    Read,

    /// <summary>Everything (API key, alt API key, <c>"access": "m"</c>, token without <c>access</c>).</summary>
    Manage,
}

/// <summary>Access to one collection listed in a token.</summary>
public enum CollectionAccessMode
{
    /// <summary><c>r</c>: read.</summary>
    Read,

    /// <summary><c>rw</c>: read and write, including snapshots, payload indexes and named vectors.</summary>
    ReadWrite,

    /// <summary><c>prw</c>: read and write points only; no operation that needs the "extras" flag.</summary>
    PointsReadWrite,
}

/// <summary>One entry of a token's collection list.</summary>
public sealed record CollectionAccess(string Collection, CollectionAccessMode Mode);

/// <summary>
/// What a caller may do: either a global mode, or a list of collections (matched by name exactly as written in the
/// request, before alias resolution).
/// </summary>
public sealed class Access
{
    private readonly Dictionary<string, CollectionAccessMode>? _collections;

    private Access(GlobalAccessMode? global, IReadOnlyList<CollectionAccess>? collections)
    {
        Global = global;
        Collections = collections ?? [];
        if (collections is not null)
        {
            _collections = new Dictionary<string, CollectionAccessMode>(StringComparer.Ordinal);
            foreach (var c in collections)
            {
                _collections[c.Collection] = c.Mode;
            }
        }
    }

    /// <summary>Full access (API keys, manage tokens, or no authentication configured).</summary>
    public static Access Manage { get; } = new(GlobalAccessMode.Manage, null);

    /// <summary>Global read access.</summary>
    public static Access Read { get; } = new(GlobalAccessMode.Read, null);

    /// <summary>The global mode, or null for a collection-scoped token.</summary>
    public GlobalAccessMode? Global { get; }

    /// <summary>The collections of a scoped token (empty for global access).</summary>
    public IReadOnlyList<CollectionAccess> Collections { get; }

    /// <summary>True for a collection-scoped token.</summary>
    public bool IsScoped => Global is null;

    /// <summary>Access limited to the listed collections.</summary>
    public static Access ForCollections(IReadOnlyList<CollectionAccess> collections) => new(null, collections);

    /// <summary>The mode granted on <paramref name="collection"/>, or null when it is not listed.</summary>
    public CollectionAccessMode? ModeFor(string collection) =>
        _collections is not null && _collections.TryGetValue(collection, out var mode) ? mode : null;

    /// <summary>True when listings may show <paramref name="collection"/> (global access, or listed in the token).</summary>
    public bool CanSee(string collection) => Global is not null || _collections!.ContainsKey(collection);
}
