using Citadel.Node.Configuration;

namespace Citadel.Tests.Unit.Configuration;

public sealed class PathResolutionTests : IDisposable
{
    private readonly TempWorkingDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void DefaultPaths_ResolveAgainstWorkingDirectory()
    {
        var settings = Load.From(dir.Path).Settings;

        Assert.Equal(Path.Combine(dir.Path, "storage"), settings.Storage.StoragePath);
        Assert.Equal(Path.Combine(dir.Path, "snapshots"), settings.Storage.SnapshotsPath);
        Assert.Equal(Path.Combine(dir.Path, "storage", "audit"), settings.Audit.Dir);
        Assert.Equal(Path.Combine(dir.Path, "tls", "cert.pem"), settings.Tls!.Cert);
        Assert.Equal(Path.Combine(dir.Path, "tls", "key.pem"), settings.Tls.Key);
        Assert.Equal(Path.Combine(dir.Path, "tls", "cacert.pem"), settings.Tls.CaCert);
    }

    [Fact]
    public void RelativePathsInConfigPathFile_ResolveAgainstWorkingDirectoryNotFileFolder()
    {
        dir.Write("conf/deep/node.yaml", "storage:\n  storage_path: data/store\n  temp_path: ./tmp\n");

        var settings = Load.From(dir.Path, cli: new CommandLineOptions { ConfigPath = "conf/deep/node.yaml" }).Settings;

        Assert.Equal(Path.Combine(dir.Path, "data", "store"), settings.Storage.StoragePath);
        Assert.Equal(Path.Combine(dir.Path, "tmp"), settings.Storage.TempPath);
    }

    [Fact]
    public void AbsolutePaths_AreKept()
    {
        var absolute = Path.Combine(Path.GetTempPath(), "citadel-elsewhere", "audit");

        var settings = Load.WithEnvironment(dir.Path, ("QDRANT__AUDIT__DIR", absolute)).Settings;

        Assert.Equal(absolute, settings.Audit.Dir);
    }
}
