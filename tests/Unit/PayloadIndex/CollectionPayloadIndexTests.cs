using System.Text.Json;
using Citadel.Common.Errors;
using Citadel.Storage.Collections;
using Citadel.Storage.Index.Payload.Facets;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Operations;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;
using Citadel.Storage.Search;
using Citadel.Storage.Vectors;
using Citadel.Tests.Unit.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Citadel.Tests.Unit.PayloadIndex;

/// <summary>Index metadata operations, persistence across restarts, facets and <c>order_by</c>, through the collection manager.</summary>
public sealed class CollectionPayloadIndexTests : IDisposable
{
    private readonly StorageTestData _data = new();
    private readonly string _storage;
    private CollectionManager _manager;

    public CollectionPayloadIndexTests()
    {
        _storage = _data.NewDirectory();
        _manager = CollectionManager.Open(_storage, CollectionDefaults.Qdrant, NullLogger.Instance);
        var request = new CreateCollectionRequest { Vectors = new Dictionary<string, VectorParams> { [string.Empty] = new(2, Distance.Dot) }, ShardNumber = 3 };
        _manager.Apply(new CreateCollectionOperation("c", CollectionDefaults.Qdrant.Complete(request)));
    }

    private Collection C => _manager.Get("c");

    [Fact]
    public async Task CreatedIndexes_AreShownWithTheirPointCounts_AndSurviveARestart()
    {
        await Upsert(
            """{"city": "Berlin", "n": 1}""",
            """{"city": ["Paris", "Berlin"], "n": 2.5}""",
            """{"n": 3}""");
        CreateIndex("city", PayloadFieldSchema.Of(PayloadSchemaType.Keyword));
        CreateIndex("n", PayloadFieldSchema.Of(new IntegerIndexParams { Range = true }));

        Assert.Equal(["city", "n"], C.PayloadSchema.Fields.Select(f => f.Path.Text));
        Assert.Equal(2, C.CountIndexedPoints(JsonPath.Parse("city")));
        Assert.Equal(2, C.CountIndexedPoints(JsonPath.Parse("n")));

        _manager.Dispose();
        _manager = CollectionManager.Open(_storage, CollectionDefaults.Qdrant, NullLogger.Instance);
        Assert.Equal(2, C.PayloadSchema.Count);
        Assert.Equal(PayloadSchemaType.Integer, C.PayloadSchema.Find(JsonPath.Parse("n"))!.Schema.Type);
        Assert.True(C.PayloadSchema.Find(JsonPath.Parse("n"))!.Schema.Params is IntegerIndexParams { Range: true });
        Assert.Equal(2, C.CountIndexedPoints(JsonPath.Parse("city")));
        Assert.Equal(2, C.Count(Filtering.Must(Conditions.Keyword("city", "Berlin"))));
    }

