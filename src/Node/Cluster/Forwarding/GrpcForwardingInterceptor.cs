using Citadel.Auth.Access;
using Citadel.Common.Errors;
using Citadel.Node.Grpc;
using Citadel.Node.Security;
using Citadel.Storage.Collections;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Citadel.Node.Cluster.Forwarding;

/// <summary>
/// The gRPC side of "any node serves any request": after the gRPC gate decided a call, one that must run on the peer
/// holding its collection is re-issued, byte for byte, to that peer's public services on the peer port, with the
/// decided access in <see cref="PeerCallMetadata.Access"/>. On the holder (a forwarded call) a disagreement about the
/// holder answers UNAVAILABLE instead of forwarding again.
/// </summary>
internal sealed class GrpcForwardingInterceptor(ClusterNode cluster, CollectionManager collections) : Interceptor
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);
    private static readonly string[] PassedHeaders = ["x-request-id", "x-tracing-id", "traceparent"];

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (Holder(request, context) is not { } holder)
        {
            return await continuation(request, context);
        }

        var (owner, uri, name) = holder;
        var metadata = new Metadata
        {
            { PeerCallMetadata.Access, DecidedAccessCodec.Encode(RequestAuth.Of(context)).ToByteArray() },
            { PeerCallMetadata.MinApplied, cluster.Raft.AppliedIndex.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        foreach (var header in PassedHeaders)
        {
            if (context.RequestHeaders.GetValue(header) is { } value)
            {
                metadata.Add(header, value);
            }
        }

        var path = context.Method.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = new Method<byte[], byte[]>(MethodType.Unary, path[0], path[1], Bytes, Bytes);
        byte[] reply;
        try
        {
            reply = await cluster.Channels.For(uri).AsyncUnaryCall(
                method,
                null,
                new CallOptions(metadata, DateTime.UtcNow.AddMilliseconds(cluster.CallTimeoutMs), context.CancellationToken),
                ((IMessage)request).ToByteArray());
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded && !context.CancellationToken.IsCancellationRequested)
        {
            cluster.Failures.Record(uri, e.Status.Detail);
            throw PeerErrors.Unreachable(owner, name, e);
        }

        var response = Activator.CreateInstance<TResponse>();
        ((IMessage)response).MergeFrom(reply);
        return response;
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (Holder(request, context) is { } holder)
        {
            throw new CitadelException(ErrorKind.Unavailable, $"streaming calls on collection `{holder.Name}` run only on the peer that holds it (peer {holder.Owner}); call that peer directly");
        }

        return continuation(request, responseStream, context);
    }

    /// <summary>The holder to forward to, or null when this node runs the call.</summary>
    private (ulong Owner, string Uri, string Name)? Holder<TRequest>(TRequest request, ServerCallContext context)
    {
        if (AccessTable.ActionOfGrpcMethod(context.Method) is not { } action || !OwnerRouting.RunsOnHolder(action)
            || GrpcRequests.CollectionName(request) is not { } name
            || collections.Catalog.Resolve(name) is not { Owner: { } owner } || owner == cluster.Self.Id)
        {
            return null;
        }

        if (PeerCallMetadata.IsForwarded(context))
        {
            throw new CitadelException(ErrorKind.Unavailable, $"collection `{name}` is held by peer {owner}, not by this peer; metadata is still settling, retry");
        }

        var uri = cluster.UriOf(owner) ?? throw new CitadelException(ErrorKind.Unavailable, $"collection `{name}` is held by peer {owner}, which is not a member of the cluster");
        return (owner, uri, name);
    }
}
