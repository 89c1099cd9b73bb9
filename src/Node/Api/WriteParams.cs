namespace Citadel.Node.Api;

/// <summary>Query parameters of update endpoints: <c>wait</c>, <c>ordering</c>, <c>timeout</c>.</summary>
internal sealed record WriteParams(bool Wait, WriteOrdering Ordering, TimeSpan? Timeout)
{
    /// <summary>Qdrant's defaults: do not wait, weak ordering.</summary>
    public static readonly WriteParams Default = new(false, WriteOrdering.Weak, null);
}

/// <summary>Qdrant's write ordering guarantees (meaningful once shards are replicated).</summary>
internal enum WriteOrdering
{
    /// <summary>This node coordinates the write.</summary>
    Weak,

    /// <summary>The highest-id live replica coordinates.</summary>
    Medium,

    /// <summary>The highest-id replica coordinates.</summary>
    Strong,
}

/// <summary>Query parameters of read endpoints: <c>consistency</c>, <c>timeout</c>.</summary>
internal sealed record ReadParams(string? Consistency, TimeSpan? Timeout)
{
    /// <summary>Defaults.</summary>
    public static readonly ReadParams Default = new(null, null);
}
