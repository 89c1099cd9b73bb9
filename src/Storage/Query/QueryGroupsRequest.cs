using Citadel.Storage.Payloads;
using Citadel.Storage.Search;

namespace Citadel.Storage.Query;

/// <summary>
/// A query whose hits are grouped by a payload field (<c>points/query/groups</c>, and the legacy search and
/// recommend groups). <see cref="Source"/>'s limit and offset are ignored: <see cref="Limit"/> counts groups.
/// </summary>
public sealed record QueryGroupsRequest(QueryRequest Source, JsonPath GroupBy)
{
    /// <summary>Qdrant's default group size.</summary>
    public const int DefaultGroupSize = 3;

    /// <summary>Hits per group.</summary>
    public int GroupSize { get; init; } = DefaultGroupSize;

    /// <summary>Number of groups.</summary>
    public int Limit { get; init; } = QueryRequest.DefaultLimit;

    /// <summary>Records looked up in another collection by group id.</summary>
    public WithLookup? WithLookup { get; init; }
}

/// <summary>Look up the point whose id is the group id in <see cref="Collection"/> (<c>with_lookup</c>).</summary>
public sealed record WithLookup(string Collection, PayloadSelector WithPayload, VectorSelector WithVectors);
