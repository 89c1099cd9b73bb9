namespace Citadel.Node.Rest;

/// <summary>
/// Qdrant's <c>NormalizePath::trim</c>: a trailing slash is removed and repeated slashes are merged before routing,
/// so <c>/collections//a/</c> and <c>/collections/a</c> reach the same handler (and the same access check).
/// </summary>
internal sealed class PathNormalizationMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (!string.IsNullOrEmpty(path) && path.Length > 1 && (path.EndsWith('/') || path.Contains("//", StringComparison.Ordinal)))
        {
            context.Request.Path = new PathString(Normalize(path));
        }

        return next(context);
    }

    internal static string Normalize(string path)
    {
        var sb = new System.Text.StringBuilder(path.Length);
        foreach (var c in path)
        {
            if (c == '/' && sb.Length > 0 && sb[^1] == '/')
            {
                continue;
            }

            sb.Append(c);
        }

        while (sb.Length > 1 && sb[^1] == '/')
        {
            sb.Length--;
        }

        return sb.Length == 0 ? "/" : sb.ToString();
    }
}
