using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Citadel.Tests.Integration.Infrastructure;

namespace Citadel.Tests.Integration.Snapshots;

/// <summary>
/// One node for the snapshot tests: an admin and a read-only key, recover-from-URL allowed to reach 127.0.0.1 only
/// (the tests' own HTTP server). Each test uses collections of its own.
/// </summary>
public sealed class SnapshotNodeFixture : IAsyncLifetime
{
    public const string ApiKey = "snapshot-admin-key-0123456789abcdef";
    public const string ReadOnlyKey = "snapshot-read-only-key-0123456789";

    public NodeProcess Node { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(5) };

    public string SnapshotsPath => Path.Combine(Node.WorkingDirectory, "snapshots");

    public string CollectionsPath => Path.Combine(Node.WorkingDirectory, "storage", "collections");

    public async Task InitializeAsync()
    {
        Node = await NodeProcess.StartAsync(env: new Dictionary<string, string>
        {
            ["QDRANT__SERVICE__API_KEY"] = ApiKey,
            ["QDRANT__SERVICE__READ_ONLY_API_KEY"] = ReadOnlyKey,
            ["QDRANT__STORAGE__SNAPSHOTS_CONFIG__URL_RECOVERY_ALLOWED_NETWORKS"] = "127.0.0.1",
        });
        Http.BaseAddress = Node.BaseUri;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Node.DisposeAsync();
    }

    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    /// <summary>Sends a request with <paramref name="key"/> (the admin key by default); returns status and body text.</summary>
    public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, string? json = null, string key = ApiKey, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("api-key", key);
        request.Content = content ?? (json is null ? null : new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")));
        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Sends with the admin key and fails the test on an error status.</summary>
    public async Task<JsonElement> OkAsync(HttpMethod method, string path, string? json = null)
    {
        var (status, body) = await SendAsync(method, path, json);
        Assert.True(status == HttpStatusCode.OK, $"{method} {path}: {(int)status} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("result").Clone();
    }

    /// <summary>A collection of two shards with <paramref name="count"/> points carrying payloads.</summary>
    public async Task CreateCollectionAsync(string name, int count = 50)
    {
        await OkAsync(HttpMethod.Put, $"/collections/{name}", """{"vectors":{"size":3,"distance":"Dot"},"shard_number":2}""");
        var points = string.Join(',', Enumerable.Range(1, count).Select(i => $$$"""{"id":{{{i}}},"vector":[{{{i}}},1,0.5],"payload":{"n":{{{i}}},"s":"v{{{i}}}"}}"""));
        await OkAsync(HttpMethod.Put, $"/collections/{name}/points?wait=true", $$"""{"points":[{{points}}]}""");
    }

    /// <summary>Every point of a collection (ids, vectors, payloads) as canonical JSON text, for equality checks.</summary>
    public async Task<string> PointsAsync(string name)
    {
        var result = await OkAsync(HttpMethod.Post, $"/collections/{name}/points/scroll", """{"limit":10000,"with_payload":true,"with_vector":true}""");
        return result.GetProperty("points").GetRawText();
    }

    /// <summary>Creates a snapshot and returns its name and checksum.</summary>
    public async Task<(string Name, string Checksum)> SnapshotAsync(string collection)
    {
        var result = await OkAsync(HttpMethod.Post, $"/collections/{collection}/snapshots");
        return (result.GetProperty("name").GetString()!, result.GetProperty("checksum").GetString()!);
    }

    /// <summary>Uploads <paramref name="archive"/> as the multipart <c>snapshot</c> field.</summary>
    public Task<(HttpStatusCode Status, string Body)> UploadAsync(string path, byte[] archive, string key = ApiKey)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(archive), "snapshot", "upload.snapshot" } };
        return SendAsync(HttpMethod.Post, path, key: key, content: form);
    }

    /// <summary>Files a failed restore or upload could have left behind: staging directories and received uploads.</summary>
    public IReadOnlyList<string> Leftovers() =>
        [
            .. Directory.EnumerateDirectories(CollectionsPath, ":*"),
            .. Directory.Exists(Path.Combine(SnapshotsPath, "tmp")) ? Directory.EnumerateFiles(Path.Combine(SnapshotsPath, "tmp"), "*", SearchOption.AllDirectories) : [],
        ];
}

[CollectionDefinition(Name)]
public sealed class SnapshotNodeCollection : ICollectionFixture<SnapshotNodeFixture>
{
    public const string Name = "snapshot node";
}
