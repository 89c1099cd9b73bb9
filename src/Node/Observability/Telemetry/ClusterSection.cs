using System.Globalization;
using System.Text.Json;
using Citadel.Node.Observability.Cluster;

namespace Citadel.Node.Observability.Telemetry;

/// <summary>
/// Telemetry's <c>cluster</c> section (Qdrant's <c>ClusterTelemetry</c>): <c>enabled</c>; when enabled, from details
/// level 1 the Raft <c>status</c>, and from level 2 the <c>peers</c> with their URIs.
/// </summary>
internal static class ClusterSection
{
    public static void Write(Utf8JsonWriter w, TelemetryContext context)
    {
        var cluster = context.Observability.Cluster.Snapshot();
        w.WriteStartObject();
        w.WriteBoolean("enabled", cluster.Enabled);
        if (cluster.Enabled && context.Request.DetailsLevel >= 1)
        {
            w.WritePropertyName("status");
            Status(w, cluster);
        }

        if (cluster.Enabled && context.Request.DetailsLevel >= 2)
        {
            w.WritePropertyName("peers");
            w.WriteStartObject();
            foreach (var peer in cluster.Peers)
            {
                w.WritePropertyName(peer.PeerId.ToString(CultureInfo.InvariantCulture));
                w.WriteStartObject();
                w.WriteString("uri", context.Anonymizer.Name(peer.Uri));
                w.WriteBoolean("reachable", peer.Reachable);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void Status(Utf8JsonWriter w, ClusterMetricsSnapshot cluster)
    {
        w.WriteStartObject();
        w.WriteNumber("number_of_peers", cluster.PeerCount);
        w.WriteNumber("term", cluster.Term);
        w.WriteNumber("commit", cluster.Commit);
        w.WriteNumber("pending_operations", cluster.PendingOperations);
        if (cluster.Role is { } role)
        {
            w.WriteString("role", role.ToString());
        }

        w.WriteBoolean("is_voter", cluster.IsVoter);
        if (cluster.PeerId is { } id)
        {
            w.WriteNumber("peer_id", id);
        }

        w.WritePropertyName("consensus_thread_status");
        w.WriteStartObject();
        w.WriteString("consensus_thread_status", "working");
        w.WriteString("last_update", DateTimeOffset.UtcNow);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
