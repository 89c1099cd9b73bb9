using System.Text.Json;
using Citadel.Storage.Filtering;
using Citadel.Storage.Operations;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;
using Citadel.Storage.Search;
using Citadel.Storage.Shards;

namespace Citadel.Tests.Unit.Storage;

public sealed class ShardRecoveryTests : IDisposable
{
    private readonly StorageTestData _data = new();

    [Fact]
    public async Task AcknowledgedUpserts_SurviveACrashBeforeAnyCheckpoint()
    {
        var dir = _data.NewDirectory();
        using var shard = Shard.Open(0, dir, StorageTestData.SmallShard());
        var points = StorageTestData.Points(250, 8, seed: 1);
        foreach (var chunk in points.Chunk(50))
        {
            await shard.UpdateAsync(new UpsertPoints(chunk), wait: true);
        }

        using var recovered = Shard.Open(0, _data.CrashImage(dir), StorageTestData.SmallShard());
        AssertSameContent(shard, recovered);
        Assert.Equal(250, recovered.PointCount);
    }

    [Fact]
    public async Task ChangesAfterACheckpoint_AreReplayedFromTheWal()
    {
        var dir = _data.NewDirectory();
        using var shard = Shard.Open(0, dir, StorageTestData.SmallShard());
        await shard.UpdateAsync(new UpsertPoints(StorageTestData.Points(300, 8, seed: 2)), wait: true);
        shard.Checkpoint();
        await shard.UpdateAsync(new DeletePoints(new IdsSelector([PointId.FromNum(1), PointId.FromNum(2)])), wait: true);
        await shard.UpdateAsync(new SetPayload(JsonSerializer.SerializeToElement(new { flag = true }), new IdsSelector([PointId.FromNum(3)])), wait: true);
        await shard.UpdateAsync(new UpsertPoints(StorageTestData.Points(10, 8, seed: 3, firstId: 1000)), wait: true);

        using var recovered = Shard.Open(0, _data.CrashImage(dir), StorageTestData.SmallShard());
        AssertSameContent(shard, recovered);
        Assert.Equal(308, recovered.PointCount);
        Assert.True(recovered.Retrieve([PointId.FromNum(3)], PayloadSelector.All, VectorSelector.None)[0].Payload!.Value.GetProperty("flag").GetBoolean());
    }

    [Fact]
    public async Task TornLastWalRecord_IsDroppedAndEverythingBeforeItKept()
    {
        var dir = _data.NewDirectory();
        using var shard = Shard.Open(0, dir, StorageTestData.SmallShard());
        await shard.UpdateAsync(new UpsertPoints(StorageTestData.Points(40, 8, seed: 4)), wait: true);
        var image = _data.CrashImage(dir);
        var wal = Directory.GetFiles(Path.Combine(image, "wal"), "wal-*.log").Max()!;
        File.AppendAllText(wal, "\u0010\u0000\u0000\u0000garbage-of-a-half-written-record");

        using var recovered = Shard.Open(0, image, StorageTestData.SmallShard());
        Assert.Equal(40, recovered.PointCount);
        await recovered.UpdateAsync(new UpsertPoints(StorageTestData.Points(1, 8, seed: 5, firstId: 500)), wait: true);
        Assert.Equal(41, recovered.PointCount);
    }

    [Fact]
    public async Task DeleteByFilter_ReplaysToTheSamePoints()
    {
        var dir = _data.NewDirectory();
        using var shard = Shard.Open(0, dir, StorageTestData.SmallShard());
        await shard.UpdateAsync(new UpsertPoints(StorageTestData.Points(200, 4, seed: 6)), wait: true);
        var filter = Filter.MustAll(new FieldCondition(JsonPath.Parse("city")) { Match = new MatchValue(MatchScalar.Of("c3")) });
        await shard.UpdateAsync(new DeletePoints(new FilterSelector(filter)), wait: true);
        await shard.UpdateAsync(new UpsertPoints([StorageTestData.Point(10_000, 4, new Random(1), city: "c3")]), wait: true);

        using var recovered = Shard.Open(0, _data.CrashImage(dir), StorageTestData.SmallShard());
        Assert.Equal(1, recovered.Count(filter));
        AssertSameContent(shard, recovered);
    }

    [Fact]
    public async Task GracefulDispose_CheckpointsAndEmptiesTheWal()
    {
        var dir = _data.NewDirectory();
        var shard = Shard.Open(0, dir, StorageTestData.SmallShard());
        await shard.UpdateAsync(new UpsertPoints(StorageTestData.Points(150, 4, seed: 7)), wait: true);
        shard.Dispose();

        using var reopened = Shard.Open(0, dir, StorageTestData.SmallShard());
        Assert.Equal(150, reopened.PointCount);
        Assert.True(File.Exists(Path.Combine(dir, "manifest.json")));
    }

    [Fact]
    public async Task UpdateVectors_OnAMissingPoint_IsNotFoundAndLogsNothing()
    {
        var dir = _data.NewDirectory();
        using var shard = Shard.Open(0, dir, StorageTestData.SmallShard());
        var before = shard.Version;
        var error = await Assert.ThrowsAsync<Citadel.Common.Errors.CitadelException>(async () =>
            await shard.UpdateAsync(new UpdateVectors([new PointVectors(PointId.FromNum(9), new Dictionary<string, float[]> { [string.Empty] = new float[4] })]), wait: true));
        Assert.Equal(Citadel.Common.Errors.ErrorKind.NotFound, error.Kind);
        Assert.Equal(before, shard.Version);
    }

    internal static void AssertSameContent(Shard expected, Shard actual)
    {
        var a = expected.Scroll(null, int.MaxValue, null, PayloadSelector.All, VectorSelector.Every);
        var b = actual.Scroll(null, int.MaxValue, null, PayloadSelector.All, VectorSelector.Every);
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Id, b[i].Id);
            Assert.Equal(a[i].Payload!.Value.GetRawText(), b[i].Payload!.Value.GetRawText());
            Assert.Equal(a[i].Vectors!.Keys.Order(), b[i].Vectors!.Keys.Order());
            foreach (var (name, v) in a[i].Vectors!)
            {
                Assert.Equal(v, b[i].Vectors![name]);
            }
        }
    }

    public void Dispose() => _data.Dispose();
}
