using Citadel.Node.Api;
using Citadel.Node.Rest.Parsing;

namespace Citadel.Node.Rest.Endpoints;

/// <summary><c>POST /audit/logs</c> (global manage; not in Qdrant's OpenAPI document but served by Qdrant 1.19).</summary>
internal static class AuditEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/audit/logs", (HttpContext ctx, AuditApi api) =>
            RestHandler.WithBody(ctx, async body =>
            {
                var timeout = RestQuery.Timeout(ctx.Request);
                var answer = await api.QueryAsync(AuditParser.Query(body), timeout, ctx.RequestAborted);
                return w =>
                {
                    w.WriteStartObject();
                    w.WritePropertyName("entries");
                    w.WriteStartArray();
                    foreach (var e in answer.Entries)
                    {
                        w.WriteRawValue(e.Json, skipInputValidation: true);
                    }

                    w.WriteEndArray();
                    if (answer.Missing is { } missing)
                    {
                        // Citadel only: peers whose entries are not in this answer (stopped, unreachable, too slow).
                        w.WritePropertyName("missing_peers");
                        w.WriteStartArray();
                        foreach (var peer in missing)
                        {
                            w.WriteStartObject();
                            w.WriteNumber("peer_id", peer.PeerId);
                            w.WriteString("uri", peer.Uri);
                            w.WriteString("error", peer.Error);
                            w.WriteEndObject();
                        }

                        w.WriteEndArray();
                    }

                    w.WriteEndObject();
                };
            })).WithName("get_audit_logs");
}
