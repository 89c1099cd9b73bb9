using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Citadel.Tests.Integration.Infrastructure;

namespace Citadel.Tests.Integration.Snapshots;

/// <summary>kill -9 while a snapshot is written and while one is restored: the restarted node is whole and tidy.</summary>
public sealed class SnapshotCrashTests
{
    private const int Points = 20_000;

    [Fact]
    public async Task KillDuringCreateAndDuringRecover_LeavesAUsableNodeWithTheCollectionAndNoWorkFiles()
    {
        using var directory = new TempDirectory("snapshot-crash");
        byte[] archive;
        await using (var node = await NodeProcess.StartAsync(workingDirectory: directory.Path))
        {
            using var http = Client(node);
            await Ok(http, HttpMethod.Put, "/collections/c", """{"vectors":{"size":32,"distance":"Cosine"},"shard_number":2}""");
            for (var first = 0; first < Points; first += 2_000)
            {
                await Ok(http, HttpMethod.Put, "/collections/c/points?wait=true", Batch(first, 2_000));
            }

            var created = JsonDocument.Parse(await Ok(http, HttpMethod.Post, "/collections/c/snapshots")).RootElement.GetProperty("result");
            archive = await File.ReadAllBytesAsync(Path.Combine(node.WorkingDirectory, "snapshots", "c", created.GetProperty("name").GetString()!));

            _ = http.PostAsync("/collections/c/snapshots", null);
            await Task.Delay(30);
            node.Kill();
        }

        await using (var node = await NodeProcess.StartAsync(workingDirectory: directory.Path))
        {
            using var http = Client(node);
            await AssertWhole(http, node);
            var form = new MultipartFormDataContent { { new ByteArrayContent(archive), "snapshot", "c.snapshot" } };
            _ = http.PostAsync("/collections/c/snapshots/upload", form);
            await Task.Delay(50);
            node.Kill();
        }

        await using (var node = await NodeProcess.StartAsync(workingDirectory: directory.Path))
        {
            using var http = Client(node);
            await AssertWhole(http, node);
            await Ok(http, HttpMethod.Put, "/collections/c/points?wait=true", Batch(Points, 1));
        }
    }

    /// <summary>All points there, no staging or work files, and every listed snapshot matches its checksum.</summary>
    private static async Task AssertWhole(HttpClient http, NodeProcess node)
    {
        var count = JsonDocument.Parse(await Ok(http, HttpMethod.Post, "/collections/c/points/count", """{"exact":true}""")).RootElement;
        Assert.Equal(Points, count.GetProperty("result").GetProperty("count").GetInt32());
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(node.WorkingDirectory, "storage", "collections"), ":*"));
        var tmp = Path.Combine(node.WorkingDirectory, "snapshots", "tmp");
        Assert.Empty(Directory.Exists(tmp) ? Directory.EnumerateFiles(tmp, "*", SearchOption.AllDirectories) : []);
        var listed = JsonDocument.Parse(await Ok(http, HttpMethod.Get, "/collections/c/snapshots")).RootElement.GetProperty("result");
        foreach (var snapshot in listed.EnumerateArray())
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(node.WorkingDirectory, "snapshots", "c", snapshot.GetProperty("name").GetString()!));
            Assert.Equal(snapshot.GetProperty("checksum").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
    }

    private static string Batch(int first, int count)
    {
        var sb = new StringBuilder("""{"points":[""");
        for (var i = first; i < first + count; i++)
        {
            if (i > first)
            {
                sb.Append(',');
            }

            var vector = string.Join(',', Enumerable.Range(0, 32).Select(d => ((((i * 31) + d) % 17) + 1).ToString(CultureInfo.InvariantCulture)));
            sb.Append(CultureInfo.InvariantCulture, $$$"""{"id":{{{i + 1}}},"vector":[{{{vector}}}],"payload":{"i":{{{i}}}}}""");
        }

        return sb.Append("]}").ToString();
    }

    private static HttpClient Client(NodeProcess node) => new() { BaseAddress = node.BaseUri, Timeout = TimeSpan.FromMinutes(2) };

    private static async Task<string> Ok(HttpClient http, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")) };
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text;
    }
}
