using Citadel.Node.Rest.Endpoints;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Serilog;

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
        var service = node.Settings.Service;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(logging.Serilog, dispose: false);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            Listen.On(k, service, port, o =>
            {
                o.Protocols = HttpProtocols.Http1;
                if (node.Tls is { } tls)
                {
                    o.UseHttps(NodeTls.ForRest(tls));
                }
            });
        });
        builder.Services.AddRouting();
        var app = builder.Build();
        var metrics = node.Observability.Metrics;
        app.MapGet("/metrics", (HttpContext ctx) => MetricsEndpoints.WriteAsync(ctx, metrics));
        return app;
    }
}
