using System.Globalization;
using System.Text.Json;
using Citadel.Auth.Access;
using Citadel.Node.Cluster;
using Citadel.Node.Security;

namespace Citadel.Node.Rest.Endpoints;

/// <summary>Qdrant's Cluster tag: <c>/cluster…</c> and <c>GET /collections/{name}/cluster</c>.</summary>
internal static class ClusterEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/cluster", (HttpContext ctx, ClusterApi api) =>
            RestHandler.NoBody(ctx, () =>
            {
                var status = api.Status();
                var manage = RequestAuth.Of(ctx).Access.Global == GlobalAccessMode.Manage;
                return w => WriteStatus(w, status, manage);
            })).WithName("cluster_status");

        app.MapDelete("/cluster/peer/{peer_id}", (HttpContext ctx, string peer_id, ClusterApi api) =>
            RestHandler.NoBody(ctx, async () =>
                RestHandler.Bool(await api.RemovePeerAsync(peer_id, RestQuery.Bool(ctx.Request, "force") ?? false, RestQuery.Timeout(ctx.Request), ctx.RequestAborted))))
            .WithName("remove_peer");

        app.MapPost("/cluster/recover", (HttpContext ctx, ClusterApi api) =>
            RestHandler.NoBody(ctx, async () => RestHandler.Bool(await api.RecoverAsync(ctx.RequestAborted)))).WithName("recover_current_peer");

        app.MapGet("/collections/{collection_name}/cluster", (HttpContext ctx, string collection_name, ClusterApi api) =>
            RestHandler.NoBody(ctx, () =>
            {
                var info = api.CollectionInfo(collection_name);
                return w => WriteCollection(w, info);
            })).WithName("collection_cluster_info");
    }

    private static void WriteStatus(Utf8JsonWriter w, ClusterStatusView? s, bool manage)
    {
        w.WriteStartObject();
        if (s is null)
        {
            w.WriteString("status", "disabled");
            w.WriteEndObject();
            return;
        }

        w.WriteString("status", "enabled");
        w.WriteNumber("peer_id", s.PeerId);
        w.WriteStartObject("peers");
        foreach (var (id, uri) in s.Peers.OrderBy(p => p.Key))
        {
            w.WriteStartObject(id.ToString(CultureInfo.InvariantCulture));
            w.WriteString("uri", uri);

            // Citadel only, for key rotation: which keys each peer loaded, as fingerprints. Manage access only, since
            // a short unsalted hash of a weak key could be guessed offline.
            if (manage && s.KeyFingerprints.TryGetValue(id, out var keys))
            {
                w.WriteStartObject("key_fingerprints");
                foreach (var (kind, fingerprint) in keys.OrderBy(k => k.Key, StringComparer.Ordinal))
                {
                    w.WriteString(kind, fingerprint);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartObject("raft_info");
        w.WriteNumber("term", s.Term);
        w.WriteNumber("commit", s.Commit);
        w.WriteNumber("pending_operations", s.PendingOperations);
        if (s.Leader is { } leader)
        {
            w.WriteNumber("leader", leader);
        }
        else
        {
            w.WriteNull("leader");
        }

        w.WriteString("role", s.Role);
        w.WriteBoolean("is_voter", s.IsVoter);
        w.WriteEndObject();
        w.WriteStartObject("consensus_thread_status");
        w.WriteString("consensus_thread_status", "working");
        w.WriteString("last_update", s.LastUpdate.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        w.WriteEndObject();
        w.WriteStartObject("message_send_failures");
        foreach (var (uri, failure) in s.Failures)
        {
            w.WriteStartObject(uri);
            w.WriteNumber("count", failure.Count);
            w.WriteString("latest_error", failure.LatestError);
            w.WriteString("latest_error_timestamp", failure.LatestErrorTimestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteCollection(Utf8JsonWriter w, CollectionClusterView info)
    {
        w.WriteStartObject();
        w.WriteNumber("peer_id", info.PeerId);
        w.WriteNumber("shard_count", info.ShardCount);
        WriteShards(w, "local_shards", info.Local, (w, s) =>
        {
            w.WriteNumber("shard_id", s.ShardId);
            w.WriteNumber("points_count", s.PointsCount);
        });
        WriteShards(w, "remote_shards", info.Remote, (w, s) =>
        {
            w.WriteNumber("shard_id", s.ShardId);
            w.WriteNumber("peer_id", s.PeerId);
        });
        w.WriteStartArray("shard_transfers");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A shard list; every shard is <c>Active</c> (one replica, no transfers yet).</summary>
    private static void WriteShards<T>(Utf8JsonWriter w, string name, IEnumerable<T> shards, Action<Utf8JsonWriter, T> fields)
    {
        w.WriteStartArray(name);
        foreach (var shard in shards)
        {
            w.WriteStartObject();
            fields(w, shard);
            w.WriteString("state", "Active");
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
