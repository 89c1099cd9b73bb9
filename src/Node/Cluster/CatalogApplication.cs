using System.Text.Json;
using Citadel.Common.Errors;
using Citadel.Consensus.Raft;
using Citadel.Consensus.State;
using Citadel.Storage.Collections;

namespace Citadel.Node.Cluster;

/// <summary>
/// Collection metadata as the Raft application: committed metadata operations are applied to the pure
/// <see cref="CollectionCatalog"/> (same result on every peer, so the proposer gets the answer every peer computed),
/// then this node's storage is made to match it, unless storage already reflects that log index (replay after a
/// restart, see <see cref="MaterializedIndex"/>).
/// </summary>
internal sealed partial class CatalogApplication(CollectionManager collections, MaterializedIndex materialized, ILogger<CatalogApplication> logger) : IReplicatedApplication
{
    private volatile CollectionCatalog _catalog = CollectionCatalog.Empty;

    /// <summary>The replicated catalog at the last applied index.</summary>
    public CollectionCatalog Catalog => _catalog;

    public CommandResult Apply(long index, ReadOnlySpan<byte> payload)
    {
        CollectionMetaOperation operation;
        try
        {
            operation = MetaOperationJson.Decode(payload);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or CitadelException)
        {
            // Every peer fails the same way on the same bytes, so this is a deterministic answer.
            return CommandResult.Failure(nameof(ErrorKind.BadRequest), $"malformed metadata operation: {e.Message}");
        }

        bool result;
        try
        {
            (_catalog, result) = _catalog.Apply(operation);
        }
        catch (CitadelException e)
        {
            return CommandResult.Failure(e.Kind.ToString(), e.Detail);
        }

        Materialize(index);
        return CommandResult.Success(result);
    }

    public byte[] Snapshot() => CollectionCatalogJson.Write(_catalog);

    public void Restore(long index, ReadOnlySpan<byte> snapshot)
    {
        _catalog = snapshot.IsEmpty ? CollectionCatalog.Empty : CollectionCatalogJson.Read(snapshot);
        Materialize(index);
    }

    private void Materialize(long index)
    {
        if (index <= materialized.Value)
        {
            return;
        }

        collections.Reconcile(_catalog);
        materialized.Advance(index);
        LogMaterialized(logger, index, _catalog.Collections.Count);
    }

    [LoggerMessage(EventId = 630, Level = LogLevel.Debug, Message = "Storage now reflects cluster metadata up to log index {Index} ({Collections} collections)")]
    private static partial void LogMaterialized(ILogger logger, long index, int collections);
}
