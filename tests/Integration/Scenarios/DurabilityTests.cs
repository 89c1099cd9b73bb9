using System.Diagnostics;
using System.Globalization;
using Citadel.Tests.Integration.Infrastructure;

namespace Citadel.Tests.Integration.Scenarios;

/// <summary>
/// What a client was told is what survives: the official REST client writes with <c>wait=true</c> and records every
/// acknowledged id; the node is then killed (SIGKILL) or stopped (SIGTERM), restarted on the same storage, and a
/// verifier checks every acknowledged point, its payload and vector.
/// </summary>
public sealed class DurabilityTests
{
    private const string Collection = "durable";
    private const int AcknowledgedBeforeKill = 2000;

    [Fact]
    public async Task Sigkill_DuringWaitedUpserts_LosesNoAcknowledgedPoint()
    {
        using var dir = new TempDirectory("sigkill");
        var storage = Path.Combine(dir.Path, "node");
        var files = new[] { "--ack-file", dir.File("acked.txt"), "--sent-file", dir.File("sent.txt") };

        await using (var node = await NodeProcess.StartAsync(storage))
        {
            using var writer = JsRunner.Start("crash-writer.mjs", ["--port", Port(node.HttpPort), "--collection", Collection, "--create", "--batch", "100", "--concurrency", "4", .. files]);
            await WaitForAcknowledgementsAsync(dir.File("acked.txt"), AcknowledgedBeforeKill, writer, node);
            node.Kill();
            var written = await writer.WaitAsync(TimeSpan.FromMinutes(2));
            JsRunner.EnsureSucceeded(written, node);
            Assert.Contains("node went away after", written.Stdout, StringComparison.Ordinal);
        }

        await using var restarted = await NodeProcess.StartAsync(storage);
        var verified = await JsRunner.RunAsync("crash-verify.mjs", ["--port", Port(restarted.HttpPort), "--collection", Collection, "--check-writable", .. files], restarted);
        Assert.Contains("PASS crash-verify", verified.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GracefulRestart_KeepsEveryPointPayloadVectorAndAlias()
    {
        using var dir = new TempDirectory("graceful");
        var storage = Path.Combine(dir.Path, "node");
        var files = new[] { "--ack-file", dir.File("acked.txt"), "--sent-file", dir.File("sent.txt") };

        await using (var node = await NodeProcess.StartAsync(storage))
        {
            var written = await JsRunner.RunAsync("crash-writer.mjs", ["--port", Port(node.HttpPort), "--collection", Collection, "--create", "--alias", "durable_alias", "--total", "5000", .. files], node);
            Assert.Contains("all 5000 points acknowledged", written.Stdout, StringComparison.Ordinal);
            Assert.Equal(0, await node.StopAsync());
        }

        await using var restarted = await NodeProcess.StartAsync(storage);
        var verified = await JsRunner.RunAsync("crash-verify.mjs", ["--port", Port(restarted.HttpPort), "--collection", Collection, "--exact", "--alias", "durable_alias", "--check-writable", .. files], restarted);
        Assert.Contains("PASS crash-verify", verified.Stdout, StringComparison.Ordinal);

        // And once more, so that state written after a recovery survives a restart as well.
        Assert.Equal(0, await restarted.StopAsync());
        await using var again = await NodeProcess.StartAsync(storage);
        using var http = new HttpClient { BaseAddress = again.BaseUri };
        using var count = await http.PostAsync($"collections/{Collection}/points/count", Json("""{"exact":true}"""));
        Assert.Equal("""{"count":5001}""", ResultOf(await count.Content.ReadAsStringAsync()));
    }

    private static async Task WaitForAcknowledgementsAsync(string ackFile, int wanted, JsProcess writer, NodeProcess node)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (File.Exists(ackFile) && File.ReadLines(ackFile).Count() >= wanted)
            {
                return;
            }

            if (writer.HasExited)
            {
                var result = await writer.WaitAsync(TimeSpan.FromSeconds(10));
                Assert.Fail($"the writer ended before {wanted} acknowledgements.{Environment.NewLine}{result.Describe()}{Environment.NewLine}{node.LogTail()}");
            }

            await Task.Delay(50);
        }

        Assert.Fail($"fewer than {wanted} acknowledgements after 2 minutes.{Environment.NewLine}{node.LogTail()}");
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    private static string ResultOf(string envelope)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(envelope);
        return doc.RootElement.GetProperty("result").GetRawText();
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
