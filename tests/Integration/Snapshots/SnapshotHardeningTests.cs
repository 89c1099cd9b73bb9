using System.Net;
using System.Net.Sockets;
using Citadel.Tests.Shared;

namespace Citadel.Tests.Integration.Snapshots;

/// <summary>Every known snapshot attack from Qdrant's history, against a real node.</summary>
[Collection(SnapshotNodeCollection.Name)]
public sealed class SnapshotHardeningTests(SnapshotNodeFixture node)
{
    public static TheoryData<string> HostileNames => ["..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "..%2F..%2F..%2Fstorage%2Fcollections", "..%5C..%5Cx"];

    public static TheoryData<string> HostileArchiveNames => [.. HostileArchives.All.Keys];

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task SnapshotName_ThatIsNotABareFileName_Is404OnEveryRoute(string name)
    {
        var collection = SnapshotNodeFixture.UniqueName("names");
        await node.CreateCollectionAsync(collection, 2);

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, $"/collections/{collection}/snapshots/{name}"),
            (HttpMethod.Delete, $"/collections/{collection}/snapshots/{name}"),
            (HttpMethod.Get, $"/collections/{collection}/shards/0/snapshots/{name}"),
            (HttpMethod.Delete, $"/collections/{collection}/shards/0/snapshots/{name}"),
            (HttpMethod.Get, $"/snapshots/{name}"),
            (HttpMethod.Delete, $"/snapshots/{name}"),
        })
        {
            var (status, body) = await node.SendAsync(method, path);
            Assert.True(status == HttpStatusCode.NotFound, $"{method} {path}: {(int)status} {body}");
            Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RecoverFromFile_OutsideTheSnapshotsDirectory_Is403()
    {
        var collection = SnapshotNodeFixture.UniqueName("outside");
        await node.CreateCollectionAsync(collection, 2);
        var (name, _) = await node.SnapshotAsync(collection);
        var inside = Path.Combine(node.SnapshotsPath, collection, name);
        var copyOutside = Path.Combine(node.Node.WorkingDirectory, "outside.snapshot");
        File.Copy(inside, copyOutside);
        var link = Path.Combine(node.SnapshotsPath, collection, "link.snapshot");
        File.CreateSymbolicLink(link, copyOutside);

        foreach (var location in new[]
        {
            "file:///etc/passwd",
            $"file://{copyOutside}",
            $"file://{node.SnapshotsPath}/../outside.snapshot",
            $"file://{node.SnapshotsPath}/{collection}/..%2F..%2Foutside.snapshot",
            $"file://{link}",
        })
        {
            var (status, body) = await node.SendAsync(HttpMethod.Put, $"/collections/{collection}/snapshots/recover", $$"""{"location":"{{location}}"}""");
            Assert.True(status == HttpStatusCode.Forbidden, $"{location}: {(int)status} {body}");
            Assert.Contains("Forbidden: Snapshot file path must be inside the snapshots directory", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ChecksumMismatch_Is400_AndLeavesTheCollectionAsItWas()
    {
        var collection = SnapshotNodeFixture.UniqueName("checksum");
        await node.CreateCollectionAsync(collection, 30);
        var (name, _) = await node.SnapshotAsync(collection);
        await node.OkAsync(HttpMethod.Post, $"/collections/{collection}/points/delete?wait=true", """{"points":[1,2,3]}""");
        var before = await node.PointsAsync(collection);
        var wrong = new string('0', 64);

        var (status, body) = await node.SendAsync(HttpMethod.Put, $"/collections/{collection}/snapshots/recover", $$"""{"location":"file://{{node.SnapshotsPath}}/{{collection}}/{{name}}","checksum":"{{wrong}}"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Checksum mismatch", body, StringComparison.Ordinal);

        var bytes = await File.ReadAllBytesAsync(Path.Combine(node.SnapshotsPath, collection, name));
        (status, body) = await node.UploadAsync($"/collections/{collection}/snapshots/upload?checksum={wrong}", bytes);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Checksum mismatch", body, StringComparison.Ordinal);

        Assert.Equal(before, await node.PointsAsync(collection));
        Assert.Empty(node.Leftovers());
    }

    [Theory]
    [MemberData(nameof(HostileArchiveNames))]
    public async Task HostileArchive_Upload_Is400_LeavesTheCollectionAndNoFilesBehind(string archive)
    {
        var collection = SnapshotNodeFixture.UniqueName("hostile");
        await node.CreateCollectionAsync(collection, 10);
        var before = await node.PointsAsync(collection);

        var (status, body) = await node.UploadAsync($"/collections/{collection}/snapshots/upload", HostileArchives.All[archive]);

        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status} {body}");
        Assert.Contains("\"error\":", body, StringComparison.Ordinal);
        Assert.Equal(before, await node.PointsAsync(collection));
        Assert.Empty(node.Leftovers());
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "citadel-escaped.txt")));
        Assert.Empty(Directory.EnumerateFiles(node.Node.WorkingDirectory, "escaped.txt", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ReadOnlyKey_StreamingAnUpload_Gets403_AndNoByteLandsOnDisk()
    {
        var collection = SnapshotNodeFixture.UniqueName("readonly");
        await node.CreateCollectionAsync(collection, 2);
        using var http = new HttpClient { BaseAddress = node.Node.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/collections/{collection}/snapshots/upload");
        request.Headers.Add("api-key", SnapshotNodeFixture.ReadOnlyKey);
        var content = new MultipartFormDataContent { { new StreamContent(new EndlessStream(1L << 30)), "snapshot", "big.snapshot" } };
        request.Content = content;

        HttpStatusCode? status = null;
        try
        {
            using var response = await http.SendAsync(request);
            status = response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException or TaskCanceledException)
        {
            // The node may answer 403 and close the connection while the client is still sending (as Qdrant's test tolerates).
        }

        Assert.True(status is null or HttpStatusCode.Forbidden, $"got {status}");
        Assert.Empty(node.Leftovers());
        Assert.False(Directory.Exists(Path.Combine(node.SnapshotsPath, "tmp", "upload")) && Directory.EnumerateFileSystemEntries(Path.Combine(node.SnapshotsPath, "tmp", "upload")).Any());
    }

    [Fact]
    public async Task ReadOnlyKey_CannotCreateRecoverOrDelete_ButCanListAndDownload()
    {
        var collection = SnapshotNodeFixture.UniqueName("ro");
        await node.CreateCollectionAsync(collection, 2);
        var (name, _) = await node.SnapshotAsync(collection);
        var ro = SnapshotNodeFixture.ReadOnlyKey;

        Assert.Equal(HttpStatusCode.Forbidden, (await node.SendAsync(HttpMethod.Post, $"/collections/{collection}/snapshots", key: ro)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await node.SendAsync(HttpMethod.Put, $"/collections/{collection}/snapshots/recover", $$"""{"location":"file://{{node.SnapshotsPath}}/{{collection}}/{{name}}"}""", ro)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await node.SendAsync(HttpMethod.Delete, $"/collections/{collection}/snapshots/{name}", key: ro)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await node.SendAsync(HttpMethod.Post, "/snapshots", key: ro)).Status);
        Assert.Equal(HttpStatusCode.OK, (await node.SendAsync(HttpMethod.Get, $"/collections/{collection}/snapshots", key: ro)).Status);
        Assert.Equal(HttpStatusCode.OK, (await node.SendAsync(HttpMethod.Get, $"/collections/{collection}/snapshots/{name}", key: ro)).Status);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/x.snapshot")]
    [InlineData("http://[::1]:1/x.snapshot")]
    [InlineData("http://0.0.0.0:1/x.snapshot")]
    [InlineData("http://127.0.0.2:1/x.snapshot")]
    public async Task RecoverFromUrl_ToAnInternalAddress_Is403WithoutConnecting(string location)
    {
        var collection = SnapshotNodeFixture.UniqueName("ssrf");
        await node.CreateCollectionAsync(collection, 2);

        var (status, body) = await node.SendAsync(HttpMethod.Put, $"/collections/{collection}/snapshots/recover", $$"""{"location":"{{location}}"}""");

        Assert.True(status == HttpStatusCode.Forbidden, $"{(int)status} {body}");
        Assert.Contains("internal address", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecoverFromUrl_RedirectToLinkLocal_Is403()
    {
        var collection = SnapshotNodeFixture.UniqueName("redirect");
        await node.CreateCollectionAsync(collection, 2);
        await using var server = new LoopbackHttpServer();
        server.Redirect("/snap", "http://169.254.169.254/latest/meta-data/");

        var (status, body) = await node.SendAsync(HttpMethod.Put, $"/collections/{collection}/snapshots/recover", $$"""{"location":"{{server.Url("/snap")}}"}""");

        Assert.True(status == HttpStatusCode.Forbidden, $"{(int)status} {body}");
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task RecoverFromUrl_OnAnAllowedLoopbackServer_Restores_AndSendsOnlyTheCallersKeyToThatOrigin()
    {
        var source = SnapshotNodeFixture.UniqueName("http_src");
        await node.CreateCollectionAsync(source, 40);
        var (name, checksum) = await node.SnapshotAsync(source);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(node.SnapshotsPath, source, name));
        await using var server = new LoopbackHttpServer();
        await using var other = new LoopbackHttpServer();
        server.Serve("/files/a.snapshot", bytes);
        server.Redirect("/moved", "/files/a.snapshot");
        other.Serve("/b.snapshot", bytes);
        server.Redirect("/elsewhere", other.Url("/b.snapshot").ToString());
        var target = SnapshotNodeFixture.UniqueName("http_dst");

        var (status, body) = await node.SendAsync(HttpMethod.Put, $"/collections/{target}/snapshots/recover?wait=true",
            $$"""{"location":"{{server.Url("/moved")}}","checksum":"{{checksum}}","api_key":"callers-key","priority":"snapshot"}""");
        Assert.True(status == HttpStatusCode.OK, $"{(int)status} {body}");
        Assert.Equal(await node.PointsAsync(source), await node.PointsAsync(target));

        (status, body) = await node.SendAsync(HttpMethod.Put, $"/collections/{target}/snapshots/recover", $$"""{"location":"{{server.Url("/elsewhere")}}","api_key":"callers-key"}""");
        Assert.True(status == HttpStatusCode.OK, $"{(int)status} {body}");

        Assert.All(server.Requests, r => Assert.Equal("callers-key", r.Headers.GetValueOrDefault("api-key")));
        var (_, redirectedHeaders) = Assert.Single(other.Requests);
        Assert.False(redirectedHeaders.ContainsKey("api-key"), "the caller's key must not follow a redirect to another origin");
        Assert.All(server.Requests.Concat(other.Requests), r =>
        {
            Assert.DoesNotContain(SnapshotNodeFixture.ApiKey, string.Join('\n', r.Headers.Values), StringComparison.Ordinal);
            Assert.False(r.Headers.ContainsKey("authorization"));
        });
        Assert.Empty(node.Leftovers());
    }

    /// <summary>A body that never ends within the test: <paramref name="length"/> zero bytes, produced on demand.</summary>
    private sealed class EndlessStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, n);
            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