    [Fact]
    public void InvalidSchemas_AreRefusedBeforeAnythingChanges()
    {
        var e = Assert.Throws<CitadelException>(() => CreateIndex("n", PayloadFieldSchema.Of(new IntegerIndexParams { Lookup = false, Range = false })));
        Assert.Equal(ErrorKind.Validation, e.Kind);
        Assert.Equal(ErrorKind.Unimplemented, Assert.Throws<CitadelException>(() => CreateIndex("t", PayloadFieldSchema.Of(new TextIndexParams { StemmerLanguage = "english" }))).Kind);
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<CitadelException>(() => _manager.Apply(new CreatePayloadIndexOperation("missing", JsonPath.Parse("x"), PayloadFieldSchema.Of(PayloadSchemaType.Bool)))).Kind);
        Assert.Equal(0, C.PayloadSchema.Count);
    }

    [Fact]
    public async Task Facet_CountsEachPointOncePerValue_InQdrantsOrder()
    {
        await Upsert(
            """{"color": ["red", "red", "blue"], "size": 1, "ok": true}""",
            """{"color": "blue", "size": 2, "ok": false}""",
            """{"color": "green", "size": 2, "ok": true}""",
            """{"color": "blue", "size": 1.5}""",
            """{"color": 5}""");
        CreateIndex("color", PayloadFieldSchema.Of(PayloadSchemaType.Keyword));
        CreateIndex("size", PayloadFieldSchema.Of(PayloadSchemaType.Integer));
        CreateIndex("ok", PayloadFieldSchema.Of(PayloadSchemaType.Bool));

        var colors = C.Facet(new FacetRequest(JsonPath.Parse("color")));
        Assert.Equal([("blue", 3L), ("green", 1L), ("red", 1L)], colors.Select(h => (h.Value.Keyword!, h.Count)));
        var sizes = C.Facet(new FacetRequest(JsonPath.Parse("size")) { Filter = Filtering.Must(Conditions.Keyword("color", "blue")) });
        Assert.Equal([(1L, 1L), (2L, 1L)], sizes.Select(h => (h.Value.Integer, h.Count)));
        var limited = C.Facet(new FacetRequest(JsonPath.Parse("ok")) { Limit = 1 });
        Assert.Equal(FacetValue.OfBool(true), Assert.Single(limited).Value);
    }

    [Fact]
    public void Facet_WithoutASuitableIndex_FailsWithQdrantsMessage()
    {
        CreateIndex("price", PayloadFieldSchema.Of(PayloadSchemaType.Float));
        CreateIndex("n", PayloadFieldSchema.Of(new IntegerIndexParams { Lookup = false }));
        foreach (var key in new[] { "price", "n", "unindexed" })
        {
            var e = Assert.Throws<CitadelException>(() => C.Facet(new FacetRequest(JsonPath.Parse(key))));
            Assert.Equal($"Wrong input: No appropriate index for faceting: `{key}`. Please create one to facet on this field. Check https://qdrant.tech/documentation/concepts/indexing/#payload-index to see which payload schemas support Match conditions", e.Message);
        }
    }

    [Fact]
    public async Task OrderBy_NeedsARangeIndex_AndReadsItInOrder()
    {
        await Upsert(
            """{"n": 3, "f": 0.5, "d": "2024-01-03T00:00:00Z"}""",
            """{"n": [1, 5], "f": 2, "d": "2024-01-01T00:00:00Z"}""",
            """{"n": 3, "f": -1}""",
            """{"n": 2.5, "f": "x", "d": "2023-12-31T23:00:00-02:00"}""");
        var e = Assert.Throws<CitadelException>(() => C.Scroll(new ScrollRequest { OrderBy = new OrderBy(JsonPath.Parse("n"), false, null) }));
        Assert.Equal("Wrong input: No range index for `order_by` key: `n`. Please create one to use `order_by`. Check https://qdrant.tech/documentation/concepts/indexing/#payload-index to see which payload schemas support Range conditions", e.Message);

        CreateIndex("n", PayloadFieldSchema.Of(PayloadSchemaType.Integer));
        CreateIndex("f", PayloadFieldSchema.Of(PayloadSchemaType.Float));
        CreateIndex("d", PayloadFieldSchema.Of(PayloadSchemaType.Datetime));

        // One entry per integer value, ties by id; 2.5 is not an integer.
        var byN = C.Scroll(new ScrollRequest { Limit = 10, OrderBy = new OrderBy(JsonPath.Parse("n"), false, null) }).Points;
        Assert.Equal([2UL, 1UL, 3UL, 2UL], byN.Select(p => p.Id.Num));
        Assert.Equal([1.0, 3, 3, 5], byN.Select(p => p.OrderValue!.Value.Value));
        Assert.True(byN[0].OrderValue!.Value.IsInteger);

        var byFDescending = C.Scroll(new ScrollRequest { Limit = 2, OrderBy = new OrderBy(JsonPath.Parse("f"), true, 1.0) }).Points;
        Assert.Equal([1UL, 3UL], byFDescending.Select(p => p.Id.Num));
        Assert.False(byFDescending[0].OrderValue!.Value.IsInteger);

        var byDate = C.Scroll(new ScrollRequest { Limit = 10, OrderBy = new OrderBy(JsonPath.Parse("d"), false, null) }).Points;
        Assert.Equal([2UL, 4UL, 1UL], byDate.Select(p => p.Id.Num));
        Assert.Equal(1704067200000000.0, byDate[0].OrderValue!.Value.Value);

        CreateIndex("n", PayloadFieldSchema.Of(new IntegerIndexParams { Range = false }));
        Assert.Throws<CitadelException>(() => C.Scroll(new ScrollRequest { OrderBy = new OrderBy(JsonPath.Parse("n"), false, null) }));
    }

    [Fact]
    public async Task DroppingAnIndex_RemovesItFromTheSchemaAndTheFile()
    {
        await Upsert("""{"k": "a"}""");
        CreateIndex("k", PayloadFieldSchema.Of(PayloadSchemaType.Keyword));
        Assert.True(_manager.Apply(new DropPayloadIndexOperation("c", JsonPath.Parse("k"))));
        Assert.True(_manager.Apply(new DropPayloadIndexOperation("c", JsonPath.Parse("never-indexed"))));
        Assert.Equal(0, C.PayloadSchema.Count);
        Assert.Equal(0, PayloadSchema.Load(C.Directory).Count);
    }

    public void Dispose()
    {
        _manager.Dispose();
        _data.Dispose();
    }

    private void CreateIndex(string field, PayloadFieldSchema schema) =>
        _manager.Apply(new CreatePayloadIndexOperation("c", JsonPath.Parse(field), schema));

    private async Task Upsert(params string[] payloads)
    {
        var points = payloads.Select((p, i) => new PointStruct(
            PointId.FromNum((ulong)i + 1),
            new Dictionary<string, float[]> { [string.Empty] = [1, 0] },
            JsonDocument.Parse(p).RootElement.Clone())).ToList();
        await C.UpdateAsync(new UpsertPoints(points), wait: true);
    }

    private static class Filtering
    {
        public static Citadel.Storage.Filtering.Filter Must(params Citadel.Storage.Filtering.Condition[] conditions) => Citadel.Storage.Filtering.Filter.MustAll(conditions);
    }
}
