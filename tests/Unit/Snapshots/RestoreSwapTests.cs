using Citadel.Storage.Collections;
using Citadel.Storage.Operations;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;
using Citadel.Storage.Search;
using Citadel.Storage.Snapshots;
using Citadel.Storage.Vectors;
using Microsoft.Extensions.Logging.Abstractions;

namespace Citadel.Tests.Unit.Snapshots;

/// <summary>
/// Replacing a shard or a whole collection with a restored one: the swap, a swap that fails part-way, a process that
/// dies between the swap's two renames, and collections whose names look like the manager's own working directories.
/// </summary>
public sealed class RestoreSwapTests : IDisposable
{
    private static readonly ulong[] SourceIds = [1, 2, 3, 4, 5];
    private static readonly ulong[] TargetIds = [100, 101, 102];
    private readonly string _dir = Directory.CreateTempSubdirectory("citadel-restore-swap-").FullName;

    [Fact]
    public async Task RestoreShard_ServesTheRestoredPointsAndLeavesNothingParked()
    {
        using var manager = await SourceAndTargetAsync();
        var staged = StageShardOf(manager, "source");

        manager.Get("target").RestoreShard(0, staged);

        Assert.Equal(SourceIds, Ids(manager.Get("target")));
        Assert.False(Directory.Exists(ShardDirectory("target") + ".replaced"));
    }

    [Fact]
    public async Task RestoreShard_WhenARenameFails_KeepsTheOldShardServingAndWritable()
    {
        using var manager = await SourceAndTargetAsync();
        var staged = StageShardOf(manager, "source");
        // A directory where the old shard would be parked makes the first rename fail.
        var blocker = Directory.CreateDirectory(ShardDirectory("target") + ".replaced").FullName;
        File.WriteAllText(Path.Combine(blocker, "junk"), "x");

        Assert.ThrowsAny<IOException>(() => manager.Get("target").RestoreShard(0, staged));

        var target = manager.Get("target");
        Assert.Equal(TargetIds, Ids(target));
        await target.UpdateAsync(Upsert([103]), wait: true);
        Assert.Equal([.. TargetIds, 103UL], Ids(target));
        Assert.True(File.Exists(Path.Combine(blocker, "junk")));
    }

    [Fact]
    public async Task ACrashBeforeTheRestoredShardIsInPlace_LeavesTheOldShardAfterRestart()
    {
        using (await SourceAndTargetAsync())
        {
        }

        // The state a kill leaves after the first rename: the old shard parked, nothing in its place.
        Directory.Move(ShardDirectory("target"), ShardDirectory("target") + ".replaced");

        using var reopened = Open();
        Assert.Equal(TargetIds, Ids(reopened.Get("target")));
        Assert.False(Directory.Exists(ShardDirectory("target") + ".replaced"));
    }

    [Fact]
    public async Task ACrashAfterTheRestoredShardIsInPlace_KeepsTheRestoredShardAfterRestart()
    {
        var staged = Path.Combine(_dir, "staged");
        using (var manager = await SourceAndTargetAsync())
        {
            Directory.Move(StageShardOf(manager, "source"), staged);
        }

        // The state a kill leaves after the second rename: the restored shard in place, the old one still parked.
        Directory.Move(ShardDirectory("target"), ShardDirectory("target") + ".replaced");
        Directory.Move(staged, ShardDirectory("target"));

        using var reopened = Open();
        Assert.Equal(SourceIds, Ids(reopened.Get("target")));
        Assert.False(Directory.Exists(ShardDirectory("target") + ".replaced"));
    }

    [Fact]
    public async Task CollectionsNamedLikeWorkDirectories_SurviveARestart()
    {
        using (var manager = Open())
        {
            await CreateAsync(manager, ".deleted-0123", [7]);
            await CreateAsync(manager, ".creating-4567", [8]);
        }

        using var reopened = Open();
        Assert.Equal([7UL], Ids(reopened.Get(".deleted-0123")));
        Assert.Equal([8UL], Ids(reopened.Get(".creating-4567")));
    }

