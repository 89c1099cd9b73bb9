using Citadel.Consensus.State;
using Citadel.Storage.Collections;

namespace Citadel.Node.Cluster;

/// <summary>
/// Where a new collection's shard goes (one shard per collection for now): the member holding the fewest collections,
/// skipping members this node currently cannot reach; ties go to the smaller peer id so that the choice is stable.
/// The proposer decides and the decision is replicated, so every peer agrees on it.
/// </summary>
internal static class Placement
{
    public static ulong Choose(ClusterState state, CollectionCatalog catalog, Func<ulong, bool> reachable, ulong self)
    {
        var held = catalog.Collections.Values
            .Where(e => e.Owner is not null)
            .GroupBy(e => e.Owner!.Value)
            .ToDictionary(g => g.Key, g => g.Count());
        var candidates = state.Peers.Keys.Where(reachable).ToList();
        if (candidates.Count == 0)
        {
            return self;
        }

        return candidates.OrderBy(id => held.GetValueOrDefault(id)).ThenBy(id => id).First();
    }
}
