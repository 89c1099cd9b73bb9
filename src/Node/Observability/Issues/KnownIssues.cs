using System.Globalization;

namespace Citadel.Node.Observability.Issues;

/// <summary>The kinds of issue Citadel reports, with Qdrant's code format where Qdrant has the issue.</summary>
internal static class KnownIssues
{
    /// <summary>A filter condition on a payload field without an index, in a collection big enough for it to matter.</summary>
    public static Issue UnindexedField(string collection, string field, string schema, DateTimeOffset now) => new(
        UnindexedFieldCode(collection, field, schema),
        $"Unindexed field '{field}' of type '{schema}' is slowing down queries in collection '{collection}'",
        new ImmediateSolution(
            $"Create an index on field '{field}' of type '{schema}' in collection '{collection}'. Check the documentation for more details: https://qdrant.tech/documentation/concepts/indexing/#payload-index",
            "PUT",
            $"/collections/{Uri.EscapeDataString(collection)}/index",
            new Dictionary<string, string> { ["field_name"] = field, ["field_schema"] = schema }),
        now,
        collection);

    /// <summary>The code of <see cref="UnindexedField"/>, to skip building an issue that is already open.</summary>
    public static string UnindexedFieldCode(string collection, string field, string schema) => $"UNINDEXED_FIELD,{collection},{field},{schema}";

    /// <summary>The code of <see cref="PeerUnreachable"/>, to solve it once the peer answers again.</summary>
    public static string PeerUnreachableCode(ulong peerId) => string.Create(CultureInfo.InvariantCulture, $"PEER_UNREACHABLE,{peerId}");

    /// <summary>A cluster peer this node cannot reach (reported and solved by the cluster).</summary>
    public static Issue PeerUnreachable(ulong peerId, string uri, string reason, DateTimeOffset now) => new(
        PeerUnreachableCode(peerId),
        string.Create(CultureInfo.InvariantCulture, $"Peer {peerId} at {uri} cannot be reached: {reason}"),
        new RefactorSolution("Check that the peer is running, that its peer port is reachable from this node, and that TLS settings and allowed identities match on both sides"),
        now,
        null);

    public const string AuditWriteFailureCode = "AUDIT_WRITE_FAILURE";

    /// <summary>Audit entries cannot be written.</summary>
    public static Issue AuditWriteFailure(string directory, string reason, DateTimeOffset now) => new(
        AuditWriteFailureCode,
        $"Audit entries cannot be written to {directory}: {reason}",
        new RefactorSolution($"Free disk space or fix the permissions of {directory}; see audit.on_write_failure for what happens to requests meanwhile"),
        now,
        null);
}
