using System.Globalization;
using System.Net;
using Grpc.Core;

namespace Citadel.Tests.Integration.Observability;

/// <summary><c>GET /metrics</c>: Prometheus text with Qdrant's names and ours, global read access, the metrics port.</summary>
public sealed class MetricsTests(OperableNodeFixture fixture) : IClassFixture<OperableNodeFixture>
{
    [Fact]
    public async Task Scrape_HasQdrantsMetricNames_AndCitadelsOwn()
    {
        await fixture.ResultAsync("/collections/col", OperableNodeFixture.Admin);
        var (status, text, contentType) = await fixture.SendAsync(HttpMethod.Get, "/metrics", OperableNodeFixture.Admin);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("text/plain", contentType, StringComparison.Ordinal);
        Assert.Equal(1, Value(text, "app_info{name=\"citadel\",version=\"1.19.0\"}"));
        Assert.Equal(2, Value(text, "collections_total"));
        Assert.Equal(0, Value(text, "cluster_enabled"));
        Assert.DoesNotContain("\ncluster_term", text, StringComparison.Ordinal);
        Assert.True(Value(text, "rest_responses_total{method=\"GET\",endpoint=\"/collections/{collection_name}\",status=\"200\"}") >= 1);
        Assert.Contains("rest_responses_duration_seconds_bucket{method=\"GET\",endpoint=\"/collections/{collection_name}\",le=", text, StringComparison.Ordinal);
        Assert.True(Value(text, "citadel_auth_decisions_total{result=\"allowed\",credential=\"api_key\"}") >= 1);
        Assert.Equal(0, Value(text, "citadel_audit_write_failing"));
        Assert.True(Value(text, "citadel_audit_entries_written_total") >= 1);
        Assert.Contains("\ncitadel_audit_queue_depth ", text, StringComparison.Ordinal);
        Assert.Contains("\nmemory_resident_bytes ", text, StringComparison.Ordinal);
        Assert.Contains("\nprocess_open_handles ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthDecisions_AreCountedByResultAndCredentialType()
    {
        await fixture.SendAsync(HttpMethod.Delete, "/collections/col", OperableNodeFixture.ReadOnly);
        await fixture.SendAsync(HttpMethod.Get, "/collections", ("api-key", "no-such-key"));
        await fixture.SendAsync(HttpMethod.Get, "/collections/col", OperableNodeFixture.Scoped);
        var text = (await fixture.SendAsync(HttpMethod.Get, "/metrics", OperableNodeFixture.Admin)).Body;

        Assert.True(Value(text, "citadel_auth_decisions_total{result=\"denied\",credential=\"read_only_key\"}") >= 1);
        Assert.True(Value(text, "citadel_auth_decisions_total{result=\"unauthenticated\",credential=\"invalid\"}") >= 1);
        Assert.True(Value(text, "citadel_auth_decisions_total{result=\"allowed\",credential=\"jwt\"}") >= 1);
    }

    [Fact]
    public async Task ReadOnlyKey_MayScrape_ScopedTokenIsRefusedLikeQdrant_NoCredentialIs401()
    {
        Assert.Equal(HttpStatusCode.OK, (await fixture.SendAsync(HttpMethod.Get, "/metrics", OperableNodeFixture.ReadOnly)).Status);

        var (status, body, _) = await fixture.SendAsync(HttpMethod.Get, "/metrics", OperableNodeFixture.Scoped);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.StartsWith("{\"status\":{\"error\":\"Forbidden: Global access is required\"}", body, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.SendAsync(HttpMethod.Get, "/metrics", null)).Status);
    }

    [Fact]
    public async Task GrpcResponses_AreCountedByMethodAndStatus()
    {
        var collections = new Citadel.Grpc.Collections.CollectionsClient(fixture.Channel);
        await collections.ListAsync(new Citadel.Grpc.ListCollectionsRequest(), new Metadata { { "api-key", OperableNodeFixture.ApiKey } });
        var text = (await fixture.SendAsync(HttpMethod.Get, "/metrics", OperableNodeFixture.Admin)).Body;
        Assert.True(Value(text, "grpc_responses_total{endpoint=\"/qdrant.Collections/List\",status=\"0\"}") >= 1);
        Assert.Contains("grpc_responses_duration_seconds_count{endpoint=\"/qdrant.Collections/List\"}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricsPort_ServesMetricsWithoutCredentials_AndNothingElse()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{fixture.MetricsPort}/") };
        using var metrics = await http.GetAsync(new Uri("metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal(2, Value(await metrics.Content.ReadAsStringAsync(), "collections_total"));

        // The parameters are checked on this port too, with Qdrant's 4xx body rather than a 500.
        using var bad = await http.GetAsync(new Uri("metrics?anonymize=maybe", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"error\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        foreach (var path in new[] { "collections", "telemetry", "" })
        {
            using var other = await http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }
    }

    /// <summary>The value of one sample line (<c>name{labels} value</c>).</summary>
    private static double Value(string exposition, string sample)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith(sample + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(sample.Length + 1)..], CultureInfo.InvariantCulture);
            }
        }

        Assert.Fail($"no sample `{sample}` in:\n{string.Join('\n', exposition.Split('\n').Where(l => !l.StartsWith('#')).Take(80))}");
        return 0;
    }
}
