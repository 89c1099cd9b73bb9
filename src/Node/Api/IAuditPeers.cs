using Citadel.Audit;

namespace Citadel.Node.Api;

/// <summary>The other peers' answers to an audit query (none in single-node mode).</summary>
internal interface IAuditPeers
{
    /// <summary>Asks every other peer in parallel, each bounded by <paramref name="timeout"/>.</summary>
    Task<AuditPeerAnswers> QueryAsync(AuditQuery query, TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>What the peers returned, and the peers that did not answer (with why).</summary>
internal sealed record AuditPeerAnswers(IReadOnlyList<IReadOnlyList<AuditRecord>> Entries, IReadOnlyList<MissingPeer> Missing);

/// <summary>A peer whose entries are missing from a cluster-wide answer.</summary>
internal sealed record MissingPeer(ulong PeerId, string Uri, string Error);
