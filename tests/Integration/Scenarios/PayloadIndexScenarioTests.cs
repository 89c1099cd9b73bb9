using System.Globalization;
using Citadel.Tests.Integration.Infrastructure;

namespace Citadel.Tests.Integration.Scenarios;

/// <summary>
/// The official Qdrant JS clients as witnesses for payload indexes: an index of every schema type, payload_schema in
/// the collection info, filtered counts and queries against a brute-force reference, facets against an independent
/// count, order_by, and deleting an index (tests/js/payload-index-scenario.mjs).
/// </summary>
public sealed class PayloadIndexScenarioTests
{
    [Theory]
    [InlineData("rest")]
    [InlineData("grpc")]
    public async Task OfficialClient_PayloadIndexes_AnswerLikeTheReference(string transport)
    {
        await using var node = await NodeProcess.StartAsync();
        var port = transport == "grpc" ? node.GrpcPort : node.HttpPort;
        var result = await JsRunner.RunAsync("payload-index-scenario.mjs", ["--port", port.ToString(CultureInfo.InvariantCulture), "--transport", transport], node);
        Assert.Contains($"PASS payload-index-scenario {transport}", result.Stdout, StringComparison.Ordinal);
    }
}
