using System.Diagnostics;
using Citadel.Tests.Integration.Infrastructure;

namespace Citadel.Tests.Integration.Security;

/// <summary>A node cannot be started open to the network by accident.</summary>
public sealed class SecureByDefaultTests : IDisposable
{
    private readonly TempDirectory _dir = new("secure-default");

    [Fact]
    public async Task PublicBindWithoutAnyKey_RefusesToStartAndSaysHowToFixIt()
    {
        var (code, output) = await RunNodeAsync(new Dictionary<string, string> { ["QDRANT__SERVICE__HOST"] = "0.0.0.0" });
        Assert.Equal(1, code);
        Assert.Contains("service.host", output, StringComparison.Ordinal);
        Assert.Contains("set an API key", output, StringComparison.Ordinal);
        Assert.Contains("allow_insecure_public_bind", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "storage")), "nothing may be created before the refusal");
    }

    [Fact]
    public async Task EmptyApiKey_CountsAsUnset_SoAPublicBindIsStillRefused()
    {
        var (code, output) = await RunNodeAsync(new Dictionary<string, string> { ["QDRANT__SERVICE__HOST"] = "0.0.0.0", ["QDRANT__SERVICE__API_KEY"] = string.Empty });
        Assert.Equal(1, code);
        Assert.Contains("no API key is set", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefaultConfiguration_ListensOnLoopbackOnly()
    {
        await using var node = await NodeProcess.StartAsync();
        Assert.Contains("listening on 127.0.0.1", node.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    private async Task<(int Code, string Output)> RunNodeAsync(Dictionary<string, string> env)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = _dir.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(RepoPaths.NodeDll);
        foreach (var (k, v) in env)
        {
            info.Environment[k] = v;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException("the node kept running although it must refuse to start");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
