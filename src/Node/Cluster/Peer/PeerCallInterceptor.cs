using System.Globalization;
using Citadel.Auth.Credentials;
using Citadel.Node.Cluster.Forwarding;
using Citadel.Node.Cluster.Protocol;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Citadel.Node.Cluster.Peer;

/// <summary>
/// The gate of every gRPC call on the peer port. The caller already passed mutual TLS and the identity allow-list
/// (or, without peer TLS, must present this cluster's admin key). Nothing is served before consensus runs. Public
/// Qdrant services answer only calls forwarded by a peer: they must carry the access that peer decided, which becomes
/// the call's access here, and they run once this node has applied the forwarding node's metadata.
/// </summary>
internal sealed class PeerCallInterceptor(ClusterNode cluster, KeyRing keys) : Interceptor
{
    private const string PublicServicePrefix = "/qdrant.";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await AdmitAsync(context);
        return await continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AdmitAsync(context);
        await continuation(request, responseStream, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AdmitAsync(context);
        return await continuation(requestStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AdmitAsync(context);
        await continuation(requestStream, responseStream, context);
    }

    private async Task AdmitAsync(ServerCallContext context)
    {
        if (cluster.Tls is null && (keys.ApiKey ?? keys.AltApiKey) is not null
            && (context.RequestHeaders.GetValue("api-key") is not { } key || keys.Match(key) != KeyKind.Manage))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "peer calls need this cluster's admin api-key"));
        }

        if (!cluster.IsRunning)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "this peer is starting: consensus is not running yet"));
        }

        if (!context.Method.StartsWith(PublicServicePrefix, StringComparison.Ordinal))
        {
            return;
        }

        if (context.RequestHeaders.GetValueBytes(PeerCallMetadata.Access) is not { } access)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "the peer port serves public methods only to calls forwarded by a peer"));
        }

        DecidedAccess decided;
        try
        {
            decided = DecidedAccess.Parser.ParseFrom(access);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "undecodable forwarded access"));
        }

        PeerCallMetadata.MarkForwarded(context, DecidedAccessCodec.Decode(decided));
        if (long.TryParse(context.RequestHeaders.GetValue(PeerCallMetadata.MinApplied), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            await cluster.WaitAppliedAsync(index, context.CancellationToken);
        }
    }
}
