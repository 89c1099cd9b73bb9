using Citadel.Node.Cluster.Forwarding;
using Citadel.Node.Observability.Requests;
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
        // HTTP/2 needs ALPN, so it is only offered together with TLS.
        var protocols = node.Tls is null ? HttpProtocols.Http1 : HttpProtocols.Http1AndHttp2;
        var builder = PublicListener.CreateBuilder(node, logging, service.HttpPort, protocols, NodeTls.ForRest, k =>
        {
            // The body limit is enforced while reading JSON, so that oversize bodies get Qdrant's 400 envelope.
            k.Limits.MaxRequestBodySize = null;
            k.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(Math.Max(1, service.HttpKeepAliveTimeoutSec));
        });
        node.AddTo(builder.Services);
        builder.Services.AddSingleton(logging.Levels);
        builder.Services.AddSingleton(new RestBody((long)service.MaxRequestSizeMb * 1024 * 1024));
        builder.Services.AddRouting();
        if (service.EnableCors)
        {
            builder.Services.AddCors();
        }

        var app = builder.Build();
        app.UseMiddleware<RestObservationMiddleware>();

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
        SnapshotEndpoints.Map(app);
        ShardSnapshotEndpoints.Map(app);
        FullSnapshotEndpoints.Map(app);
        TelemetryEndpoints.Map(app);
        MetricsEndpoints.Map(app);
        IssuesEndpoints.Map(app);
        QuotaEndpoints.Map(app);
        LoggerEndpoints.Map(app);
        PlannedEndpoints.Map(app);
        return app;
    }
}
