using Citadel.Grpc;
using static Citadel.Tests.Integration.Grpc.GrpcBuilders;

namespace Citadel.Tests.Integration.Grpc;

/// <summary><c>qdrant.Points</c> updates and reads: upsert, get, scroll, count, payload and vector operations, batches.</summary>
[Collection(GrpcNodeCollection.Name)]
public sealed class PointTests(GrpcNodeFixture node)
{
    private const string Uuid = "98a9a4b1-4ef2-46fb-8315-a97d874fe1d7";

    [Fact]
    public async Task Upsert_WithEveryValueKind_GetReturnsThePayloadIntegersAndDoublesIntact()
    {
        var name = await CreateAsync(3);
        var point = Point(7, Dense(0.1f, 0.2f, 0.3f),
            ("int", Int(-42)),
            ("big", Int(long.MaxValue)),
            ("double", Double(1.0)),
            ("fraction", Double(-2.5e-7)),
            ("string", Str("Berlin")),
            ("bool", Bool(true)),
            ("null", Null),
            ("list", List(Int(1), Double(2.0), Str("three"))),
            ("struct", Struct(("lat", Double(52.52)), ("nested", Struct(("deep", Int(1)))))));

        var upsert = await node.Points.UpsertAsync(new UpsertPoints { CollectionName = name, Wait = true, Points = { point } });
        var got = await node.Points.GetAsync(new GetPoints { CollectionName = name, Ids = { Id(7) }, WithPayload = AllPayload, WithVectors = AllVectors });

        Assert.Equal(UpdateStatus.Completed, upsert.Result.Status);
        Assert.True(upsert.Result.HasOperationId);
        var record = Assert.Single(got.Result);
        Assert.Equal(7UL, record.Id.Num);
        Assert.Equal(point.Payload, record.Payload);
        Assert.Equal(Value.KindOneofCase.DoubleValue, record.Payload["double"].KindCase);
        Assert.Equal(Value.KindOneofCase.IntegerValue, record.Payload["int"].KindCase);
        Assert.Equal([0.1f, 0.2f, 0.3f], Data(record.Vectors.Vector));
    }

    [Fact]
    public async Task Get_WithoutSelectors_ReturnsIdsOnly_AndUuidIdsRoundTrip()
    {
        var name = await CreateAsync(2);
        var point = new PointStruct { Id = Id(Uuid.ToUpperInvariant()), Vectors = LegacyDense(1, 2), Payload = { ["k"] = Str("v") } };
        await node.Points.UpsertAsync(new UpsertPoints { CollectionName = name, Wait = true, Points = { point } });

        var got = await node.Points.GetAsync(new GetPoints { CollectionName = name, Ids = { Id(Uuid), Id(12345) } });

        var record = Assert.Single(got.Result);
        Assert.Equal(Uuid, record.Id.Uuid);
        Assert.Empty(record.Payload);
        Assert.Null(record.Vectors);
    }

    [Fact]
    public async Task NamedVectors_AreReturnedAsAMapAndCanBeSelected()
    {
        var name = GrpcNodeFixture.UniqueName("namedpts");
        await node.Collections.CreateAsync(new CreateCollection
        {
            CollectionName = name,
            VectorsConfig = new VectorsConfig { ParamsMap = new VectorParamsMap { Map = { ["a"] = new VectorParams { Size = 2, Distance = Distance.Dot }, ["b"] = new VectorParams { Size = 3, Distance = Distance.Euclid } } } },
        });
        await node.Points.UpsertAsync(new UpsertPoints { CollectionName = name, Wait = true, Points = { Point(1, Named(("a", [1, 2]), ("b", [3, 4, 5]))) } });

        var all = await node.Points.GetAsync(new GetPoints { CollectionName = name, Ids = { Id(1) }, WithVectors = AllVectors });
        var onlyB = await node.Points.GetAsync(new GetPoints { CollectionName = name, Ids = { Id(1) }, WithVectors = new WithVectorsSelector { Include = new VectorsSelector { Names = { "b" } } } });

        var vectors = Assert.Single(all.Result).Vectors.Vectors.Vectors;
        Assert.Equal([1f, 2f], Data(vectors["a"]));
        Assert.Equal([3f, 4f, 5f], Data(vectors["b"]));
        Assert.Equal(["b"], Assert.Single(onlyB.Result).Vectors.Vectors.Vectors.Keys);
    }

