using System.Globalization;
using Citadel.Tests.Integration.Infrastructure;

namespace Citadel.Tests.Integration.Scenarios;

/// <summary>
/// The official Qdrant JS clients (REST and gRPC) drive every query kind against a fresh node: nearest by vector and
/// id, recommend (three strategies), discover, context, prefetch trees, rrf and dbsf fusion, order_by, sample,
/// thresholds and offsets, lookup_from, batches, groups with with_lookup, the legacy explore endpoints and the
/// distance matrices; the script checks each answer against its own brute-force computation.
/// </summary>
public sealed class QueryScenarioTests
{
    [Fact]
    public async Task OfficialClients_EveryQueryKind_AnswersLikeTheBruteForceReference()
    {
        await using var node = await NodeProcess.StartAsync();
        var result = await JsRunner.RunAsync("query-scenario.mjs", ["--http-port", Port(node.HttpPort), "--grpc-port", Port(node.GrpcPort)], node);
        Assert.Contains("PASS query-scenario", result.Stdout, StringComparison.Ordinal);
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
