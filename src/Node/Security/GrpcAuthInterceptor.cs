using Citadel.Auth;
using Citadel.Auth.Access;
using Citadel.Auth.Credentials;
using Citadel.Common.Errors;
using Citadel.Node.Observability.Metrics;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Citadel.Node.Security;

/// <summary>
/// The gRPC gate, the same decision as the REST gate: the method path is the action, public methods (HealthCheck,
/// grpc.health Check) pass, reflection needs a credential, and the requirement is checked against the request's
/// <c>collection_name</c> field. Methods missing from the table are denied.
/// </summary>
internal sealed class GrpcAuthInterceptor(Authenticator authenticator, AccessAudit audit, NodeMetrics metrics) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync(request, context);
        return await continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync(request, context);
        await continuation(request, responseStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync<TRequest>(default, context);
        await continuation(requestStream, responseStream, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync<TRequest>(default, context);
        return await continuation(requestStream, context);
    }

    /// <summary>Decides the call and records the decision (before the handler runs: see the REST gate).</summary>
    private async Task AuthorizeAsync<TRequest>(TRequest? request, ServerCallContext context)
    {
        var action = AccessTable.ActionOfGrpcMethod(context.Method);
        var requirement = action is null ? null : AccessTable.For(action);
        if (requirement?.Scope == RequirementScope.Public)
        {
            return;
        }

        var credential = CredentialExtractor.Extract(context.RequestHeaders.GetValue("api-key"), context.RequestHeaders.GetValue("authorization"));
        var outcome = await authenticator.AuthenticateAsync(credential, context.CancellationToken);
        if (!outcome.Succeeded)
        {
            AuthDecisions.Refused(metrics, credential is not null, outcome);
            audit.Refused(context, outcome);
            var code = outcome.FailureKind == ErrorKind.Forbidden ? StatusCode.PermissionDenied : StatusCode.Unauthenticated;
            throw new RpcException(new Status(code, outcome.FailureMessage!));
        }

        if (requirement is null)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"Forbidden: No access rule covers {context.Method}"));
        }

        var auth = new RequestAuth(outcome.Access!, outcome.Type, outcome.Subject);
        var collection = Grpc.GrpcRequests.CollectionName(request);
        var denial = AccessChecker.Check(auth.Access, requirement, collection);
        AuthDecisions.Decided(metrics, auth.Type, auth.Access, denial is null);
        audit.Decided(context, action!, requirement, auth, collection, denial);
        if (denial is not null)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "Forbidden: " + denial));
        }

        auth.AttachTo(context);
    }
}
