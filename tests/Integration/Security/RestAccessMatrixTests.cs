using System.Net;
using System.Text;

namespace Citadel.Tests.Integration.Security;

/// <summary>Every REST route against every credential kind, compared with Qdrant's access table.</summary>
public sealed class RestAccessMatrixTests(SecuredNodeFixture fixture) : IClassFixture<SecuredNodeFixture>
{
    // (action, method, path) with placeholders filled; destructive global operations target a throwaway collection.
    private static readonly (string Action, string Method, string Path)[] Routes =
    [
        ("root", "GET", "/"), ("healthz", "GET", "/healthz"), ("livez", "GET", "/livez"), ("readyz", "GET", "/readyz"),
        ("get_collections", "GET", "/collections"), ("get_collection", "GET", "/collections/col"),
        ("create_collection", "PUT", "/collections/doomed"), ("delete_collection", "DELETE", "/collections/doomed"),
        ("update_collection", "PATCH", "/collections/col"), ("collection_cluster_info", "GET", "/collections/col/cluster"),
        ("collection_exists", "GET", "/collections/col/exists"), ("get_optimizations", "GET", "/collections/col/optimizations"),
        ("update_collection_cluster", "POST", "/collections/col/cluster"), ("update_aliases", "POST", "/collections/aliases"),
        ("get_collection_aliases", "GET", "/collections/col/aliases"), ("get_collections_aliases", "GET", "/aliases"),
        ("create_shard_key", "PUT", "/collections/col/shards"), ("delete_shard_key", "POST", "/collections/col/shards/delete"),
        ("list_shard_keys", "GET", "/collections/col/shards"),
        ("create_field_index", "PUT", "/collections/col/index"), ("delete_field_index", "DELETE", "/collections/col/index/f"),
        ("create_vector_name", "PUT", "/collections/col/vectors/v"), ("delete_vector_name", "DELETE", "/collections/col/vectors/v"),
        ("list_snapshots", "GET", "/collections/col/snapshots"), ("create_snapshot", "POST", "/collections/col/snapshots"),
        ("delete_snapshot", "DELETE", "/collections/col/snapshots/s.snapshot"), ("get_snapshot", "GET", "/collections/col/snapshots/s.snapshot"),
        ("recover_from_uploaded_snapshot", "POST", "/collections/col/snapshots/upload"), ("recover_from_snapshot", "PUT", "/collections/col/snapshots/recover"),
        ("recover_shard_from_uploaded_snapshot", "POST", "/collections/col/shards/0/snapshots/upload"),
        ("recover_shard_from_snapshot", "PUT", "/collections/col/shards/0/snapshots/recover"),
        ("create_shard_snapshot", "POST", "/collections/col/shards/0/snapshots"), ("list_shard_snapshots", "GET", "/collections/col/shards/0/snapshots"),
        ("delete_shard_snapshot", "DELETE", "/collections/col/shards/0/snapshots/s.snapshot"),
        ("get_shard_snapshot", "GET", "/collections/col/shards/0/snapshots/s.snapshot"), ("stream_shard_snapshot", "GET", "/collections/col/shards/0/snapshot"),
        ("list_full_snapshots", "GET", "/snapshots"), ("create_full_snapshot", "POST", "/snapshots"),
        ("delete_full_snapshot", "DELETE", "/snapshots/s.snapshot"), ("get_full_snapshot", "GET", "/snapshots/s.snapshot"),
        ("cluster_status", "GET", "/cluster"), ("cluster_telemetry", "GET", "/cluster/telemetry"),
        ("recover_current_peer", "POST", "/cluster/recover"), ("remove_peer", "DELETE", "/cluster/peer/1"),
        ("get_quotas", "GET", "/quotas"), ("update_quotas", "PUT", "/quotas"),
        ("get_point", "GET", "/collections/col/points/1"), ("get_points", "POST", "/collections/col/points"),
        ("upsert_points", "PUT", "/collections/col/points"), ("batch_update", "POST", "/collections/col/points/batch"),
        ("delete_points", "POST", "/collections/col/points/delete"), ("update_vectors", "PUT", "/collections/col/points/vectors"),
        ("delete_vectors", "POST", "/collections/col/points/vectors/delete"), ("set_payload", "POST", "/collections/col/points/payload"),
        ("overwrite_payload", "PUT", "/collections/col/points/payload"), ("delete_payload", "POST", "/collections/col/points/payload/delete"),
        ("clear_payload", "POST", "/collections/col/points/payload/clear"), ("scroll_points", "POST", "/collections/col/points/scroll"),
        ("count_points", "POST", "/collections/col/points/count"), ("search_points", "POST", "/collections/col/points/search"),
        ("search_batch_points", "POST", "/collections/col/points/search/batch"), ("search_point_groups", "POST", "/collections/col/points/search/groups"),
        ("recommend_points", "POST", "/collections/col/points/recommend"), ("recommend_batch_points", "POST", "/collections/col/points/recommend/batch"),
        ("recommend_point_groups", "POST", "/collections/col/points/recommend/groups"), ("discover_points", "POST", "/collections/col/points/discover"),
        ("discover_batch_points", "POST", "/collections/col/points/discover/batch"), ("query_points", "POST", "/collections/col/points/query"),
        ("query_batch_points", "POST", "/collections/col/points/query/batch"), ("query_points_groups", "POST", "/collections/col/points/query/groups"),
        ("search_matrix_pairs", "POST", "/collections/col/points/search/matrix/pairs"),
        ("search_matrix_offsets", "POST", "/collections/col/points/search/matrix/offsets"), ("facet", "POST", "/collections/col/facet"),
        ("telemetry", "GET", "/telemetry"), ("metrics", "GET", "/metrics"), ("get_issues", "GET", "/issues"), ("clear_issues", "DELETE", "/issues"),
        ("get_logger_config", "GET", "/logger"), ("update_logger_config", "POST", "/logger"), ("get_audit_logs", "POST", "/audit/logs"),
    ];

