using Citadel.Node.Cluster.Forwarding;
using Citadel.Node.Rest;
using Citadel.Node.Rest.Endpoints;
using Citadel.Node.Security;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Serilog;

namespace Citadel.Node.Hosting;

/// <summary>The REST server (<c>service.http_port</c>): its own Kestrel instance and middleware pipeline.</summary>
internal static class RestServer
{
    public static WebApplication Build(NodeServices node, NodeLogging logging, RestInvoker? invoker = null)
    {
        var service = node.Settings.Service;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(logging.Serilog, dispose: false);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            // The body limit is enforced while reading JSON, so that oversize bodies get Qdrant's 400 envelope.
            k.Limits.MaxRequestBodySize = null;
            k.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(Math.Max(1, service.HttpKeepAliveTimeoutSec));
            // HTTP/2 needs ALPN, so it is only offered together with TLS.
            Listen.On(k, service, service.HttpPort, o =>
            {
                o.Protocols = node.Tls is null ? HttpProtocols.Http1 : HttpProtocols.Http1AndHttp2;
                if (node.Tls is { } tls)
                {
                    o.UseHttps(NodeTls.ForRest(tls));
                }
            });
        });
        node.AddTo(builder.Services);
        builder.Services.AddSingleton(new RestBody((long)service.MaxRequestSizeMb * 1024 * 1024));
        builder.Services.AddRouting();
        if (service.EnableCors)
        {
            builder.Services.AddCors();
        }

        var app = builder.Build();

        // Requests forwarded by peers run through everything after this point (see RestInvoker).
        invoker?.Capture(app);
        app.UseMiddleware<RestErrorMiddleware>();
        if (service.EnableCors)
        {
            app.UseCors(p => p.AllowAnyOrigin().AllowAnyMethod().AllowAnyHeader());
        }

        app.UseMiddleware<PathNormalizationMiddleware>();
        app.UseRouting();
        app.UseMiddleware<RestAuthMiddleware>();
        if (node.Cluster is not null)
        {
            app.UseMiddleware<RestForwardingMiddleware>();
        }

        ServiceEndpoints.Map(app);
        CollectionEndpoints.Map(app);
        PointEndpoints.Map(app);
        SearchEndpoints.Map(app);
        QueryEndpoints.Map(app);
        ExploreEndpoints.Map(app);
        AuditEndpoints.Map(app);
        ClusterEndpoints.Map(app);
        PayloadIndexEndpoints.Map(app);
        PlannedEndpoints.Map(app);
        return app;
    }
}
