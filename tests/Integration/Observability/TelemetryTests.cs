using System.Net;
using System.Text.Json;
using Grpc.Core;

namespace Citadel.Tests.Integration.Observability;

/// <summary><c>GET /telemetry</c> and <c>GET /cluster/telemetry</c>: Qdrant's shape and access filtering.</summary>
public sealed class TelemetryTests(OperableNodeFixture fixture) : IClassFixture<OperableNodeFixture>
{
    [Fact]
    public async Task Admin_GetsQdrantsSections_WithPerEndpointRequestStatistics()
    {
        await fixture.ResultAsync("/collections/col", OperableNodeFixture.Admin);
        var t = await fixture.ResultAsync("/telemetry?details_level=2", OperableNodeFixture.Admin);

        Assert.True(Guid.TryParse(t.GetProperty("id").GetString(), out _));
        var app = t.GetProperty("app");
        Assert.Equal("citadel", app.GetProperty("name").GetString());
        Assert.Equal("1.19.0", app.GetProperty("version").GetString());
        Assert.True(app.GetProperty("jwt_rbac").GetBoolean());
        Assert.True(app.TryGetProperty("startup", out _));
        Assert.True(app.TryGetProperty("system", out _));
        Assert.Equal("daily", app.GetProperty("audit").GetProperty("rotation").GetString());

        var collections = t.GetProperty("collections");
        Assert.Equal(2, collections.GetProperty("number_of_collections").GetInt32());
        var ids = collections.GetProperty("collections").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal(["col", "other"], ids);
        Assert.Equal(0, collections.GetProperty("collections")[0].GetProperty("shards")[0].GetProperty("id").GetInt32());

        Assert.False(t.GetProperty("cluster").GetProperty("enabled").GetBoolean());
        var get = t.GetProperty("requests").GetProperty("rest").GetProperty("responses").GetProperty("GET /collections/{collection_name}").GetProperty("200");
        Assert.True(get.GetProperty("count").GetInt64() >= 1);
        Assert.Equal(0, get.GetProperty("fail_count").GetInt64());
        Assert.True(get.GetProperty("avg_duration_micros").GetDouble() > 0);
        Assert.True(t.GetProperty("requests").TryGetProperty("grpc", out _));
        foreach (var field in new[] { "active_bytes", "allocated_bytes", "metadata_bytes", "resident_bytes", "retained_bytes" })
        {
            Assert.True(t.GetProperty("memory").TryGetProperty(field, out _), field);
        }

        Assert.False(t.GetProperty("quota").GetProperty("config").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task DetailsLevelZero_GivesCountsOnly()
    {
        var t = await fixture.ResultAsync("/telemetry", OperableNodeFixture.Admin);
        Assert.False(t.GetProperty("collections").TryGetProperty("collections", out _));
        Assert.False(t.GetProperty("app").TryGetProperty("system", out _));
    }

    [Fact]
    public async Task CollectionScopedToken_SeesItsCollectionsOnly_AndNoNodeWideSections()
    {
        var t = await fixture.ResultAsync("/telemetry?details_level=1&per_collection=true", OperableNodeFixture.Scoped);

        Assert.Equal(1, t.GetProperty("collections").GetProperty("number_of_collections").GetInt32());
        Assert.Equal("col", Assert.Single(t.GetProperty("collections").GetProperty("collections").EnumerateArray()).GetProperty("id").GetString());
        foreach (var hidden in new[] { "requests", "memory", "cluster", "quota" })
        {
            Assert.False(t.TryGetProperty(hidden, out _), hidden);
        }

        Assert.False(t.GetProperty("app").TryGetProperty("audit", out _));
    }

    [Fact]
    public async Task ReadOnlyKey_SeesEverything()
    {
        var t = await fixture.ResultAsync("/telemetry", OperableNodeFixture.ReadOnly);
        Assert.Equal(2, t.GetProperty("collections").GetProperty("number_of_collections").GetInt32());
        Assert.True(t.TryGetProperty("requests", out _));
    }

    [Fact]
    public async Task PerCollection_AddsResponsesPerCollection()
    {
        await fixture.ResultAsync("/collections/other", OperableNodeFixture.Admin);
        var rest = (await fixture.ResultAsync("/telemetry?per_collection=true", OperableNodeFixture.Admin)).GetProperty("requests").GetProperty("rest");
        var other = rest.GetProperty("per_collection_responses").GetProperty("other");
        Assert.True(other.GetProperty("GET /collections/{collection_name}").GetProperty("200").GetProperty("count").GetInt64() >= 1);
        Assert.False((await fixture.ResultAsync("/telemetry", OperableNodeFixture.Admin)).GetProperty("requests").GetProperty("rest").TryGetProperty("per_collection_responses", out _));
    }

    [Fact]
    public async Task Anonymize_HashesCollectionNames()
    {
        var t = await fixture.ResultAsync("/telemetry?details_level=1&anonymize=true", OperableNodeFixture.Admin);
        var ids = t.GetProperty("collections").GetProperty("collections").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
        Assert.DoesNotContain("col", ids);
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{16}$", id));
    }

    [Theory]
    [InlineData("details_level=-1")]
    [InlineData("details_level=x")]
    [InlineData("anonymize=yes")]
    [InlineData("timeout=0")]
    public async Task MalformedParameters_Are400(string query)
    {
        var (status, body, _) = await fixture.SendAsync(HttpMethod.Get, "/telemetry?" + query, OperableNodeFixture.Admin);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("\"error\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrpcCalls_AppearUnderRequestsGrpc_ByMethodAndStatusCode()
    {
        var collections = new Citadel.Grpc.Collections.CollectionsClient(fixture.Channel);
        await collections.ListAsync(new Citadel.Grpc.ListCollectionsRequest(), new Metadata { { "api-key", OperableNodeFixture.ApiKey } });
        await Assert.ThrowsAsync<RpcException>(async () => await collections.ListAsync(new Citadel.Grpc.ListCollectionsRequest()));

        var grpc = (await fixture.ResultAsync("/telemetry", OperableNodeFixture.Admin)).GetProperty("requests").GetProperty("grpc").GetProperty("responses");
        var list = grpc.GetProperty("/qdrant.Collections/List");
        Assert.True(list.GetProperty("0").GetProperty("count").GetInt64() >= 1);
        Assert.True(list.GetProperty(((int)StatusCode.Unauthenticated).ToString(System.Globalization.CultureInfo.InvariantCulture)).GetProperty("fail_count").GetInt64() >= 1);
    }

    [Fact]
    public async Task ClusterTelemetry_ListsVisibleCollections_AndPeersOnlyForGlobalAccess()
    {
        var admin = await fixture.ResultAsync("/cluster/telemetry", OperableNodeFixture.Admin);
        Assert.True(admin.GetProperty("collections").TryGetProperty("other", out _));
        Assert.Equal("Active", admin.GetProperty("collections").GetProperty("col").GetProperty("shards")[0].GetProperty("replicas")[0].GetProperty("state").GetString());
        Assert.False(admin.GetProperty("cluster").GetProperty("enabled").GetBoolean());

        var scoped = await fixture.ResultAsync("/cluster/telemetry", OperableNodeFixture.Scoped);
        Assert.Equal(["col"], scoped.GetProperty("collections").EnumerateObject().Select(p => p.Name).ToList());
        Assert.False(scoped.TryGetProperty("cluster", out _));
    }

    [Fact]
    public async Task WithoutCredential_Telemetry_Is401()
    {
        var (status, _, _) = await fixture.SendAsync(HttpMethod.Get, "/telemetry", null);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }
}
