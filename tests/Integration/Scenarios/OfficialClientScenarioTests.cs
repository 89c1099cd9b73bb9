using System.Globalization;
using Citadel.Tests.Integration.Infrastructure;

namespace Citadel.Tests.Integration.Scenarios;

/// <summary>
/// The official Qdrant JS clients as outside witnesses: each scenario drives a fresh node through the whole core flow
/// (collections, 10,010-point upsert, searches and filters checked against a brute-force reference, scroll, count,
/// payload and vector updates, aliases, deletes, retrieval) and exits non-zero on the first wrong answer.
/// </summary>
public sealed class OfficialClientScenarioTests
{
    [Fact]
    public async Task OfficialRestClient_CoreFlow_AnswersLikeQdrant()
    {
        await using var node = await NodeProcess.StartAsync();
        var result = await JsRunner.RunAsync("rest-scenario.mjs", ["--port", Port(node.HttpPort)], node);
        Assert.Contains("PASS rest-scenario", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfficialGrpcClient_CoreFlow_AnswersLikeQdrant()
    {
        await using var node = await NodeProcess.StartAsync();
        var result = await JsRunner.RunAsync("grpc-scenario.mjs", ["--port", Port(node.GrpcPort)], node);
        Assert.Contains("PASS grpc-scenario", result.Stdout, StringComparison.Ordinal);
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
