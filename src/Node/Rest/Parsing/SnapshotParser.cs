using Citadel.Common.Errors;
using Citadel.Node.Rest.Json;
using Citadel.Node.Snapshots;

namespace Citadel.Node.Rest.Parsing;

/// <summary>Snapshot request bodies and query parameters.</summary>
internal static class SnapshotParser
{
    private static readonly string[] Priorities = ["no_sync", "snapshot", "replica"];

    /// <summary>Qdrant's <c>SnapshotRecover</c> / <c>ShardSnapshotRecover</c>.</summary>
    public static SnapshotRecoverRequest Recover(JNode body)
    {
        var o = body.Object("location", "priority", "checksum", "api_key");
        var priority = o.Optional("priority") is { IsNull: false } p ? p.String() : null;
        if (priority is not null && !Priorities.Contains(priority, StringComparer.Ordinal))
        {
            throw o.Required("priority").InvalidValue($"unknown variant `{priority}`, expected one of `no_sync`, `snapshot`, `replica`");
        }

        return new SnapshotRecoverRequest(
            o.Required("location").String(),
            priority,
            o.Optional("checksum") is { IsNull: false } c ? c.String() : null,
            o.Optional("api_key") is { IsNull: false } k ? k.String() : null);
    }

    /// <summary>The <c>priority</c> query parameter of uploads, checked like Qdrant's query extractor.</summary>
    public static void Priority(HttpRequest request)
    {
        if (request.Query.TryGetValue("priority", out var v) && !Priorities.Contains(v.ToString(), StringComparer.Ordinal))
        {
            throw CitadelException.BadRequest($"Query deserialize error: priority: unknown variant `{v}`, expected one of `no_sync`, `snapshot`, `replica`");
        }
    }

    /// <summary>The optional <c>checksum</c> query parameter of uploads.</summary>
    public static string? Checksum(HttpRequest request) =>
        request.Query.TryGetValue("checksum", out var v) && v.ToString() is { Length: > 0 } s ? s : null;

    /// <summary>A <c>{shard_id}</c> route value.</summary>
    public static uint ShardId(string value) =>
        uint.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : throw CitadelException.BadRequest($"can not parse \"{value}\" to a u32");
}