    [Fact]
    public async Task ACrashBetweenTheCollectionRenames_FinishesTheRestoreAtStartUp()
    {
        using (var manager = await SourceAndTargetAsync())
        {
            var staged = Stage(manager, "source", manager.NewStagingDirectory());
            File.WriteAllText(Path.Combine(staged, ":restore-target"), "target");
        }

        // The state a kill leaves after the first rename: the old collection moved to a tomb, the restored one staged.
        Directory.Move(CollectionDirectory("target"), CollectionDirectory(":deleted-89ab"));

        using var reopened = Open();
        Assert.Equal(SourceIds, Ids(reopened.Get("target")));
        Assert.Equal(SourceIds, Ids(reopened.Get("source")));
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(_dir, "collections"), ":*"));
    }

    [Fact]
    public async Task AStagedRestoreWhoseCollectionIsStillInPlace_IsDiscardedAtStartUp()
    {
        using (var manager = await SourceAndTargetAsync())
        {
            var staged = Stage(manager, "source", manager.NewStagingDirectory());
            File.WriteAllText(Path.Combine(staged, ":restore-target"), "target");
        }

        using var reopened = Open();
        Assert.Equal(TargetIds, Ids(reopened.Get("target")));
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(_dir, "collections"), ":*"));
    }

    [Fact]
    public async Task RestoreCollection_WhenMovingTheRestoredOneInFails_PutsTheOldCollectionBack()
    {
        using var manager = await SourceAndTargetAsync();
        // Staged on another file system, the second rename fails (EXDEV) after the old collection was moved away.
        var other = Directory.CreateDirectory(Path.Combine("/dev/shm", $"citadel-restore-elsewhere-{Guid.NewGuid():N}"));
        try
        {
            Assert.NotEqual(new DriveInfo(_dir).RootDirectory.FullName, new DriveInfo(other.FullName).RootDirectory.FullName);
            var staged = Stage(manager, "source", Path.Combine(other.FullName, "staged"));

            Assert.ThrowsAny<IOException>(() => manager.RestoreCollection("target", staged));

            var target = manager.Get("target");
            Assert.Equal(TargetIds, Ids(target));
            await target.UpdateAsync(Upsert([103]), wait: true);
            Assert.Equal([.. TargetIds, 103UL], Ids(target));
            Assert.Empty(Directory.EnumerateDirectories(Path.Combine(_dir, "collections"), ":*"));
        }
        finally
        {
            other.Delete(recursive: true);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private CollectionManager Open() => CollectionManager.Open(_dir, CollectionDefaults.Qdrant, NullLogger.Instance);

    private async Task<CollectionManager> SourceAndTargetAsync()
    {
        var manager = Open();
        await CreateAsync(manager, "source", SourceIds);
        await CreateAsync(manager, "target", TargetIds);
        return manager;
    }

    private static async Task CreateAsync(CollectionManager manager, string name, ulong[] ids)
    {
        manager.Apply(new CreateCollectionOperation(name, CollectionDefaults.Qdrant.Complete(new CreateCollectionRequest
        {
            Vectors = new Dictionary<string, VectorParams> { [string.Empty] = new(2, Distance.Dot) },
        })));
        await manager.Get(name).UpdateAsync(Upsert(ids), wait: true);
    }

    /// <summary>A collection snapshot's files unpacked in <paramref name="staged"/>, as a snapshot recovery does.</summary>
    private static string Stage(CollectionManager manager, string name, string staged) => Unpack(manager.Get(name).CaptureSnapshot(), staged);

    /// <summary>Shard 0's checkpoint files unpacked in a staging directory, as a shard snapshot recovery does.</summary>
    private static string StageShardOf(CollectionManager manager, string name) =>
        Unpack(manager.Get(name).GetShard(0).CaptureCheckpointFiles(), manager.NewStagingDirectory());

    private static string Unpack(IReadOnlyList<SnapshotEntry> entries, string staged)
    {
        foreach (var entry in entries)
        {
            using (entry)
            {
                var path = Path.Combine(staged, entry.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using var file = File.Create(path);
                entry.Content.CopyTo(file);
            }
        }

        return staged;
    }

    private static UpsertPoints Upsert(IEnumerable<ulong> ids) =>
        new([.. ids.Select(id => new PointStruct(PointId.FromNum(id), new Dictionary<string, float[]> { [string.Empty] = [1, 0] }, default))]);

    private static ulong[] Ids(Collection collection) =>
        [.. collection.Retrieve([.. Enumerable.Range(0, 200).Select(i => PointId.FromNum((ulong)i))], PayloadSelector.None, VectorSelector.None)
            .Select(p => p.Id.Num)
            .Order()];

    private string CollectionDirectory(string name) => Path.Combine(_dir, "collections", name);

    private string ShardDirectory(string collection) => Path.Combine(CollectionDirectory(collection), "0");
}
