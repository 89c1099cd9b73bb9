namespace Citadel.Node.Security;

/// <summary>
/// Reads the collection name from a route. ASP.NET decodes every escape in a route value except <c>%2F</c>; Qdrant's
/// router decodes it too, so a name like <c>a%2Fb</c> reaches validation as <c>a/b</c> (and is refused), and the
/// access check and the handler always see the same name.
/// </summary>
internal static class RouteValues
{
    public static string? CollectionName(HttpContext context) =>
        context.GetRouteValue("collection_name") is string raw ? Decode(raw) : null;

    public static string Decode(string raw) =>
        raw.Contains('%', StringComparison.Ordinal) ? raw.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase) : raw;
}
