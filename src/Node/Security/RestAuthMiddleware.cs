using Citadel.Auth;
using Citadel.Auth.Access;
using Citadel.Auth.Credentials;
using Citadel.Common.Errors;

namespace Citadel.Node.Security;

/// <summary>
/// The REST gate. Runs after routing, before any handler reads the body: the matched endpoint's name is its action
/// in the access table. Public actions pass; everything else (including unknown paths) needs a credential; the
/// requirement is checked against the collection in the route before the collection is looked up (403 before 404).
/// A route without a table entry is denied (fail closed).
/// </summary>
internal sealed class RestAuthMiddleware(RequestDelegate next, Authenticator authenticator)
{
    public async Task InvokeAsync(HttpContext context)
    {
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
            // Qdrant's auth middleware answers with the bare message, no JSON envelope.
            context.Response.StatusCode = outcome.FailureKind == ErrorKind.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync(outcome.FailureMessage!, context.RequestAborted);
            return;
        }

        if (endpoint is not null)
        {
            if (requirement is null)
            {
                throw CitadelException.Forbidden($"No access rule covers {action ?? "this endpoint"}");
            }

            if (AccessChecker.Check(outcome.Access!, requirement, RouteValues.CollectionName(context)) is { } denial)
            {
                throw CitadelException.Forbidden(denial);
            }
        }

        new RequestAuth(outcome.Access!, outcome.Type, outcome.Subject).AttachTo(context);
        await next(context);
    }

    private static string? Header(HttpContext context, string name) =>
        context.Request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;
}
