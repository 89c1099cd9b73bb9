using Citadel.Storage.Query;
using Citadel.Storage.Query.Groups;
using Citadel.Storage.Query.Matrix;
using Citadel.Storage.Search;

namespace Citadel.Storage.Collections;

public sealed partial class Collection
{
    /// <summary>Runs a universal query (see <see cref="QueryEngine"/>).</summary>
    /// <param name="request">The query.</param>
    /// <param name="collections">Finds collections named by <c>lookup_from</c>; null knows only this one.</param>
    public List<ScoredPoint> Query(QueryRequest request, Func<string, Collection?>? collections = null) =>
        new QueryEngine(this, collections).Query(request);

    /// <summary>Runs a query and groups its hits by a payload field (see <see cref="GroupsEngine"/>).</summary>
    /// <param name="request">The grouped query.</param>
    /// <param name="collections">Finds collections named by <c>lookup_from</c> and <c>with_lookup</c>.</param>
    public List<PointGroup> QueryGroups(QueryGroupsRequest request, Func<string, Collection?>? collections = null) =>
        new GroupsEngine(this, new QueryEngine(this, collections)).Run(request);

    /// <summary>A distance matrix over a random sample of points (see <see cref="SearchMatrixEngine"/>).</summary>
    public SearchMatrixResult SearchMatrix(SearchMatrixRequest request) => SearchMatrixEngine.Run(this, request);
}
