using Citadel.Common.Errors;
using Citadel.Storage.Shards;

namespace Citadel.Tests.Unit.Snapshots;

public sealed class ShardFileReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("citadel-shardfiles-").FullName;
    private readonly Shard _shard;

    public ShardFileReaderTests()
    {
        File.WriteAllText(Path.Combine(_dir, "secret.txt"), "outside the shard");
        _shard = Shard.Open(0, Path.Combine(_dir, "shard"), Storage.StorageTestData.SmallShard());
        File.WriteAllText(Path.Combine(_dir, "shard", "segments", "file.bin"), "0123456789");
        File.CreateSymbolicLink(Path.Combine(_dir, "shard", "segments", "link.bin"), Path.Combine(_dir, "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(_dir, "shard", "linkdir"), _dir);
    }

    public static TheoryData<string> EscapingPaths =>
    [
        "../secret.txt", "segments/../../secret.txt", "/etc/passwd", "segments\\..\\..\\secret.txt", "", ".", "..",
        "segments//file.bin", "./segments/file.bin", "segments/link.bin", "linkdir/secret.txt", "segments/file.bin\0",
    ];

    [Theory]
    [MemberData(nameof(EscapingPaths))]
    public void PathOutsideTheShardOrThroughALink_IsRefused(string path)
    {
        var files = _shard.Files;
        foreach (var attempt in new Action[] { () => files.Exists(path), () => files.Length(path), () => files.Read(path, 0, 1), () => files.ReadWhole(path) })
        {
            var e = Assert.Throws<CitadelException>(attempt);
            Assert.Equal(ErrorKind.BadInput, e.Kind);
        }
    }

    [Fact]
    public void FilesInsideTheShard_AreReadable()
    {
        var files = _shard.Files;

        Assert.True(files.Exists("segments/file.bin"));
        Assert.False(files.Exists("segments/missing.bin"));
        Assert.Equal(10, files.Length("segments/file.bin"));
        Assert.Equal("345"u8.ToArray(), files.Read("segments/file.bin", 3, 3));
        Assert.Equal("0123456789"u8.ToArray(), files.ReadWhole("segments/file.bin"));
        Assert.Equal(ErrorKind.BadRequest, Assert.Throws<CitadelException>(() => files.Read("segments/file.bin", 8, 3)).Kind);
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<CitadelException>(() => files.Length("segments/missing.bin")).Kind);
    }

    [Fact]
    public void Listing_ShowsShardFilesOnly_NeverThroughLinks()
    {
        var listed = _shard.Files.List(string.Empty).Select(f => f.Path).ToList();

        Assert.Contains("segments/file.bin", listed);
        Assert.DoesNotContain(listed, p => p.Contains("secret", StringComparison.Ordinal) || p.Contains("link", StringComparison.Ordinal));
        Assert.Equal(["segments/file.bin"], _shard.Files.List("segments/f").Select(f => f.Path));
        Assert.Throws<CitadelException>(() => _shard.Files.List("../"));
    }

    public void Dispose()
    {
        _shard.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
