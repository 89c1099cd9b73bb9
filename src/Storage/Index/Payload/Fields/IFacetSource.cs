using Citadel.Storage.Index.Payload.Facets;

namespace Citadel.Storage.Index.Payload.Fields;

/// <summary>An index whose values can be faceted (Qdrant's map indexes: keyword, integer lookup, uuid, bool).</summary>
internal interface IFacetSource
{
    /// <summary>
    /// Calls <paramref name="emit"/> with each value and the number of points accepted by <paramref name="include"/>
    /// that hold it (each point once per distinct value); a value may be reported more than once.
    /// </summary>
    void CountFacets(Func<int, bool> include, Action<FacetValue, int> emit);
}
