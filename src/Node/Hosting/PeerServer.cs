using Citadel.Auth.Tls;
using Citadel.Consensus.Peers;
using Citadel.Node.Cluster;
using Citadel.Node.Cluster.Forwarding;
using Citadel.Node.Cluster.Peer;
using Citadel.Node.Grpc;
using Citadel.Node.Grpc.Services;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Grpc.Core;
using Serilog;

namespace Citadel.Node.Hosting;

/// <summary>
/// The peer port (<c>cluster.p2p.port</c>, on <c>service.host</c>): mutual TLS against <c>tls.ca_cert</c> with the peer
/// allow-list, then Raft connections go to DotNext and everything else is HTTP/2 gRPC: membership, the internal
/// service, and the public Qdrant services for calls forwarded by peers (<see cref="PeerCallInterceptor"/>).
/// No reflection, as in Qdrant.
/// </summary>
internal static class PeerServer
{
    public static WebApplication Build(NodeServices node, ClusterNode cluster, RestInvoker rest, NodeLogging logging)
    {
        var settings = node.Settings;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(logging.Serilog, dispose: false);
        var log = logging.Factory.CreateLogger("Citadel.Cluster.PeerPort");
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;

            // Peer channels address peers as http:// and do TLS themselves in their connect callback (PeerChannels),
            // so requests arrive with :scheme http over TLS.
            k.AllowAlternateSchemes = true;
            Listen.On(k, settings.Service, settings.Cluster.P2p.Port ?? 6335, o =>
            {
                o.Protocols = HttpProtocols.Http2;
                if (cluster.Tls is { } tls)
                {
                    o.UseHttps(new TlsHandshakeCallbackOptions
                    {
                        OnConnection = _ => ValueTask.FromResult(tls.ServerOptions()),
                        HandshakeTimeout = TimeSpan.FromSeconds(10),
                    });
                }

                o.Use(PeerPortMultiplexer.For(cluster.RaftListener, log));
            });
        });
        node.AddTo(builder.Services);
        builder.Services.AddSingleton(rest);
        builder.Services.AddSingleton(node.Keys);
        builder.Services.AddSingleton(sp => new MembershipService(
            cluster.Raft,
            cluster.Channels,
            cluster.Proposer,
            cluster.Tls is not null,
            (context, host) => CallerNames(context, host),
            sp.GetRequiredService<ILogger<MembershipService>>()));
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = null;
            o.MaxSendMessageSize = null;
            o.EnableDetailedErrors = false;
            o.Interceptors.Add<GrpcErrorInterceptor>();
            o.Interceptors.Add<PeerCallInterceptor>();
            o.Interceptors.Add<GrpcForwardingInterceptor>();
        });

        var app = builder.Build();
        app.MapGrpcService<MembershipService>();
        app.MapGrpcService<PeerInternalService>();
        app.MapGrpcService<CollectionsService>();
        app.MapGrpcService<PointsService>();
        app.MapGrpcService<SnapshotsService>();
        app.MapGrpcService<StorageReadService>();
        return app;
    }

    /// <summary>
    /// A joiner may register only an address its certificate names (DNS or IP SAN, or CN), so one allowed peer cannot
    /// register another's address. Without peer TLS there is no certificate and the loopback-or-opt-in rule applies.
    /// </summary>
    private static bool CallerNames(ServerCallContext context, string host)
    {
        var certificate = context.GetHttpContext().Connection.ClientCertificate;
        return certificate is null
            ? context.GetHttpContext().Request.IsHttps is false
            : PeerIdentityPolicy.IdentitiesOf(certificate).Any(n => string.Equals(n, host, StringComparison.OrdinalIgnoreCase));
    }
}
