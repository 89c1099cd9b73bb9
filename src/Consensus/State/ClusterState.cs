using System.Collections.Immutable;

namespace Citadel.Consensus.State;

/// <summary>
/// The replicated cluster state owned by consensus itself: members and their reported key fingerprints, and the
/// results of recently applied commands (for idempotent retries). Immutable: readers take the current reference.
/// </summary>
public sealed record ClusterState(
    ImmutableSortedDictionary<ulong, PeerInfo> Peers,
    ImmutableDictionary<Guid, CommandResult> Recent,
    ImmutableQueue<Guid> RecentOrder)
{
    /// <summary>How many command results are remembered for retries.</summary>
    public const int RecentLimit = 1024;

    public static readonly ClusterState Empty = new(ImmutableSortedDictionary<ulong, PeerInfo>.Empty, ImmutableDictionary<Guid, CommandResult>.Empty, ImmutableQueue<Guid>.Empty);

    /// <summary>Remembers a command's result, forgetting the oldest beyond <see cref="RecentLimit"/>.</summary>
    public ClusterState Remember(Guid id, CommandResult result)
    {
        var recent = Recent.SetItem(id, result);
        var order = RecentOrder.Enqueue(id);
        while (recent.Count > RecentLimit)
        {
            order = order.Dequeue(out var oldest);
            recent = recent.Remove(oldest);
        }

        return this with { Recent = recent, RecentOrder = order };
    }

    /// <summary>The peer whose Raft endpoint (peer URI) is <paramref name="uri"/>, if any.</summary>
    public PeerInfo? PeerByUri(string uri) => Peers.Values.FirstOrDefault(p => string.Equals(p.Uri, uri, StringComparison.OrdinalIgnoreCase));
}
