using Citadel.Auth;
using Citadel.Auth.Access;
using Citadel.Auth.Credentials;
using Citadel.Common.Errors;
using Citadel.Node.Observability.Metrics;

namespace Citadel.Node.Security;

/// <summary>
/// The REST gate. Runs after routing, before any handler reads the body: the matched endpoint's name is its action
/// in the access table. Public actions pass; everything else (including unknown paths) needs a credential; the
/// requirement is checked against the collection in the route before the collection is looked up (403 before 404).
/// A route without a table entry is denied (fail closed).
/// </summary>
internal sealed class RestAuthMiddleware(RequestDelegate next, Authenticator authenticator, AccessAudit audit, NodeMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // A request another peer forwarded (run in-process by RestInvoker) was authenticated, checked and audited there.
        if (context.Features.Get<Cluster.Forwarding.ForwardedCall>() is { } forwarded)
        {
            forwarded.Auth.AttachTo(context);
            await next(context);
            return;
        }

        var endpoint = context.GetEndpoint();
        var action = endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        var requirement = action is null ? null : AccessTable.For(action);
        if (requirement?.Scope == RequirementScope.Public)
        {
            await next(context);
            return;
        }

        var credential = CredentialExtractor.Extract(Header(context, "api-key"), Header(context, "authorization"));
        var outcome = await authenticator.AuthenticateAsync(credential, context.RequestAborted);
        if (!outcome.Succeeded)
        {
            AuthDecisions.Refused(metrics, credential is not null, outcome);
            audit.Refused(context, outcome);

            // Qdrant's auth middleware answers with the bare message, no JSON envelope.
            context.Response.StatusCode = outcome.FailureKind == ErrorKind.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync(outcome.FailureMessage!, context.RequestAborted);
            return;
        }

        var auth = new RequestAuth(outcome.Access!, outcome.Type, outcome.Subject);
        if (endpoint is not null)
        {
            if (requirement is null)
            {
                throw CitadelException.Forbidden($"No access rule covers {action ?? "this endpoint"}");
            }

            var collection = RouteValues.CollectionName(context);
            var denial = AccessChecker.Check(auth.Access, requirement, collection);
            AuthDecisions.Decided(metrics, auth.Type, auth.Access, denial is null);
            // Recorded before the handler runs, so an answered request always has its entry, even after a kill -9.
            audit.Decided(context, action!, requirement, auth, collection, denial);
            if (denial is not null)
            {
                throw CitadelException.Forbidden(denial);
            }
        }

        auth.AttachTo(context);
        await next(context);
    }

    private static string? Header(HttpContext context, string name) =>
        context.Request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;
}
