using System.Text.Json;
using Citadel.Storage.Filtering;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Operations;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;
using Citadel.Storage.Shards;
using Citadel.Tests.Unit.Storage;
using static Citadel.Tests.Unit.PayloadIndex.Conditions;

namespace Citadel.Tests.Unit.PayloadIndex;

/// <summary>
/// Every index type through a shard's life: built over sealed segments and the appendable one, following payload
/// changes (points copied out of sealed segments), deletions and new points, and rebuilt after a restart.
/// </summary>
public sealed class IndexLifecycleTests : IDisposable
{
    private readonly StorageTestData _data = new();

    public static TheoryData<PayloadSchemaType, string, string> Types => new()
    {
        { PayloadSchemaType.Keyword, "\"a\"", "\"b\"" },
        { PayloadSchemaType.Integer, "1", "2" },
        { PayloadSchemaType.Float, "1.5", "2.5" },
        { PayloadSchemaType.Bool, "true", "false" },
        { PayloadSchemaType.Datetime, "\"2024-01-01T00:00:00Z\"", "\"2025-01-01T00:00:00Z\"" },
        { PayloadSchemaType.Uuid, "\"6f1b8c2e-1d3a-4c5b-9e7f-0a1b2c3d4e5f\"", "\"00000000-0000-0000-0000-000000000001\"" },
        { PayloadSchemaType.Geo, """{"lon": 10, "lat": 10}""", """{"lon": -50, "lat": -50}""" },
        { PayloadSchemaType.Text, "\"quick fox\"", "\"slow dog\"" },
    };

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Index_FollowsSealingUpdatesDeletesAndRestart(PayloadSchemaType type, string a, string b)
    {
        var dir = _data.NewDirectory();
        var field = JsonPath.Parse("v");
        var schema = PayloadSchema.Empty.With(field, PayloadFieldSchema.Of(type));
        var filter = Filter.MustAll(MatchingA(type));
        var shard = Shard.Open(0, dir, StorageTestData.SmallShard(appendableCapacity: 100, target: 100));
        try
        {
            shard.SetPayloadIndexes(schema);
            await shard.UpdateAsync(new UpsertPoints([.. Enumerable.Range(1, 250).Select(i => Point((ulong)i, i % 2 == 0 ? a : b))]), wait: true);
            Assert.True(shard.SegmentCount >= 3);
            Assert.Equal(125, shard.Count(filter));
            Assert.Equal(250, shard.CountIndexedPoints(field));

            await shard.UpdateAsync(new OverwritePayload(Payload(b), new IdsSelector([.. Enumerable.Range(1, 10).Select(i => PointId.FromNum((ulong)i * 2))])), wait: true);
            await shard.UpdateAsync(new DeletePoints(new IdsSelector([.. Enumerable.Range(11, 10).Select(i => PointId.FromNum((ulong)i * 2))])), wait: true);
            await shard.UpdateAsync(new UpsertPoints([.. Enumerable.Range(251, 10).Select(i => Point((ulong)i, a))]), wait: true);
            await shard.UpdateAsync(new DeletePoints(new FilterSelector(Filter.MustAll(new HasIdCondition(new HashSet<PointId> { PointId.FromNum(60), PointId.FromNum(61) }), MatchingA(type)))), wait: true);
            Assert.Equal(125 - 10 - 10 + 10 - 1, shard.Count(filter));
            Assert.Equal(250 - 10 + 10 - 1, shard.CountIndexedPoints(field));

            shard.Checkpoint();
            shard.Dispose();
            shard = Shard.Open(0, dir, StorageTestData.SmallShard(appendableCapacity: 100, target: 100));
            shard.SetPayloadIndexes(schema);
            Assert.Equal(114, shard.Count(filter));
            Assert.Equal(249, shard.CountIndexedPoints(field));
        }
        finally
        {
            shard.Dispose();
        }
    }

    private static FieldCondition MatchingA(PayloadSchemaType type) => type switch
    {
        PayloadSchemaType.Keyword => Keyword("v", "a"),
        PayloadSchemaType.Integer => Integer("v", 1),
        PayloadSchemaType.Float => Range("v", gte: 1, lt: 2),
        PayloadSchemaType.Bool => Bool("v", true),
        PayloadSchemaType.Datetime => Dates("v", lt: "2024-06-01T00:00:00Z"),
        PayloadSchemaType.Uuid => Keyword("v", "6f1b8c2e-1d3a-4c5b-9e7f-0a1b2c3d4e5f"),
        PayloadSchemaType.Geo => Field("v") with { GeoRadius = new GeoRadius(new GeoPoint(10, 10), 100_000) },
        _ => Text("v", "fox"),
    };

    private static JsonElement Payload(string value) => SegmentIndexKit.Json($$"""{"v": {{value}}}""");

    private static PointStruct Point(ulong id, string value) =>
        new(PointId.FromNum(id), new Dictionary<string, float[]> { [string.Empty] = [1f, 0f] }, Payload(value));

    public void Dispose() => _data.Dispose();
}
