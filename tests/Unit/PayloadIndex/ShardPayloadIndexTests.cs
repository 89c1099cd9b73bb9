using System.Text.Json;
using Citadel.Storage.Filtering;
using Citadel.Storage.Index.Payload.Planning;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Operations;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;
using Citadel.Storage.Search;
using Citadel.Storage.Shards;
using Citadel.Storage.Vectors;
using Citadel.Tests.Unit.Storage;

namespace Citadel.Tests.Unit.PayloadIndex;

/// <summary>
/// A shard with payload indexes against a twin without: the same writes (inserts, payload changes, deletes by filter,
/// seals, vacuums, merges, a restart) must leave both answering every count, scroll and search identically.
/// </summary>
public sealed class ShardPayloadIndexTests : IDisposable
{
    private readonly StorageTestData _data = new();

    [Fact]
    public async Task IndexedShard_ThroughSealingVacuumMergeAndRestart_AnswersLikeAPlainShard()
    {
        var indexedDir = _data.NewDirectory();
        var indexed = Shard.Open(0, indexedDir, StorageTestData.SmallShard(appendableCapacity: 150, target: 2));
        using var plain = Shard.Open(0, _data.NewDirectory(), StorageTestData.SmallShard(appendableCapacity: 150, target: 2));
        var data = new RandomData(21);
        var random = new Random(4);
        await Both(indexed, plain, new UpsertPoints(Points(data, random, 1, 300)));
        indexed.SetPayloadIndexes(RandomData.Schema);

        for (var round = 0; round < 12; round++)
        {
            await Both(indexed, plain, new UpsertPoints(Points(data, random, (ulong)(300 + (round * 60)), 60)));
            await Both(indexed, plain, new SetPayload(JsonSerializer.SerializeToElement(new { k = "red", n = round }), new IdsSelector([.. Enumerable.Range(0, 20).Select(_ => PointId.FromNum((ulong)random.Next(1, 900)))])));
            await Both(indexed, plain, new OverwritePayload(data.Payload(), new IdsSelector([PointId.FromNum((ulong)random.Next(1, 900))])));
            await Both(indexed, plain, new DeletePoints(new FilterSelector(Filter.MustAll(Conditions.Integer("n", random.Next(-2, 4)), Conditions.Keyword("k", "blue")))));
            while (indexed.Optimize())
            {
            }

            while (plain.Optimize())
            {
            }

            if (round == 6)
            {
                indexed.Checkpoint();
                indexed.Dispose();
                indexed = Shard.Open(0, indexedDir, StorageTestData.SmallShard(appendableCapacity: 150, target: 2));
                indexed.SetPayloadIndexes(RandomData.Schema);
            }

            AssertSameAnswers(indexed, plain, data, RandomData.Schema);
        }

        Assert.True(indexed.SegmentCount > 1);
        indexed.Dispose();
    }

    [Fact]
    public async Task DroppingAnIndex_LeavesAnswersUnchanged()
    {
        using var shard = Shard.Open(0, _data.NewDirectory(), StorageTestData.SmallShard(appendableCapacity: 100));
        var data = new RandomData(5);
        await shard.UpdateAsync(new UpsertPoints(Points(data, new Random(1), 1, 350)), wait: true);
        var filter = Filter.MustAll(Conditions.Keyword("k", "red"));
        var before = shard.Count(filter);
        shard.SetPayloadIndexes(RandomData.Schema);
        Assert.Equal(before, shard.Count(filter));
        Assert.True(shard.CountIndexedPoints(JsonPath.Parse("k")) > 0);
        shard.SetPayloadIndexes(RandomData.Schema.Without(JsonPath.Parse("k")));
        Assert.Equal(before, shard.Count(filter));
        Assert.Equal(0, shard.CountIndexedPoints(JsonPath.Parse("k")));
    }

    private static void AssertSameAnswers(Shard indexed, Shard plain, RandomData data, PayloadSchema schema)
    {
        for (var q = 0; q < 40; q++)
        {
            var filter = data.Filter();

            // Text matches on a text-indexed field take the index's semantics; the plain shard gets them spelled out.
            var reference = FilterRewriter.Rewrite(filter, schema);
            Assert.Equal(plain.Count(reference), indexed.Count(filter));
            Assert.Equal(Ids(plain.Scroll(null, 25, reference, PayloadSelector.None, VectorSelector.None)), Ids(indexed.Scroll(null, 25, filter, PayloadSelector.None, VectorSelector.None)));
            var query = new float[] { 0.1f, -0.2f, 0.3f, 0.05f };
            Assert.Equal(
                plain.Search(string.Empty, query, Distance.Euclid, reference, 7, null, PayloadSelector.None, VectorSelector.None).Select(h => h.Id),
                indexed.Search(string.Empty, query, Distance.Euclid, filter, 7, null, PayloadSelector.None, VectorSelector.None).Select(h => h.Id));
        }
    }

    private static List<ulong> Ids(IEnumerable<PointRecord> records) => [.. records.Select(r => r.Id.Num)];

    private static async Task Both(Shard a, Shard b, UpdateOperation op)
    {
        await a.UpdateAsync(op, wait: false);
        await b.UpdateAsync(op, wait: false);
    }

    private static List<PointStruct> Points(RandomData data, Random random, ulong first, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new PointStruct(
            PointId.FromNum(first + (ulong)i),
            new Dictionary<string, float[]> { [string.Empty] = [.. Enumerable.Range(0, 4).Select(_ => (float)random.NextDouble() - 0.5f)] },
            data.Payload()))];

    public void Dispose() => _data.Dispose();
}
