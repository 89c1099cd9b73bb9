using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Citadel.Tests.Integration.Infrastructure;

namespace Citadel.Tests.Integration.Snapshots;

/// <summary>Nodes with their own settings or command line: URL recovery off, a small upload limit, <c>--snapshot</c>.</summary>
public sealed class SnapshotStartupAndLimitsTests
{
    [Fact]
    public async Task UrlRecoveryDisabled_RefusesHttpLocations_And_UploadOverTheLimit_IsRefusedLeavingNoFile()
    {
        await using var node = await NodeProcess.StartAsync(env: new Dictionary<string, string>
        {
            ["QDRANT__SERVICE__ENABLE_SNAPSHOT_URL_RECOVERY"] = "false",
            ["QDRANT__STORAGE__SNAPSHOTS_CONFIG__MAX_UPLOAD_SIZE_MB"] = "1",
        });
        using var http = new HttpClient { BaseAddress = node.BaseUri };
        await Ok(http, HttpMethod.Put, "/collections/c", """{"vectors":{"size":2,"distance":"Dot"}}""");

        foreach (var location in new[] { "http://127.0.0.1:9/x.snapshot", "https://example.com/x.snapshot" })
        {
            using var response = await http.PutAsync("/collections/c/snapshots/recover", Json($$"""{"location":"{{location}}"}"""));
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("Snapshot recovery from remote URLs is disabled", body, StringComparison.Ordinal);
        }

        foreach (var chunked in new[] { false, true })
        {
            var content = new MultipartFormDataContent();
            var file = chunked ? (HttpContent)new StreamContent(new MemoryStream(new byte[3 * 1024 * 1024])) : new ByteArrayContent(new byte[3 * 1024 * 1024]);
            content.Add(file, "snapshot", "big.snapshot");
            if (chunked)
            {
                content.Headers.ContentLength = null;
            }

            using var upload = await http.PostAsync("/collections/c/snapshots/upload", content);
            var text = await upload.Content.ReadAsStringAsync();
            Assert.True(upload.StatusCode == HttpStatusCode.BadRequest, $"chunked={chunked}: {(int)upload.StatusCode} {text}");
            Assert.Contains("maximum upload size", text, StringComparison.Ordinal);
        }

        var tmp = Path.Combine(node.WorkingDirectory, "snapshots", "tmp");
        Assert.Empty(Directory.Exists(tmp) ? Directory.EnumerateFiles(tmp, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task SnapshotOption_RecoversTheCollectionAtStartUp_AndRefusesToOverwriteWithoutForce()
    {
        using var directory = new TempDirectory("snapshot-cli");
        string archive;
        string expected;
        await using (var source = await NodeProcess.StartAsync())
        {
            using var http = new HttpClient { BaseAddress = source.BaseUri };
            await Ok(http, HttpMethod.Put, "/collections/src", """{"vectors":{"size":2,"distance":"Dot"}}""");
            await Ok(http, HttpMethod.Put, "/collections/src/points?wait=true", """{"points":[{"id":1,"vector":[1,0],"payload":{"a":"x"}},{"id":2,"vector":[0,1],"payload":{"b":[1,2]}}]}""");
            expected = await Ok(http, HttpMethod.Post, "/collections/src/points/scroll", """{"with_vector":true}""");
            var created = await Ok(http, HttpMethod.Post, "/collections/src/snapshots");
            var name = System.Text.Json.JsonDocument.Parse(created).RootElement.GetProperty("result").GetProperty("name").GetString()!;
            archive = directory.File("backup.snapshot");
            File.Copy(Path.Combine(source.WorkingDirectory, "snapshots", "src", name), archive);
        }

        var work = directory.File("node");
        await using (var restored = await NodeProcess.StartAsync(workingDirectory: work, arguments: ["--snapshot", $"{archive}:books"]))
        {
            using var http = new HttpClient { BaseAddress = restored.BaseUri };
            Assert.Equal(Points(expected), Points(await Ok(http, HttpMethod.Post, "/collections/books/points/scroll", """{"with_vector":true}""")));
            await Ok(http, HttpMethod.Put, "/collections/books/points?wait=true", """{"points":[{"id":3,"vector":[1,1]}]}""");
            Assert.Equal(0, await restored.StopAsync());
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => NodeProcess.StartAsync(workingDirectory: work, arguments: ["--snapshot", $"{archive}:books"]));
        Assert.Contains("Use --force-snapshot to overwrite it", refused.Message, StringComparison.Ordinal);

        await using var forced = await NodeProcess.StartAsync(workingDirectory: work, arguments: ["--snapshot", $"{archive}:books", "--force-snapshot"]);
        using var client = new HttpClient { BaseAddress = forced.BaseUri };
        Assert.Equal(Points(expected), Points(await Ok(client, HttpMethod.Post, "/collections/books/points/scroll", """{"with_vector":true}""")));
    }

    [Fact]
    public async Task NotEnoughDiskSpace_RefusesCreateUploadAndRecover_LeavingTheCollectionAndNoFiles()
    {
        using var directory = new TempDirectory("snapshot-disk");
        string archive;
        await using (var source = await NodeProcess.StartAsync(workingDirectory: directory.File("source")))
        {
            using var http = new HttpClient { BaseAddress = source.BaseUri };
            await Ok(http, HttpMethod.Put, "/collections/c", """{"vectors":{"size":2,"distance":"Dot"}}""");
            await Ok(http, HttpMethod.Put, "/collections/c/points?wait=true", """{"points":[{"id":1,"vector":[1,0]}]}""");
            var name = System.Text.Json.JsonDocument.Parse(await Ok(http, HttpMethod.Post, "/collections/c/snapshots")).RootElement.GetProperty("result").GetProperty("name").GetString()!;
            archive = Path.Combine(source.WorkingDirectory, "snapshots", "c", name);
            Assert.Equal(0, await source.StopAsync());
        }

        // A reserve no disk can honour: every write of snapshot data must be refused up front.
        await using var node = await NodeProcess.StartAsync(workingDirectory: directory.File("full"), env: new Dictionary<string, string>
        {
            ["QDRANT__STORAGE__SNAPSHOTS_CONFIG__MIN_FREE_DISK_MB"] = "1000000000000",
        });
        using var client = new HttpClient { BaseAddress = node.BaseUri };
        await Ok(client, HttpMethod.Put, "/collections/c", """{"vectors":{"size":2,"distance":"Dot"}}""");
        await Ok(client, HttpMethod.Put, "/collections/c/points?wait=true", """{"points":[{"id":7,"vector":[0,1]}]}""");
        var before = Points(await Ok(client, HttpMethod.Post, "/collections/c/points/scroll", """{"with_vector":true}"""));
        var snapshotsDir = Path.Combine(node.WorkingDirectory, "snapshots", "c");
        Directory.CreateDirectory(snapshotsDir);
        File.Copy(archive, Path.Combine(snapshotsDir, "copied.snapshot"));

        using (var create = await client.PostAsync("/collections/c/snapshots", null))
        {
            Assert.Equal(HttpStatusCode.InsufficientStorage, create.StatusCode);
        }

        using (var full = await client.PostAsync("/snapshots", null))
        {
            Assert.Equal(HttpStatusCode.InsufficientStorage, full.StatusCode);
            Assert.Contains("Insufficient storage: not enough disk space to write the snapshot of collection c", await full.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var upload = await client.PostAsync("/collections/c/snapshots/upload", new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(archive)), "snapshot", "c.snapshot" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
            Assert.Contains("Not enough disk space", await upload.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var recover = await client.PutAsync("/collections/c/snapshots/recover", Json($$"""{"location":"file://{{snapshotsDir}}/copied.snapshot"}""")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, recover.StatusCode);
            Assert.Contains("Not enough disk space", await recover.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(before, Points(await Ok(client, HttpMethod.Post, "/collections/c/points/scroll", """{"with_vector":true}""")));
        Assert.Equal(["copied.snapshot"], Directory.EnumerateFiles(snapshotsDir).Select(Path.GetFileName));
        var tmp = Path.Combine(node.WorkingDirectory, "snapshots", "tmp");
        Assert.Empty(Directory.Exists(tmp) ? Directory.EnumerateFiles(tmp, "*", SearchOption.AllDirectories) : []);
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(node.WorkingDirectory, "storage", "collections"), ":*"));
    }

    [Fact]
    public async Task StorageSnapshotOption_RecoversEveryCollectionAndAlias()
    {
        using var directory = new TempDirectory("storage-snapshot");
        string archive;
        string expected;
        await using (var source = await NodeProcess.StartAsync())
        {
            using var http = new HttpClient { BaseAddress = source.BaseUri };
            foreach (var name in new[] { "a", "b" })
            {
                await Ok(http, HttpMethod.Put, $"/collections/{name}", """{"vectors":{"size":2,"distance":"Dot"}}""");
                await Ok(http, HttpMethod.Put, $"/collections/{name}/points?wait=true", """{"points":[{"id":1,"vector":[1,0],"payload":{"k":"v"}}]}""");
            }

            await Ok(http, HttpMethod.Post, "/collections/aliases", """{"actions":[{"create_alias":{"collection_name":"b","alias_name":"b_alias"}}]}""");
            expected = Points(await Ok(http, HttpMethod.Post, "/collections/b/points/scroll", """{"with_vector":true}"""));
            var full = System.Text.Json.JsonDocument.Parse(await Ok(http, HttpMethod.Post, "/snapshots")).RootElement.GetProperty("result").GetProperty("name").GetString()!;
            archive = directory.File("full.snapshot");
            File.Copy(Path.Combine(source.WorkingDirectory, "snapshots", full), archive);
        }

        await using var restored = await NodeProcess.StartAsync(workingDirectory: directory.File("node"), arguments: ["--storage-snapshot", archive]);
        using var client = new HttpClient { BaseAddress = restored.BaseUri };
        Assert.Equal(expected, Points(await Ok(client, HttpMethod.Post, "/collections/b_alias/points/scroll", """{"with_vector":true}""")));
        Assert.Contains("\"a\"", await Ok(client, HttpMethod.Get, "/collections"), StringComparison.Ordinal);
    }

    private static string Points(string scroll) =>
        System.Text.Json.JsonDocument.Parse(scroll).RootElement.GetProperty("result").GetProperty("points").GetRawText();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private static async Task<string> Ok(HttpClient http, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Json(body) };
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text;
    }
}
