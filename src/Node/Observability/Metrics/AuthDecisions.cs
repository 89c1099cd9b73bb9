using Citadel.Auth;
using Citadel.Auth.Access;
using Citadel.Common.Errors;

namespace Citadel.Node.Observability.Metrics;

/// <summary>The labels of <c>citadel_auth_decisions_total</c> for the gates' outcomes.</summary>
internal static class AuthDecisions
{
    /// <summary>A credential was missing or not accepted (401), or a token was refused (bad signature, expired: 403).</summary>
    public static void Refused(NodeMetrics metrics, bool credentialPresented, AuthOutcome outcome) =>
        metrics.AuthDecision(
            outcome.FailureKind == ErrorKind.Forbidden ? "forbidden_token" : "unauthenticated",
            credentialPresented ? "invalid" : "none");

    /// <summary>An authenticated caller was allowed or denied an action.</summary>
    public static void Decided(NodeMetrics metrics, AuthType type, Access access, bool allowed) =>
        metrics.AuthDecision(allowed ? "allowed" : "denied", Credential(type, access));

    private static string Credential(AuthType type, Access access) => type switch
    {
        AuthType.Jwt => "jwt",
        AuthType.ApiKey when access.Global == GlobalAccessMode.Read => "read_only_key",
        AuthType.ApiKey => "api_key",
        _ => "none",
    };
}
