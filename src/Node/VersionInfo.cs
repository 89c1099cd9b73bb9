using System.Reflection;

namespace Citadel.Node;

/// <summary>What the node reports about itself. The version is Qdrant's API version that Citadel speaks.</summary>
internal static class VersionInfo
{
    /// <summary>Reported by <c>GET /</c> and HealthCheck; official clients check its major/minor.</summary>
    public const string Version = "1.19.0";

    /// <summary>Reported title.</summary>
    public const string Title = "citadel - vector search engine (qdrant compatible)";

    /// <summary>The git commit the binary was built from, when known.</summary>
    public static string? Commit { get; } = typeof(VersionInfo).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "GitCommit")?.Value is { Length: > 0 } c ? c : null;
}
