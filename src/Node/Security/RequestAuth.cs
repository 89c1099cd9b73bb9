using Citadel.Auth.Access;
using Grpc.Core;
using AccessValue = Citadel.Auth.Access.Access;

namespace Citadel.Node.Security;

/// <summary>Who is calling and what they may do, decided once per request by the REST or gRPC gate.</summary>
internal sealed record RequestAuth(AccessValue Access, AuthType Type, string? Subject)
{
    private const string GrpcKey = "citadel.auth";

    /// <summary>Full access for requests that pass without authentication (no keys configured).</summary>
    public static readonly RequestAuth Anonymous = new(AccessValue.Manage, AuthType.None, null);

    /// <summary>The decision stored on an HTTP request by the REST gate.</summary>
    public static RequestAuth Of(HttpContext context) => context.Features.Get<RequestAuth>() ?? Anonymous;

    /// <summary>The decision stored on a gRPC call by the gRPC gate.</summary>
    public static RequestAuth Of(ServerCallContext context) =>
        context.UserState.TryGetValue(GrpcKey, out var v) && v is RequestAuth auth ? auth : Anonymous;

    public void AttachTo(HttpContext context) => context.Features.Set(this);

    public void AttachTo(ServerCallContext context) => context.UserState[GrpcKey] = this;
}
