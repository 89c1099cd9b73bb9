using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Citadel.Tests.Integration.Infrastructure;

/// <summary>The harness itself, and the node behaviours it relies on: readiness, the storage lock, failure reports.</summary>
public sealed class NodeProcessTests
{
    [Fact]
    public async Task StartAsync_ReturnsANodeThatServesRestAndHealthOnItsPorts()
    {
        await using var node = await NodeProcess.StartAsync();
        Assert.NotEqual(node.HttpPort, node.GrpcPort);
        Assert.Equal(new Uri($"http://127.0.0.1:{node.HttpPort}/"), node.BaseUri);
        using var http = new HttpClient { BaseAddress = node.BaseUri };
        Assert.Equal("healthz check passed", await http.GetStringAsync(new Uri("healthz", UriKind.Relative)));
        Assert.Contains("\"version\":\"1.19.", await http.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(node.WorkingDirectory, "storage")), "storage is created relative to the working directory");
        Assert.Contains("listening on 127.0.0.1", node.ReadLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondNode_OnTheSameStorage_RefusesToStart()
    {
        await using var first = await NodeProcess.StartAsync();
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => NodeProcess.StartAsync(first.WorkingDirectory));
        Assert.Contains("is in use by another Citadel process", failure.Message, StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = first.BaseUri };
        using var response = await http.GetAsync(new Uri("collections", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task StartAsync_OnAPortThatIsTaken_FailsWithTheNodeLogInTheMessage()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        var env = new Dictionary<string, string> { [NodeProcess.HttpPortVariable] = port };

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => NodeProcess.StartAsync(env: env));

        Assert.Contains("did not become ready: the node exited with code 1", failure.Message, StringComparison.Ordinal);
        Assert.Contains("address already in use", failure.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task StopAsync_EndsTheNodeGracefullyWithExitCodeZero()
    {
        await using var node = await NodeProcess.StartAsync();
        Assert.Equal(0, await node.StopAsync());
        Assert.True(node.HasExited);
        Assert.Contains("Shutting down", node.ReadLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kill_EndsTheNodeAtOnceAndItRestartsOnTheSameStorage()
    {
        using var dir = new TempDirectory("kill");
        await using (var node = await NodeProcess.StartAsync(dir.Path))
        {
            node.Kill();
            Assert.True(node.HasExited);
            Assert.DoesNotContain("Shutting down", node.ReadLog(), StringComparison.Ordinal);
        }

        await using var again = await NodeProcess.StartAsync(dir.Path);
        Assert.False(again.HasExited);
    }
}
