using Citadel.Node.Observability.Metrics;

namespace Citadel.Node.Rest.Endpoints;

/// <summary>
/// <c>GET /metrics</c>: Prometheus text exposition. On the REST port it needs global read access (the gate checks
/// it); the optional <c>service.metrics_port</c> serves the same handler without authentication.
/// <c>anonymize</c> and <c>per_collection</c> are accepted for Qdrant compatibility: no metric carries a collection
/// name or a peer URI, so there is nothing for them to change.
/// </summary>
internal static class MetricsEndpoints
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/metrics", (HttpContext ctx, NodeMetrics metrics) => WriteAsync(ctx, metrics)).WithName("metrics");

    public static async Task WriteAsync(HttpContext context, NodeMetrics metrics)
    {
        RestQuery.Bool(context.Request, "anonymize");
        RestQuery.Bool(context.Request, "per_collection");
        RestQuery.Timeout(context.Request);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ContentType;
        await metrics.WriteAsync(context.Response.Body, context.RequestAborted);
    }
}
