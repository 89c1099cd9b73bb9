namespace Citadel.Node.Configuration;

/// <summary>Resolves configured paths against the working directory, as Qdrant does (it never uses the config file's folder).</summary>
internal static class PathResolver
{
    public static string Resolve(string path, string workingDirectory) => Path.GetFullPath(path, workingDirectory);

    public static string? ResolveOptional(string? path, string workingDirectory) =>
        string.IsNullOrEmpty(path) ? null : Resolve(path, workingDirectory);
}
