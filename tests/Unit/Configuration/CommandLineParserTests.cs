using Citadel.Node.Configuration;

namespace Citadel.Tests.Unit.Configuration;

public sealed class CommandLineParserTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public void NoArguments_StartsWithDefaults()
    {
        var options = Start([]);

        Assert.Null(options.Uri);
        Assert.Null(options.Bootstrap);
        Assert.Null(options.ConfigPath);
        Assert.Empty(options.Snapshots);
        Assert.Null(options.StorageSnapshot);
        Assert.False(options.ForceSnapshot);
        Assert.False(options.DisableTelemetry);
        Assert.False(options.Stacktrace);
        Assert.False(options.Reinit);
        Assert.Empty(options.Warnings);
    }

    [Fact]
    public void EveryFlag_IsParsed()
    {
        var options = Start(
        [
            "--uri", "http://10.0.0.1:6335",
            "--bootstrap", "http://10.0.0.2:6335",
            "--config-path", "conf/node.yaml",
            "--snapshot", "a.snapshot:books",
            "--storage-snapshot", "full.snapshot",
            "--force-snapshot",
            "--disable-telemetry",
            "--stacktrace",
            "--reinit",
        ]);

        Assert.Equal(new Uri("http://10.0.0.1:6335"), options.Uri);
        Assert.Equal(new Uri("http://10.0.0.2:6335"), options.Bootstrap);
        Assert.Equal("conf/node.yaml", options.ConfigPath);
        Assert.Equal(new CollectionSnapshotArgument("a.snapshot", "books"), Assert.Single(options.Snapshots));
        Assert.Equal("full.snapshot", options.StorageSnapshot);
        Assert.True(options.ForceSnapshot);
        Assert.True(options.DisableTelemetry);
        Assert.True(options.Stacktrace);
        Assert.True(options.Reinit);
    }

    [Fact]
    public void ShortForceFlag_IsAccepted()
    {
        Assert.True(Start(["-f"]).ForceSnapshot);
    }

    [Fact]
    public void Snapshot_IsRepeatableAndHasAlias()
    {
        var options = Start(["--snapshot", "one.snapshot:one", "--collection-snapshot", "two.snapshot:two", "--snapshot", "three.snapshot:three"]);

        Assert.Equal(
            [new("one.snapshot", "one"), new("two.snapshot", "two"), new CollectionSnapshotArgument("three.snapshot", "three")],
            options.Snapshots);
    }

    [Fact]
    public void Snapshot_SplitsOnLastColon()
    {
        var snapshot = Assert.Single(Start(["--snapshot", @"C:\backups\books.snapshot:books"]).Snapshots);

        Assert.Equal(@"C:\backups\books.snapshot", snapshot.Path);
        Assert.Equal("books", snapshot.CollectionName);
    }

    [Theory]
    [InlineData("no-colon.snapshot")]
    [InlineData("path.snapshot:")]
    [InlineData(":name")]
    public void MalformedSnapshot_FailsWithUsageError(string value)
    {
        var result = CommandLineParser.Parse(["--snapshot", value], NoEnvironment);

        Assert.True(result.ShouldExit);
        Assert.True(result.IsError);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("PATH:NAME", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UriFromEnvironment_IsUsedWhenFlagAbsent()
    {
        var options = Start([], new Dictionary<string, string> { ["QDRANT_URI"] = "http://peer-a:6335", ["QDRANT_BOOTSTRAP"] = "https://peer-b:6335" });

        Assert.Equal(new Uri("http://peer-a:6335"), options.Uri);
        Assert.Equal(new Uri("https://peer-b:6335"), options.Bootstrap);
    }

    [Fact]
    public void UriFlag_WinsOverEnvironment()
    {
        var options = Start(["--uri", "http://flag:6335"], new Dictionary<string, string> { ["QDRANT_URI"] = "http://env:6335" });

        Assert.Equal(new Uri("http://flag:6335"), options.Uri);
    }

    [Theory]
    [InlineData("10.0.0.1:6335")]
    [InlineData("grpc://10.0.0.1:6335")]
    [InlineData("/relative/path")]
    [InlineData("not a uri")]
    public void NonHttpUri_FailsWithUsageError(string value)
    {
        var result = CommandLineParser.Parse(["--uri", value], NoEnvironment);

        Assert.True(result.IsError);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--uri", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUriFromEnvironment_NamesTheVariable()
    {
        var result = CommandLineParser.Parse([], new Dictionary<string, string> { ["QDRANT_BOOTSTRAP"] = "peer:6335" });

        Assert.True(result.IsError);
        Assert.Contains("QDRANT_BOOTSTRAP", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BootstrapEqualToUri_IsDroppedWithWarning()
    {
        var options = Start(["--uri", "http://10.0.0.1:6335", "--bootstrap", "http://10.0.0.1:6335/"]);

        Assert.Equal(new Uri("http://10.0.0.1:6335"), options.Uri);
        Assert.Null(options.Bootstrap);
        Assert.Single(options.Warnings);
    }

    [Fact]
    public void CliWarnings_AreReturnedByTheLoader()
    {
        using var dir = new TempWorkingDirectory();
        var options = Start(["--uri", "http://10.0.0.1:6335", "--bootstrap", "http://10.0.0.1:6335"]);

        var loaded = SettingsLoader.Load(options, NoEnvironment, dir.Path);

        Assert.Contains(options.Warnings[0], loaded.Warnings);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_PrintsUsageAndExitsZero(string flag)
    {
        var result = CommandLineParser.Parse([flag], NoEnvironment);

        Assert.True(result.ShouldExit);
        Assert.False(result.IsError);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--config-path", result.Message, StringComparison.Ordinal);
        Assert.Contains("--collection-snapshot", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("-V")]
    public void Version_PrintsVersionAndExitsZero(string flag)
    {
        var result = CommandLineParser.Parse([flag], NoEnvironment);

        Assert.True(result.ShouldExit);
        Assert.False(result.IsError);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("citadel ", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownFlag_FailsWithUsageError()
    {
        var result = CommandLineParser.Parse(["--no-such-flag"], NoEnvironment);

        Assert.True(result.IsError);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--no-such-flag", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FlagMissingItsValue_FailsWithUsageError()
    {
        var result = CommandLineParser.Parse(["--config-path"], NoEnvironment);

        Assert.True(result.IsError);
        Assert.Equal(2, result.ExitCode);
    }

    private static CommandLineOptions Start(string[] args, Dictionary<string, string>? environment = null)
    {
        var result = CommandLineParser.Parse(args, environment ?? NoEnvironment);
        Assert.False(result.ShouldExit, result.Message);
        return result.Options;
    }
}
