using Citadel.Node.Configuration;
using Citadel.Node.Observability;
using Citadel.Node.Observability.Telemetry;
using Citadel.Node.Security;
using Citadel.Storage.Collections;

namespace Citadel.Node.Rest.Endpoints;

/// <summary>
/// <c>GET /telemetry</c> and <c>GET /cluster/telemetry</c>: any authenticated caller, filtered to what it may see;
/// never audited (the access table marks them so), because scrapers would drown the audit trail.
/// </summary>
internal static class TelemetryEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/telemetry", (HttpContext ctx, NodeObservability o, NodeSettings s, CollectionManager c) =>
            RestHandler.NoBody(ctx, () =>
            {
                var context = Context(ctx, o, s, c);
                return w => TelemetryReport.Write(w, context);
            })).WithName("telemetry");
        app.MapGet("/cluster/telemetry", (HttpContext ctx, NodeObservability o, NodeSettings s, CollectionManager c) =>
            RestHandler.NoBody(ctx, () =>
            {
                var context = Context(ctx, o, s, c);
                return w => ClusterTelemetryReport.Write(w, context);
            })).WithName("cluster_telemetry");
    }

    private static TelemetryContext Context(HttpContext ctx, NodeObservability o, NodeSettings s, CollectionManager c) =>
        new(o, s, c, RequestAuth.Of(ctx).Access, TelemetryRequest.From(ctx.Request));
}
