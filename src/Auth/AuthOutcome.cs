using Citadel.Common.Errors;

namespace Citadel.Auth;

/// <summary>
/// The result of authenticating one request: an <see cref="Access"/> with how it was obtained, or a failure that
/// the adapter renders (REST: 401/403 with the bare message; gRPC: UNAUTHENTICATED/PERMISSION_DENIED).
/// </summary>
public readonly record struct AuthOutcome(Access.Access? Access, Access.AuthType Type, string? Subject, ErrorKind FailureKind, string? FailureMessage)
{
    /// <summary>True when authentication succeeded.</summary>
    public bool Succeeded => Access is not null;

    public static AuthOutcome Allow(Access.Access access, Access.AuthType type, string? subject = null) => new(access, type, subject, default, null);

    public static AuthOutcome Unauthorized(string message) => new(null, Citadel.Auth.Access.AuthType.None, null, ErrorKind.Unauthorized, message);

    public static AuthOutcome Forbidden(string message) => new(null, Citadel.Auth.Access.AuthType.None, null, ErrorKind.Forbidden, message);
}
