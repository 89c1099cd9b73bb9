using Citadel.Node.Cluster.Forwarding;
using Citadel.Node.Grpc;
using Citadel.Node.Grpc.Services;
using Citadel.Node.Observability.Requests;
using Citadel.Node.Security;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Serilog;

namespace Citadel.Node.Hosting;

/// <summary>The public gRPC server (<c>service.grpc_port</c>): HTTP/2 only, Qdrant's services plus reflection.</summary>
internal static class GrpcServer
{
    public static WebApplication Build(NodeServices node, NodeLogging logging, int port)
    {
        var service = node.Settings.Service;
        var builder = PublicListener.CreateBuilder(node, logging, port, HttpProtocols.Http2, NodeTls.ForGrpc);
        node.AddTo(builder.Services);
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = service.MaxRequestSizeMb * 1024 * 1024;
            o.MaxSendMessageSize = null;
            o.EnableDetailedErrors = false;

            // Qdrant sends gzip to clients that accept it (tonic send_compressed); gzip requests are accepted by default.
            o.ResponseCompressionAlgorithm = "gzip";
            o.ResponseCompressionLevel = System.IO.Compression.CompressionLevel.Fastest;
            o.Interceptors.Add<GrpcObservationInterceptor>();
            o.Interceptors.Add<GrpcErrorInterceptor>();
            o.Interceptors.Add<GrpcAuthInterceptor>();
            if (node.Cluster is not null)
            {
                o.Interceptors.Add<GrpcForwardingInterceptor>();
            }
        });
        builder.Services.AddSingleton(PublicServices.Reflection());
        builder.Services.AddSingleton(PublicServices.ReflectionV1Alpha());

        var app = builder.Build();
        PublicServices.Map(app);
        return app;
    }
}
