using Citadel.Storage.Collections;
using Citadel.Storage.Vectors;

namespace Citadel.Tests.Unit.Cluster;

/// <summary>Metadata operations for cluster tests.</summary>
internal static class Catalogs
{
    public static CreateCollectionOperation Create(string name, ulong? owner = null) =>
        new(name, CollectionDefaults.Qdrant.Complete(new CreateCollectionRequest { Vectors = new Dictionary<string, VectorParams> { [string.Empty] = new(2, Distance.Dot) } }))
        {
            Owner = owner,
        };

    public static CollectionCatalog With(params CollectionMetaOperation[] operations)
    {
        var catalog = CollectionCatalog.Empty;
        foreach (var operation in operations)
        {
            (catalog, _) = catalog.Apply(operation);
        }

        return catalog;
    }
}
