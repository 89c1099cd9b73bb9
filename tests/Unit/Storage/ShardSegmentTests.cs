using System.Text.Json;
using Citadel.Storage.Operations;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;
using Citadel.Storage.Search;
using Citadel.Storage.Shards;
using Citadel.Storage.Vectors;

namespace Citadel.Tests.Unit.Storage;

public sealed class ShardSegmentTests : IDisposable
{
    private readonly StorageTestData _data = new();

    [Fact]
    public async Task FullAppendableSegments_AreSealedAndSearchStaysExact()
    {
        var dir = _data.NewDirectory();
        using var shard = Shard.Open(0, dir, StorageTestData.SmallShard(appendableCapacity: 100, target: 100));
        var points = StorageTestData.Points(1000, 16, seed: 11);
        await shard.UpdateAsync(new UpsertPoints(points), wait: true);
        Assert.True(shard.SegmentCount >= 10);

        var query = points[17].Vectors[string.Empty];
        var hits = shard.Search(string.Empty, query, Distance.Euclid, null, 10, null, PayloadSelector.None, VectorSelector.None);
        var expected = points
            .Select(p => (p.Id, D: MathF.Sqrt(p.Vectors[string.Empty].Zip(query, (x, y) => (x - y) * (x - y)).Sum())))
            .OrderBy(x => x.D).ThenBy(x => x.Id).Take(10).Select(x => x.Id).ToList();
        Assert.Equal(expected, hits.Select(h => h.Id).ToList());
    }

    [Fact]
    public async Task UpdatingAPointInASealedSegment_CopiesItAndKeepsOneLiveVersion()
    {
        var dir = _data.NewDirectory();
        using var shard = Shard.Open(0, dir, StorageTestData.SmallShard(appendableCapacity: 50, target: 100));
        await shard.UpdateAsync(new UpsertPoints(StorageTestData.Points(120, 4, seed: 12)), wait: true);
        await shard.UpdateAsync(new SetPayload(JsonSerializer.SerializeToElement(new { touched = 1 }), new IdsSelector([PointId.FromNum(5)])), wait: true);

        Assert.Equal(120, shard.PointCount);
        var record = shard.Retrieve([PointId.FromNum(5)], PayloadSelector.All, VectorSelector.Every).Single();
        Assert.Equal(1, record.Payload!.Value.GetProperty("touched").GetInt32());
        Assert.Equal("c5", record.Payload!.Value.GetProperty("city").GetString());
        Assert.Single(shard.Scroll(PointId.FromNum(5), 1, null, PayloadSelector.None, VectorSelector.None));
    }

    [Fact]
    public async Task Vacuum_ReclaimsDeletedPointsAndTheirFiles()
    {
        var dir = _data.NewDirectory();
        using var shard = Shard.Open(0, dir, StorageTestData.SmallShard(appendableCapacity: 400, target: 100));
        var points = StorageTestData.Points(800, 32, seed: 13);
        await shard.UpdateAsync(new UpsertPoints(points), wait: true);
        shard.Checkpoint();
        var sizeBefore = SegmentBytes(dir);

        var doomed = points.Where(p => p.Id.Num % 2 == 0).Select(p => p.Id).ToList();
        await shard.UpdateAsync(new DeletePoints(new IdsSelector(doomed)), wait: true);
        Assert.True(shard.Optimize());
        Assert.True(shard.Optimize());
        shard.Checkpoint();

        Assert.Equal(400, shard.PointCount);
        Assert.True(SegmentBytes(dir) < sizeBefore * 0.75, $"segment files should shrink: {sizeBefore} -> {SegmentBytes(dir)}");
        using var reopened = Shard.Open(0, _data.CrashImage(dir), StorageTestData.SmallShard());
        ShardRecoveryTests.AssertSameContent(shard, reopened);
    }

    [Fact]
    public async Task ManySmallSealedSegments_AreMergedDownToTheTarget()
    {
        var dir = _data.NewDirectory();
        using var shard = Shard.Open(0, dir, StorageTestData.SmallShard(appendableCapacity: 20, target: 2));
        await shard.UpdateAsync(new UpsertPoints(StorageTestData.Points(200, 4, seed: 14)), wait: true);
        var before = shard.SegmentCount;
        while (shard.Optimize())
        {
        }

        Assert.True(shard.SegmentCount <= 3, $"{before} segments should merge to at most 2 sealed + 1 appendable, got {shard.SegmentCount}");
        Assert.Equal(200, shard.PointCount);
    }

    [Fact]
    public async Task DeletesDuringOptimization_AreNotResurrected()
    {
        var dir = _data.NewDirectory();
        using var shard = Shard.Open(0, dir, StorageTestData.SmallShard(appendableCapacity: 100, target: 1));
        await shard.UpdateAsync(new UpsertPoints(StorageTestData.Points(1000, 8, seed: 15)), wait: true);
        var optimizing = Task.Run(() =>
        {
            while (shard.Optimize())
            {
            }
        });
        for (ulong id = 1; id <= 1000; id += 3)
        {
            await shard.UpdateAsync(new DeletePoints(new IdsSelector([PointId.FromNum(id)])), wait: false);
        }

        await optimizing;
        var remaining = shard.Scroll(null, int.MaxValue, null, PayloadSelector.None, VectorSelector.None).Select(r => r.Id.Num).ToList();
        Assert.DoesNotContain(remaining, id => (id - 1) % 3 == 0);
        Assert.Equal(1000 - 334, remaining.Count);
    }

    private static long SegmentBytes(string dir) =>
        Directory.EnumerateFiles(Path.Combine(dir, "segments")).Sum(f => new FileInfo(f).Length);

    public void Dispose() => _data.Dispose();
}
