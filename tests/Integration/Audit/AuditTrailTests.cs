using System.Net;
using System.Text;
using System.Text.Json;
using Citadel.Tests.Integration.Infrastructure;
using Citadel.Tests.Shared;
using Grpc.Core;
using Grpc.Net.Client;

namespace Citadel.Tests.Integration.Audit;

/// <summary>A node with audit on: what lands in the trail for each kind of decision, on both protocols.</summary>
public sealed class AuditTrailTests : IAsyncLifetime, IDisposable
{
    private const string ApiKey = "audit-admin-key-0123456789abcdef0123456789";
    private const string ReadOnlyKey = "audit-read-only-key";
    private NodeProcess _node = null!;
    private HttpClient _http = null!;

    private readonly TempDirectory _dir = new("audit-trail");

    public async Task InitializeAsync()
    {
        // The test owns the directory so that a node can be killed and restarted on the same files.
        _node = await NodeProcess.StartAsync(Path.Combine(_dir.Path, "node"), Env(trustForwarded: false));
        _http = new HttpClient { BaseAddress = _node.BaseUri };
        await SendAsync(HttpMethod.Put, "/collections/col", ApiKey, """{"vectors":{"size":2,"distance":"Dot"}}""");
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task RefusedBeforeRouting_IsOneDeniedEntryWithoutMethod()
    {
        var trace = Trace();
        await SendAsync(HttpMethod.Get, "/collections", key: null, tracing: trace);
        var entry = Assert.Single(await EntriesAsync(trace));
        Assert.Equal(["timestamp", "api", "auth_type", "remote", "tracing_id", "result", "error"], Fields(entry));
        Assert.Equal("/collections", entry.GetProperty("api").GetString());
        Assert.Equal("None", entry.GetProperty("auth_type").GetString());
        Assert.Equal("Unauthorized: Must provide an API key or an Authorization bearer token", entry.GetProperty("error").GetString());
    }

    [Fact]
    public async Task DeniedByTheAccessTable_NamesTheOperationButNoCollectionForMetaOps()
    {
        var trace = Trace();
        await SendAsync(HttpMethod.Put, "/collections/newone", ReadOnlyKey, """{"vectors":{"size":2,"distance":"Dot"}}""", trace);
        var entry = Assert.Single(await EntriesAsync(trace));
        Assert.Equal(["timestamp", "method", "api", "auth_type", "remote", "tracing_id", "result", "error"], Fields(entry));
        Assert.Equal("create_collection", entry.GetProperty("method").GetString());
        Assert.Equal("ApiKey", entry.GetProperty("auth_type").GetString());
        Assert.Equal("Forbidden: Global manage access is required", entry.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AllowedTokenCall_RecordsSubjectCollectionAndResult()
    {
        var token = Tokens.Hs256(ApiKey, new { subject = "alice", access = new[] { new { collection = "col", access = "rw" } } });
        var trace = Trace();
        await SendAsync(HttpMethod.Post, "/collections/col/points/query", "Bearer " + token, """{"query":[1,0],"limit":1}""", trace);
        var entry = Assert.Single(await EntriesAsync(trace));
        Assert.Equal(["timestamp", "method", "api", "auth_type", "subject", "remote", "collection", "tracing_id", "result"], Fields(entry));
        Assert.Equal("query_batch", entry.GetProperty("method").GetString());
        Assert.Equal("Jwt", entry.GetProperty("auth_type").GetString());
        Assert.Equal("alice", entry.GetProperty("subject").GetString());
        Assert.Equal("col", entry.GetProperty("collection").GetString());
        Assert.Equal("127.0.0.1", entry.GetProperty("remote").GetString());
        Assert.Equal("ok", entry.GetProperty("result").GetString());
    }

    [Fact]
    public async Task GrpcDecisions_AreRecordedWithTheMethodPath()
    {
        var trace = Trace();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_node.GrpcPort}");
        var points = new Citadel.Grpc.Points.PointsClient(channel);
        await points.CountAsync(new Citadel.Grpc.CountPoints { CollectionName = "col" }, new Metadata { { "api-key", ReadOnlyKey }, { "x-request-id", trace } });
        await Assert.ThrowsAsync<RpcException>(async () => await points.CountAsync(new Citadel.Grpc.CountPoints { CollectionName = "col" }, new Metadata { { "x-request-id", trace } }));
        var entries = await EntriesAsync(trace);
        Assert.Equal(2, entries.Count);
        var ok = entries.Single(e => e.GetProperty("result").GetString() == "ok");
        Assert.Equal("/qdrant.Points/Count", ok.GetProperty("api").GetString());
        Assert.Equal("count", ok.GetProperty("method").GetString());
        Assert.Equal("127.0.0.1", ok.GetProperty("remote").GetString());
        var denied = entries.Single(e => e.GetProperty("result").GetString() == "denied");
        Assert.False(denied.TryGetProperty("method", out _));
    }

    [Fact]
    public async Task ProbesScrapesAndPublicRoutes_AreNotAudited()
    {
        var trace = Trace();
        foreach (var path in new[] { "/", "/healthz", "/livez", "/readyz", "/telemetry", "/metrics", "/cluster/telemetry" })
        {
            await SendAsync(HttpMethod.Get, path, ApiKey, tracing: trace);
        }

        Assert.Empty(await EntriesAsync(trace));
    }

    [Fact]
    public async Task TracingIds_ComeFromTheFirstHeaderPresent_CutTo256Characters()
    {
        var trace = Trace();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/collections/col");
        request.Headers.Add("api-key", ApiKey);
        request.Headers.Add("x-tracing-id", "second-choice");
        request.Headers.Add("x-request-id", trace + new string('x', 400));
        (await _http.SendAsync(request)).Dispose();
        var entry = Assert.Single(await EntriesAsync(prefix: trace));
        Assert.Equal(256, entry.GetProperty("tracing_id").GetString()!.Length);
    }

    [Fact]
    public async Task ForwardedHeaders_AreIgnoredUnlessTrusted()
    {
        var trace = Trace();
        await SendAsync(HttpMethod.Get, "/collections/col", ApiKey, tracing: trace, forwardedFor: "203.0.113.9");
        Assert.Equal("127.0.0.1", Assert.Single(await EntriesAsync(trace)).GetProperty("remote").GetString());

        await using var trusting = await NodeProcess.StartAsync(env: Env(trustForwarded: true));
        using var http = new HttpClient { BaseAddress = trusting.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/collections");
        request.Headers.Add("api-key", ApiKey);
        request.Headers.Add("x-forwarded-for", "203.0.113.9, 10.0.0.1");
        request.Headers.Add("x-request-id", trace);
        (await http.SendAsync(request)).Dispose();
        using var query = new HttpRequestMessage(HttpMethod.Post, "/audit/logs") { Content = Json($$$"""{"filters":{"tracing_id":"{{{trace}}}"}}""") };
        query.Headers.Add("api-key", ApiKey);
        using var response = await http.SendAsync(query);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("203.0.113.9, 10.0.0.1", doc.RootElement.GetProperty("result").GetProperty("entries")[0].GetProperty("remote").GetString());
    }

    [Fact]
    public async Task AuditQuery_NeedsManageAccess_AndValidatesItsLimit()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Post, "/audit/logs", ReadOnlyKey, "{}")).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await SendAsync(HttpMethod.Post, "/audit/logs", ApiKey, """{"limit":0}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Post, "/audit/logs", ApiKey, """{"bogus":1}""")).Status);
    }

    [Fact]
    public async Task KillNine_KeepsTheEntryOfEveryAnsweredRequest()
    {
        var trace = Trace();
        for (var i = 0; i < 150; i++)
        {
            await SendAsync(HttpMethod.Get, "/collections/col", ApiKey, tracing: $"{trace}-{i}");
        }

        var directory = _node.WorkingDirectory;
        _node.Kill();
        await _node.DisposeAsync();
        _node = await NodeProcess.StartAsync(directory, Env(trustForwarded: false));
        _http.Dispose();
        _http = new HttpClient { BaseAddress = _node.BaseUri };
        var found = await EntriesAsync(prefix: trace, limit: 10_000);
        Assert.Equal(150, found.Count);
    }

    private static Dictionary<string, string> Env(bool trustForwarded) => new()
    {
        ["QDRANT__SERVICE__API_KEY"] = ApiKey,
        ["QDRANT__SERVICE__READ_ONLY_API_KEY"] = ReadOnlyKey,
        ["QDRANT__SERVICE__JWT_RBAC"] = "true",
        ["QDRANT__AUDIT__ENABLED"] = "true",
        ["QDRANT__AUDIT__TRUST_FORWARDED_HEADERS"] = trustForwarded ? "true" : "false",
    };

    private static string Trace() => "t-" + Guid.NewGuid().ToString("N");

    private static List<string> Fields(JsonElement entry) => [.. entry.EnumerateObject().Select(p => p.Name)];

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<List<JsonElement>> EntriesAsync(string? trace = null, string? prefix = null, int limit = 1000)
    {
        var filter = trace is null ? "{}" : $$$"""{"tracing_id":"{{{trace}}}"}""";
        var (status, body) = await SendAsync(HttpMethod.Post, "/audit/logs", ApiKey, $$$"""{"limit":{{{limit}}},"filters":{{{filter}}}}""");
        Assert.Equal(HttpStatusCode.OK, status);
        using var doc = JsonDocument.Parse(body);
        return [.. doc.RootElement.GetProperty("result").GetProperty("entries").EnumerateArray()
            .Where(e => prefix is null || (e.TryGetProperty("tracing_id", out var t) && t.GetString()!.StartsWith(prefix, StringComparison.Ordinal)))
            .Select(e => e.Clone())];
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, string? key, string? body = null, string? tracing = null, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(key.StartsWith("Bearer ", StringComparison.Ordinal) ? "authorization" : "api-key", key);
        }

        if (tracing is not null)
        {
            request.Headers.Add("x-request-id", tracing);
        }

        if (forwardedFor is not null)
        {
            request.Headers.Add("x-forwarded-for", forwardedFor);
        }

        if (body is not null)
        {
            request.Content = Json(body);
        }

        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
