using Citadel.Node.Rest;
using Citadel.Node.Rest.Endpoints;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Citadel.Node.Hosting;

/// <summary>
/// The optional <c>service.metrics_port</c> server: its own Kestrel instance on <c>service.host</c> serving only
/// <c>GET /metrics</c>, without authentication (for scrapers), over the REST TLS settings when TLS is on. Every other
/// path is a bare 404, so the port reveals nothing else.
/// </summary>
internal static class MetricsServer
{
    public static WebApplication Build(NodeServices node, NodeLogging logging, int port)
    {
        var builder = PublicListener.CreateBuilder(node, logging, port, HttpProtocols.Http1, NodeTls.ForRest);
        builder.Services.AddRouting();
        var app = builder.Build();

        // Bad query parameters (`?anonymize=x`) get Qdrant's 4xx body here too, not a 500 and an error log line.
        app.UseMiddleware<RestErrorMiddleware>();
        var metrics = node.Observability.Metrics;
        app.MapGet("/metrics", (HttpContext ctx) => MetricsEndpoints.WriteAsync(ctx, metrics));
        return app;
    }
}
