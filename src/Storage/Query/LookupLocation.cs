namespace Citadel.Storage.Query;

/// <summary>
/// Where the ids of a query's examples are looked up (<c>lookup_from</c>): another collection, and the vector
/// there (null means the vector the query uses).
/// </summary>
public sealed record LookupLocation(string Collection, string? Vector);
