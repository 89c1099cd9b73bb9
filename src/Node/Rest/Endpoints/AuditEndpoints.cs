using Citadel.Node.Api;
using Citadel.Node.Rest.Parsing;

namespace Citadel.Node.Rest.Endpoints;

/// <summary><c>POST /audit/logs</c> (global manage; not in Qdrant's OpenAPI document but served by Qdrant 1.19).</summary>
internal static class AuditEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/audit/logs", (HttpContext ctx, AuditApi api) =>
            RestHandler.WithBody(ctx, body =>
            {
                RestQuery.Timeout(ctx.Request);
                var entries = api.Query(AuditParser.Query(body));
                return w =>
                {
                    w.WriteStartObject();
                    w.WritePropertyName("entries");
                    w.WriteStartArray();
                    foreach (var e in entries)
                    {
                        w.WriteRawValue(e.Json, skipInputValidation: true);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                };
            })).WithName("get_audit_logs");
}
