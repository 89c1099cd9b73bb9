namespace Citadel.Auth.Jwt;

/// <summary>The claims Citadel reads from a token (Qdrant's <c>Claims</c>); unknown claims are ignored.</summary>
/// <param name="Expiry">The <c>exp</c> claim, when present.</param>
/// <param name="Access">The <c>access</c> claim; absent means full manage access.</param>
/// <param name="ValueExists">The <c>value_exists</c> claim, checked on every request.</param>
/// <param name="Subject">The <c>subject</c> claim, recorded in audit entries.</param>
public sealed record TokenClaims(DateTimeOffset? Expiry, Access.Access Access, ValueExistsClaim? ValueExists, string? Subject);

/// <summary>Valid only while a point with all these payload values exists in <see cref="Collection"/>.</summary>
public sealed record ValueExistsClaim(string Collection, IReadOnlyList<ValueMatch> Matches);

/// <summary>One <c>{key, value}</c> pair of a <see cref="ValueExistsClaim"/>; the value is a string, integer or bool.</summary>
public sealed record ValueMatch(string Key, object Value);
