namespace Citadel.Storage.Index.Hnsw;

/// <summary>
/// Which segment offsets may appear in search results. A struct implementation lets the JIT specialise the graph
/// search and skip the check entirely for <see cref="AcceptAll"/>.
/// </summary>
internal interface IOffsetFilter
{
    bool Accepts(int offset);
}

/// <summary>No restriction.</summary>
internal readonly struct AcceptAll : IOffsetFilter
{
    public bool Accepts(int offset) => true;
}