    [Fact]
    public async Task Scroll_PagesThroughEveryPointInIdOrder()
    {
        var name = await CreateAsync(2);
        await UpsertManyAsync(name, 25);

        var seen = new List<ulong>();
        PointId? offset = null;
        var pages = 0;
        do
        {
            var request = new ScrollPoints { CollectionName = name, Limit = 10 };
            if (offset is not null)
            {
                request.Offset = offset;
            }

            var page = await node.Points.ScrollAsync(request);
            seen.AddRange(page.Result.Select(p => p.Id.Num));
            Assert.All(page.Result, p => Assert.True(p.Payload.ContainsKey("n")));
            offset = page.NextPageOffset;
            pages++;
        }
        while (offset is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (ulong)i), seen);
    }

    [Fact]
    public async Task Count_WithAndWithoutFilter()
    {
        var name = await CreateAsync(2);
        await UpsertManyAsync(name, 20);

        var all = await node.Points.CountAsync(new CountPoints { CollectionName = name });
        var even = await node.Points.CountAsync(new CountPoints { CollectionName = name, Filter = new Filter { Must = { Match("parity", "even") } }, Exact = true });

        Assert.Equal(20UL, all.Result.Count);
        Assert.Equal(10UL, even.Result.Count);
    }

    [Fact]
    public async Task PayloadOperations_SetOverwriteDeleteAndClear()
    {
        var name = await CreateAsync(2);
        await node.Points.UpsertAsync(new UpsertPoints { CollectionName = name, Wait = true, Points = { Point(1, Dense(1, 0), ("a", Int(1)), ("b", Int(2))), Point(2, Dense(0, 1), ("a", Int(1))) } });

        await node.Points.SetPayloadAsync(new SetPayloadPoints { CollectionName = name, Wait = true, PointsSelector = Ids(1), Payload = { ["c"] = Str("set") } });
        var afterSet = await PayloadAsync(name, 1);
        await node.Points.SetPayloadAsync(new SetPayloadPoints { CollectionName = name, Wait = true, PointsSelector = Ids(1), Key = "obj", Payload = { ["inner"] = Int(5) } });
        var afterKeyedSet = await PayloadAsync(name, 1);
        await node.Points.DeletePayloadAsync(new DeletePayloadPoints { CollectionName = name, Wait = true, PointsSelector = Ids(1), Keys = { "a" } });
        var afterDelete = await PayloadAsync(name, 1);
        await node.Points.OverwritePayloadAsync(new SetPayloadPoints { CollectionName = name, Wait = true, PointsSelector = Ids(1), Payload = { ["only"] = Bool(true) } });
        var afterOverwrite = await PayloadAsync(name, 1);
        await node.Points.ClearPayloadAsync(new ClearPayloadPoints { CollectionName = name, Wait = true, Points = Where(new Filter { Must = { Match("a", 1) } }) });
        var clearedByFilter = await PayloadAsync(name, 2);

        Assert.Equal(["a", "b", "c"], afterSet.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(5, afterKeyedSet["obj"].StructValue.Fields["inner"].IntegerValue);
        Assert.False(afterDelete.ContainsKey("a"));
        Assert.Equal(["only"], afterOverwrite.Keys);
        Assert.Empty(clearedByFilter);
    }

    [Fact]
    public async Task UpdateVectors_ReplacesAndDeleteVectors_RemovesTheVector()
    {
        var name = await CreateAsync(2);
        await node.Points.UpsertAsync(new UpsertPoints { CollectionName = name, Wait = true, Points = { Point(1, Dense(1, 1)) } });

        await node.Points.UpdateVectorsAsync(new UpdatePointVectors { CollectionName = name, Wait = true, Points = { new PointVectors { Id = Id(1), Vectors = Dense(3, 4) } } });
        var updated = await node.Points.GetAsync(new GetPoints { CollectionName = name, Ids = { Id(1) }, WithVectors = AllVectors });
        await node.Points.DeleteVectorsAsync(new DeletePointVectors { CollectionName = name, Wait = true, PointsSelector = Ids(1), Vectors = new VectorsSelector { Names = { string.Empty } } });
        var deleted = await node.Points.GetAsync(new GetPoints { CollectionName = name, Ids = { Id(1) }, WithVectors = AllVectors });

        Assert.Equal([3f, 4f], Data(Assert.Single(updated.Result).Vectors.Vector));
        var vectors = Assert.Single(deleted.Result).Vectors;
        Assert.Equal(VectorsOutput.VectorsOptionsOneofCase.Vectors, vectors.VectorsOptionsCase);
        Assert.Empty(vectors.Vectors.Vectors);
    }

    [Fact]
    public async Task Delete_ByFilter_RemovesOnlyMatchingPoints()
    {
        var name = await CreateAsync(2);
        await UpsertManyAsync(name, 10);

        var result = await node.Points.DeleteAsync(new DeletePoints { CollectionName = name, Wait = true, Points = Where(new Filter { Must = { Range("n", gte: 6) } }) });
        var left = await node.Points.ScrollAsync(new ScrollPoints { CollectionName = name, Limit = 100 });

        Assert.Equal(UpdateStatus.Completed, result.Result.Status);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => (ulong)i), left.Result.Select(p => p.Id.Num));
    }

    [Fact]
    public async Task UpdateBatch_AppliesOperationsInOrder()
    {
        var name = await CreateAsync(2);
        var batch = new UpdateBatchPoints
        {
            CollectionName = name,
            Wait = true,
            Operations =
            {
                new PointsUpdateOperation { Upsert = new PointsUpdateOperation.Types.PointStructList { Points = { Point(1, Dense(1, 0)), Point(2, Dense(0, 1)), Point(3, Dense(1, 1)) } } },
                new PointsUpdateOperation { SetPayload = new PointsUpdateOperation.Types.SetPayload { PointsSelector = Ids(1, 2), Payload = { ["tag"] = Str("x") } } },
                new PointsUpdateOperation { DeletePoints = new PointsUpdateOperation.Types.DeletePoints { Points = Ids(2) } },
                new PointsUpdateOperation { DeletePayload = new PointsUpdateOperation.Types.DeletePayload { PointsSelector = Ids(1), Keys = { "missing" } } },
            },
        };

        var response = await node.Points.UpdateBatchAsync(batch);
        var points = await node.Points.ScrollAsync(new ScrollPoints { CollectionName = name });

        Assert.Equal(4, response.Result.Count);
        Assert.All(response.Result, r => Assert.Equal(UpdateStatus.Completed, r.Status));
        Assert.Equal([1UL, 3UL], points.Result.Select(p => p.Id.Num));
        Assert.Equal("x", points.Result[0].Payload["tag"].StringValue);
        Assert.Empty(points.Result[1].Payload);
    }

    [Fact]
    public async Task UpsertWithoutWait_IsAcknowledgedAndEventuallyVisible()
    {
        var name = await CreateAsync(2);

        var result = await node.Points.UpsertAsync(new UpsertPoints { CollectionName = name, Points = { Point(1, Dense(1, 0)) }, Ordering = new WriteOrdering { Type = WriteOrderingType.Strong } });

        Assert.Contains(result.Result.Status, new[] { UpdateStatus.Acknowledged, UpdateStatus.Completed });
        for (var i = 0; i < 50 && (await node.Points.CountAsync(new CountPoints { CollectionName = name })).Result.Count == 0; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(1UL, (await node.Points.CountAsync(new CountPoints { CollectionName = name })).Result.Count);
    }

    private async Task<string> CreateAsync(ulong size)
    {
        var name = GrpcNodeFixture.UniqueName("points");
        await node.Collections.CreateAsync(Single(name, size, Distance.Dot));
        return name;
    }

    private async Task UpsertManyAsync(string name, int count)
    {
        var upsert = new UpsertPoints { CollectionName = name, Wait = true };
        for (var i = 1; i <= count; i++)
        {
            upsert.Points.Add(Point((ulong)i, Dense(i, 1), ("n", Int(i)), ("parity", Str(i % 2 == 0 ? "even" : "odd"))));
        }

        await node.Points.UpsertAsync(upsert);
    }

    private async Task<Google.Protobuf.Collections.MapField<string, Value>> PayloadAsync(string name, ulong id) =>
        Assert.Single((await node.Points.GetAsync(new GetPoints { CollectionName = name, Ids = { Id(id) }, WithPayload = AllPayload })).Result).Payload;
}
