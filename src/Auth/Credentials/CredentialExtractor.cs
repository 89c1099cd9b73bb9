namespace Citadel.Auth.Credentials;

/// <summary>
/// Finds the credential in request headers (REST) or metadata (gRPC), Qdrant's way: the <c>api-key</c> header first;
/// only when it is absent, <c>authorization</c> starting with exactly <c>Bearer </c>. Non-ASCII values count as absent.
/// </summary>
public static class CredentialExtractor
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>The credential, or null when none was sent.</summary>
    /// <param name="apiKeyHeader">Value of <c>api-key</c>, or null.</param>
    /// <param name="authorizationHeader">Value of <c>authorization</c>, or null.</param>
    public static string? Extract(string? apiKeyHeader, string? authorizationHeader)
    {
        if (apiKeyHeader is not null)
        {
            return IsAscii(apiKeyHeader) ? apiKeyHeader : null;
        }

        if (authorizationHeader is not null && authorizationHeader.StartsWith(BearerPrefix, StringComparison.Ordinal) && IsAscii(authorizationHeader))
        {
            return authorizationHeader[BearerPrefix.Length..];
        }

        return null;
    }

    private static bool IsAscii(string value)
    {
        foreach (var c in value)
        {
            if (c > 0x7F)
            {
                return false;
            }
        }

        return true;
    }
}
