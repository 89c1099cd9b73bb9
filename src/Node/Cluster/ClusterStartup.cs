using Citadel.Consensus.Membership;
using Citadel.Node.Configuration;

namespace Citadel.Node.Cluster;

/// <summary>
/// Decides how a cluster peer starts, as Qdrant does: the first peer has <c>--uri</c> and no <c>--bootstrap</c>;
/// joiners have both; a restarted peer uses its persisted state and needs neither; <c>--reinit</c> drops the
/// consensus state (keeping the peer id) and founds anew or rejoins. Beyond Qdrant, it refuses every start that would
/// silently form a second cluster or lose data, with a message that says what to do instead.
/// </summary>
internal static class ClusterStartup
{
    /// <summary>What is on disk before start.</summary>
    /// <param name="Identity">The persisted peer identity, if any.</param>
    /// <param name="HasConsensusState">True when Raft membership was persisted (this peer founded or joined before).</param>
    /// <param name="LocalCollections">Collections in storage.</param>
    /// <param name="ClusterOwnedCollections">Collections in storage that a cluster placed (they carry an owner peer id).</param>
    public sealed record DiskState(PeerIdentity? Identity, bool HasConsensusState, int LocalCollections, int ClusterOwnedCollections);

    public static ClusterPlan Decide(NodeSettings settings, CommandLineOptions cli, DiskState disk, Func<ulong> newPeerId)
    {
        var p2p = settings.Cluster.P2p;
        if (!p2p.EnableTls && !PublicBindGuard.IsLoopback(settings.Service.Host) && !p2p.AllowInsecure)
        {
            throw new ConfigurationException(
                $"Invalid configuration: the peer port would listen on `{settings.Service.Host}`, which is not a loopback address, without TLS. "
                + "Peers exchange cluster state and forward requests with their access already decided: enable `cluster.p2p.enable_tls` "
                + "(mutual TLS against `tls.ca_cert`), bind to 127.0.0.1, or set `cluster.p2p.allow_insecure: true` if the network is protected otherwise",
                "cluster.p2p.enable_tls",
                null);
        }

        var scheme = p2p.EnableTls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp;
        CheckScheme(cli.Uri, scheme, "--uri");
        CheckScheme(cli.Bootstrap, scheme, "--bootstrap");
        if (cli.Uri is { } given && given.Port != p2p.Port)
        {
            throw new ConfigurationException($"--uri `{given}` names port {given.Port}, but this peer's port is `cluster.p2p.port` = {p2p.Port}: other peers would not reach it", "cluster.p2p.port", null);
        }

        if (disk.Identity is { } known && cli.Uri is { } uri && !string.Equals(PeerEndPoints.Canonical(known.Uri), PeerEndPoints.Canonical(uri), StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigurationException(
                $"This peer (id {known.Id}) is registered in its cluster as {PeerEndPoints.Canonical(known.Uri)}, but --uri says {PeerEndPoints.Canonical(uri)}. "
                + "Changing a peer's address is not supported: start it with its old --uri, or remove it (DELETE /cluster/peer/{id}) and join again with empty storage",
                "--uri",
                null);
        }

        var identity = disk.Identity ?? new PeerIdentity(
            settings.Cluster.PeerId ?? newPeerId(),
            cli.Uri ?? throw new ConfigurationException(
                "Cluster mode needs this peer's own address: start with --uri <scheme>://<host>:<cluster.p2p.port> (or QDRANT_URI), the address other peers use to reach it",
                "--uri",
                null));

        if (cli.Reinit)
        {
            return cli.Bootstrap is { } rejoin
                ? RequireEmptyForJoin(disk, new ClusterPlan(ClusterEntry.Join, identity, rejoin, AdoptLocalCollections: false, WipeConsensusState: true), reinit: true)
                : new ClusterPlan(ClusterEntry.Found, identity, null, AdoptLocalCollections: true, WipeConsensusState: true);
        }

        if (disk.HasConsensusState)
        {
            // Like Qdrant: a known peer ignores --bootstrap and rejoins from its own state.
            return new ClusterPlan(ClusterEntry.Restart, identity, cli.Bootstrap, AdoptLocalCollections: false, WipeConsensusState: false);
        }

        if (cli.Bootstrap is { } bootstrap)
        {
            return RequireEmptyForJoin(disk, new ClusterPlan(ClusterEntry.Join, identity, bootstrap, AdoptLocalCollections: false, WipeConsensusState: false), reinit: false);
        }

        if (disk.ClusterOwnedCollections > 0)
        {
            throw new ConfigurationException(
                $"Storage holds {disk.ClusterOwnedCollections} collection(s) that a cluster placed, but no consensus state: refusing to form a new cluster from them "
                + "(that would split the cluster). Restore the `raft` directory of this peer, start with --bootstrap <peer uri> to join the existing cluster "
                + "with empty storage, or start with --reinit to make this peer the only member of a new cluster that keeps these collections",
                "--bootstrap",
                null);
        }

        return new ClusterPlan(ClusterEntry.Found, identity, null, AdoptLocalCollections: disk.LocalCollections > 0, WipeConsensusState: false);
    }

    private static ClusterPlan RequireEmptyForJoin(DiskState disk, ClusterPlan plan, bool reinit)
    {
        if (disk.LocalCollections == 0 || reinit)
        {
            // With --reinit the cluster's catalog replaces the local one as it arrives (Qdrant's behaviour).
            return plan;
        }

        throw new ConfigurationException(
            $"Storage already holds {disk.LocalCollections} collection(s), and a peer joining a cluster with --bootstrap takes the cluster's collections: "
            + "they would be deleted. Start the joining peer with empty storage (back these up with snapshots first), or run this node as the first peer of a new cluster (no --bootstrap)",
            "--bootstrap",
            null);
    }

    private static void CheckScheme(Uri? uri, string scheme, string flag)
    {
        if (uri is not null && uri.Scheme != scheme)
        {
            throw new ConfigurationException(
                $"{flag} `{uri}` must use {scheme}:// because `cluster.p2p.enable_tls` is {(scheme == Uri.UriSchemeHttps ? "true" : "false")}",
                flag,
                null);
        }
    }
}
