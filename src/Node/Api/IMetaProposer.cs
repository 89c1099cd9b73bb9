using Citadel.Storage.Collections;

namespace Citadel.Node.Api;

/// <summary>
/// Where collection metadata changes go: applied directly on a single node, proposed to Raft in a cluster.
/// </summary>
internal interface IMetaProposer
{
    /// <summary>Applies <paramref name="operation"/> everywhere it must apply and returns its result.</summary>
    Task<bool> ProposeAsync(CollectionMetaOperation operation, CancellationToken cancellationToken);
}

/// <summary>Single-node metadata: apply to the local collections.</summary>
internal sealed class LocalMetaProposer(CollectionManager collections) : IMetaProposer
{
    public Task<bool> ProposeAsync(CollectionMetaOperation operation, CancellationToken cancellationToken) =>
        Task.FromResult(collections.Apply(operation));
}
