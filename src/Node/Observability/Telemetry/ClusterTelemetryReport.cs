using System.Globalization;
using System.Text.Json;

namespace Citadel.Node.Observability.Telemetry;

/// <summary>
/// <c>GET /cluster/telemetry</c>'s result (Qdrant's <c>DistributedTelemetryData</c>) from this node's point of view:
/// the visible collections with their shards and replicas, and for global access the peers. Until the cluster fans
/// the request out to its peers, every replica listed is this node's and only this node is reported as responsive.
/// </summary>
internal static class ClusterTelemetryReport
{
    public static void Write(Utf8JsonWriter w, TelemetryContext context)
    {
        var cluster = context.Observability.Cluster.Snapshot();

        // A standalone node has no peer id; Qdrant's schema requires one, 0 is never a valid peer id.
        var self = cluster.PeerId ?? context.Collections.LocalPeer ?? 0;
        w.WriteStartObject();
        w.WritePropertyName("collections");
        w.WriteStartObject();
        foreach (var name in context.VisibleCollections())
        {
            if (context.Collections.TryGet(name) is not { } collection)
            {
                continue;
            }

            var id = context.Anonymizer.Name(name);
            w.WritePropertyName(id);
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WritePropertyName("shards");
            w.WriteStartArray();
            foreach (var shard in collection.Shards)
            {
                w.WriteStartObject();
                w.WriteNumber("id", shard.Id);
                w.WritePropertyName("replicas");
                w.WriteStartArray();
                w.WriteStartObject();
                w.WriteNumber("peer_id", self);
                w.WriteString("state", "Active");
                w.WriteString("status", collection.IndexingPending ? "yellow" : "green");
                w.WriteNumber("num_points", shard.PointCount);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndObject();
        if (context.Global)
        {
            w.WritePropertyName("cluster");
            w.WriteStartObject();
            w.WriteBoolean("enabled", cluster.Enabled);
            w.WriteNumber("number_of_peers", cluster.PeerCount);
            w.WritePropertyName("peers");
            w.WriteStartObject();
            foreach (var peer in cluster.Peers)
            {
                w.WritePropertyName(peer.PeerId.ToString(CultureInfo.InvariantCulture));
                w.WriteStartObject();
                w.WriteString("uri", context.Anonymizer.Name(peer.Uri));
                w.WriteBoolean("responsive", false);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
