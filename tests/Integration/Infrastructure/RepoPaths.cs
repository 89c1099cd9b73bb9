using System.Reflection;

namespace Citadel.Tests.Integration.Infrastructure;

/// <summary>Where the repository, the built node and the JS scenarios are, as seen from the test assembly.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository root (the folder holding <c>Cluster.sln</c>).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>The build configuration of the test assembly; the node is taken from the same one.</summary>
    public static string Configuration =>
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The built node, <c>src/Node/bin/&lt;Configuration&gt;/net10.0/citadel.dll</c> (or <c>CITADEL_NODE_DLL</c>).</summary>
    public static string NodeDll
    {
        get
        {
            var overridden = Environment.GetEnvironmentVariable("CITADEL_NODE_DLL");
            if (!string.IsNullOrEmpty(overridden))
            {
                return overridden;
            }

            var path = Path.Combine(RepositoryRoot, "src", "Node", "bin", Configuration, "net10.0", "citadel.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"The node is not built for {Configuration}: run `dotnet build Cluster.sln -c {Configuration}` first.", path);
        }
    }

    /// <summary>The JS scenario folder (<c>tests/js</c>), with its <c>node_modules</c> installed by <c>npm ci</c>.</summary>
    public static string JsDirectory => Path.Combine(RepositoryRoot, "tests", "js");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cluster.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Cluster.sln above {AppContext.BaseDirectory}");
    }
}
