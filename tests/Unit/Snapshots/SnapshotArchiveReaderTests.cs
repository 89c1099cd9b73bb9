using Citadel.Common.Errors;
using Citadel.Storage.Snapshots;
using Citadel.Tests.Shared;

namespace Citadel.Tests.Unit.Snapshots;

public sealed class SnapshotArchiveReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("citadel-tar-").FullName;

    public static TheoryData<string> HostileCases => [.. HostileArchives.All.Keys.Where(k => k is not ("descriptor only" or "bad config"))];

    [Theory]
    [MemberData(nameof(HostileCases))]
    public void HostileArchive_IsRefusedAsBadRequest_AndWritesNothing(string name)
    {
        var archive = Path.Combine(_dir, "a.tar");
        File.WriteAllBytes(archive, HostileArchives.All[name]);
        var target = Path.Combine(_dir, "target");

        var e = Assert.Throws<CitadelException>(() => SnapshotArchiveReader.Extract(archive, target, SnapshotKind.Collection, 1L << 40));

        Assert.Equal(ErrorKind.BadRequest, e.Kind);
        Assert.StartsWith("Bad request: Invalid snapshot: ", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target), "nothing is unpacked before the whole archive was checked");
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "citadel-escaped.txt")));
        Assert.False(File.Exists(Path.Combine(_dir, "escaped.txt")));
    }

    [Fact]
    public async Task WrittenArchive_UnpacksToTheSameFiles()
    {
        var archive = Path.Combine(_dir, "ok.tar");
        using (var a = SnapshotEntry.FromBytes("config.json", "{}"u8.ToArray()))
        using (var b = SnapshotEntry.FromBytes("0/segments/seg-1-v1.dat", [1, 2, 3]))
        {
            await using var output = File.Create(archive);
            await SnapshotArchiveWriter.WriteAsync(output, new SnapshotDescriptor(SnapshotKind.Collection, "c", null, DateTime.UtcNow), [a, b], null, CancellationToken.None);
        }

        var target = Path.Combine(_dir, "out");
        var descriptor = SnapshotArchiveReader.Extract(archive, target, SnapshotKind.Collection, 1L << 30);

        Assert.Equal("c", descriptor.Collection);
        Assert.Equal("{}"u8.ToArray(), File.ReadAllBytes(Path.Combine(target, "config.json")));
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(Path.Combine(target, "0", "segments", "seg-1-v1.dat")));
        Assert.False(File.Exists(Path.Combine(target, SnapshotDescriptor.FileName)));
    }

    [Fact]
    public void ArchiveLargerThanTheAvailableSpace_IsRefusedBeforeUnpacking()
    {
        var archive = Path.Combine(_dir, "big.tar");
        File.WriteAllBytes(archive, HostileArchives.WithDescriptor(HostileArchives.File("config.json", new byte[10_000])));
        var target = Path.Combine(_dir, "target");

        var e = Assert.Throws<CitadelException>(() => SnapshotArchiveReader.Extract(archive, target, SnapshotKind.Collection, 5_000));

        Assert.Equal(ErrorKind.BadRequest, e.Kind);
        Assert.Contains("Not enough disk space", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
