using Citadel.Auth.Jwt;

namespace Citadel.Auth;

/// <summary>Result of a <c>value_exists</c> lookup.</summary>
public enum ValueExistsResult
{
    /// <summary>A point with all the values exists.</summary>
    Exists,

    /// <summary>The collection exists but no point matches.</summary>
    NoMatch,

    /// <summary>The collection does not exist.</summary>
    CollectionMissing,
}

/// <summary>
/// Looks for a point carrying the payload values a token's <c>value_exists</c> claim names. Implemented by the node
/// with its storage (and, in a cluster, its routing); Auth only owns the question.
/// </summary>
public interface IValueExistsChecker
{
    /// <summary>Checks the claim with full internal access (not audited, not limited by the token).</summary>
    ValueTask<ValueExistsResult> CheckAsync(ValueExistsClaim claim, CancellationToken cancellationToken);
}
