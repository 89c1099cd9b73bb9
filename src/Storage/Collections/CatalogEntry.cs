using Citadel.Storage.Index.Payload.Schema;

namespace Citadel.Storage.Collections;

/// <summary>One collection in the <see cref="CollectionCatalog"/>: what it is, where its shards live, how it is indexed.</summary>
/// <param name="Name">Collection name.</param>
/// <param name="Uuid">Identity of this incarnation (re-creating a name yields a new one).</param>
/// <param name="Owner">Peer holding the shards; null on a single node.</param>
/// <param name="Config">Full configuration.</param>
/// <param name="Schema">Indexed payload fields.</param>
public sealed record CatalogEntry(string Name, Guid Uuid, ulong? Owner, CollectionConfig Config, PayloadSchema Schema);
