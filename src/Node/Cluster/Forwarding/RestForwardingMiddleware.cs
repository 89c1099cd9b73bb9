using Citadel.Common.Errors;
using Citadel.Node.Cluster.Protocol;
using Citadel.Node.Rest;
using Citadel.Node.Security;
using Citadel.Storage.Collections;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;

namespace Citadel.Node.Cluster.Forwarding;

/// <summary>
/// Any node serves any request: after the REST gate has authenticated, checked and audited a request, one that must
/// run on the peer holding its collection (<see cref="OwnerRouting"/>) is sent there over the peer port with the
/// decided access, and the holder's answer is returned as is. A request that was itself forwarded is never forwarded
/// again (a disagreement about the holder answers 503 instead of looping).
/// </summary>
internal sealed class RestForwardingMiddleware(RequestDelegate next, ClusterNode cluster, CollectionManager collections, RestBody body)
{
    private static readonly string[] PassedHeaders = ["x-request-id", "x-tracing-id", "traceparent", "accept"];

    public async Task InvokeAsync(HttpContext context)
    {
        var action = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        var name = RouteValues.CollectionName(context);
        if (action is null || name is null || !OwnerRouting.RunsOnHolder(action)
            || collections.Catalog.Resolve(name) is not { Owner: { } owner } || owner == cluster.Self.Id)
        {
            await next(context);
            return;
        }

        if (context.Features.Get<ForwardedCall>() is not null)
        {
            throw new CitadelException(ErrorKind.Unavailable, $"collection `{name}` is held by peer {owner}, not by this peer; metadata is still settling, retry");
        }

        var uri = cluster.UriOf(owner) ?? throw new CitadelException(ErrorKind.Unavailable, $"collection `{name}` is held by peer {owner}, which is not a member of the cluster");
        var request = context.Request;
        var call = new RestCall
        {
            Access = DecidedAccessCodec.Encode(RequestAuth.Of(context)),
            Method = request.Method,
            Path = request.Path.Value ?? "/",
            RawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? string.Empty,
            Query = request.QueryString.Value ?? string.Empty,
            ContentType = request.ContentType ?? string.Empty,
            Body = ByteString.CopyFrom(await body.ReadRawAsync(context)),
            MinApplied = cluster.Raft.AppliedIndex,
        };
        foreach (var header in PassedHeaders)
        {
            if (request.Headers.TryGetValue(header, out var value))
            {
                call.Headers[header] = value.ToString();
            }
        }

        RestReply reply;
        try
        {
            reply = await new PeerInternal.PeerInternalClient(cluster.Channels.For(uri)).ForwardRestAsync(
                call,
                deadline: DateTime.UtcNow.AddMilliseconds(cluster.CallTimeoutMs),
                cancellationToken: context.RequestAborted);
        }
        catch (RpcException e) when (!context.RequestAborted.IsCancellationRequested)
        {
            cluster.Failures.Record(uri, e.Status.Detail);
            throw PeerErrors.Unreachable(owner, name, e);
        }

        context.Response.StatusCode = reply.Status;
        if (reply.ContentType.Length > 0)
        {
            context.Response.ContentType = reply.ContentType;
        }

        foreach (var (header, value) in reply.Headers)
        {
            context.Response.Headers[header] = value;
        }

        await context.Response.Body.WriteAsync(reply.Body.Memory, context.RequestAborted);
    }
}