    public static TheoryData<string> CredentialNames => [.. Credentials.All().Select(c => c.Name)];

    [Fact]
    public void EveryActionOfTheReferenceTable_HasARouteHereOrIsGrpcOnly()
    {
        var routed = Routes.Select(r => r.Action).ToHashSet();
        var grpcOnly = new[] { "list_files", "file_exists", "file_length", "read_bytes", "read_bytes_stream", "read_whole", "read_batch" };
        Assert.DoesNotContain(QdrantAccessTable.Actions, a => !routed.Contains(a) && !grpcOnly.Contains(a));
    }

    [Theory]
    [MemberData(nameof(CredentialNames))]
    public async Task EveryRoute_FollowsTheAccessTable(string credentialName)
    {
        var (_, header, column) = Credentials.All().Single(c => c.Name == credentialName);
        var failures = new List<string>();
        foreach (var (action, method, path) in Routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (header is not null)
            {
                var colon = header.IndexOf(':', StringComparison.Ordinal);
                request.Headers.TryAddWithoutValidation(header[..colon], header[(colon + 2)..]);
            }

            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }

            using var response = await fixture.Http.SendAsync(request);
            var status = response.StatusCode;
            var expected = Expected(action, column);
            var ok = expected switch
            {
                Outcome.Allowed => status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                Outcome.Forbidden => status == HttpStatusCode.Forbidden,
                _ => status == HttpStatusCode.Unauthorized,
            };
            if (!ok)
            {
                failures.Add($"{method} {path} ({action}): expected {expected}, got {(int)status} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(failures.Count == 0, $"{credentialName}:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task DeniedInsideAHandler_IsQdrantsJsonEnvelope_AuthFailuresAreBareText()
    {
        using var denied = new HttpRequestMessage(HttpMethod.Put, "/collections/doomed") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        denied.Headers.Add("api-key", SecuredNodeFixture.ReadOnlyKey);
        using var r1 = await fixture.Http.SendAsync(denied);
        Assert.Equal(HttpStatusCode.Forbidden, r1.StatusCode);
        Assert.StartsWith("{\"status\":{\"error\":\"Forbidden: Global manage access is required\"}", await r1.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var r2 = await fixture.Http.GetAsync(new Uri("/collections", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, r2.StatusCode);
        Assert.Equal("Must provide an API key or an Authorization bearer token", await r2.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/dashboard%2f..%2fcollections")]
    [InlineData("/collections/../healthz")]
    [InlineData("/healthz/../collections")]
    [InlineData("/no/such/route")]
    public async Task PathsThatAreNotPublicRoutes_NeedAKey(string path)
    {
        using var r = await fixture.Http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(r.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.OK && (r.StatusCode != HttpStatusCode.OK || await r.Content.ReadAsStringAsync() == "healthz check passed"),
            $"{path}: {(int)r.StatusCode}");
        if (!path.EndsWith("healthz", StringComparison.Ordinal))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        }
    }

    [Fact]
    public async Task ScopedToken_SeesOnlyItsCollectionsAndAliasesInListings()
    {
        await fixture.AdminAsync(HttpMethod.Post, "/collections/aliases", """{"actions":[{"create_alias":{"collection_name":"col","alias_name":"col_alias"}}]}""");
        var header = Credentials.All().Single(c => c.Name == "token col r").Header!;
        var collections = await GetWithAsync("/collections", header);
        Assert.Contains("\"col\"", collections, StringComparison.Ordinal);
        Assert.Contains("\"users\"", collections, StringComparison.Ordinal);
        Assert.DoesNotContain("\"other\"", collections, StringComparison.Ordinal);
        Assert.DoesNotContain("col_alias", await GetWithAsync("/aliases", header), StringComparison.Ordinal);
        Assert.Contains("col_alias", await GetWithAsync("/aliases", $"api-key: {SecuredNodeFixture.ReadOnlyKey}"), StringComparison.Ordinal);
    }

    private async Task<string> GetWithAsync(string path, string header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        var colon = header.IndexOf(':', StringComparison.Ordinal);
        request.Headers.TryAddWithoutValidation(header[..colon], header[(colon + 2)..]);
        using var response = await fixture.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static Outcome Expected(string action, Column column) => column switch
    {
        Column.Unauthenticated => QdrantAccessTable.IsPublic(action) ? Outcome.Allowed : Outcome.Unauthorized,
        Column.ForbiddenToken => QdrantAccessTable.IsPublic(action) ? Outcome.Allowed : Outcome.Forbidden,
        _ => QdrantAccessTable.Allows(action, column) ? Outcome.Allowed : Outcome.Forbidden,
    };

    private enum Outcome
    {
        Allowed,
        Forbidden,
        Unauthorized,
    }
}
