using Citadel.Grpc;
using Grpc.Core;
using static Citadel.Tests.Integration.Grpc.GrpcBuilders;

namespace Citadel.Tests.Integration.Grpc;

/// <summary>Malformed and hostile requests get a precise, non-INTERNAL status and leave the node serving.</summary>
[Collection(GrpcNodeCollection.Name)]
public sealed class HostileInputTests(GrpcNodeFixture node) : IAsyncLifetime
{
    private readonly string _name = GrpcNodeFixture.UniqueName("hostile");

    public async Task InitializeAsync()
    {
        await node.Collections.CreateAsync(Single(_name, 3, Distance.Cosine));
        await node.Points.UpsertAsync(new UpsertPoints { CollectionName = _name, Wait = true, Points = { Point(1, Dense(1, 2, 3)) } });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task InvalidUuid_IsInvalidArgumentNamingIt()
    {
        var e = await FailsAsync(() => node.Points.GetAsync(new GetPoints { CollectionName = _name, Ids = { Id("not-a-uuid") } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("Unable to parse UUID: not-a-uuid", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PointIdWithoutChoice_IsInvalidArgument()
    {
        var e = await FailsAsync(() => node.Points.UpsertAsync(new UpsertPoints { CollectionName = _name, Points = { new PointStruct { Id = new PointId(), Vectors = Dense(1, 2, 3) } } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }

    [Fact]
    public async Task EmptyCollectionName_IsInvalidArgument()
    {
        var create = await FailsAsync(() => node.Collections.CreateAsync(Single(string.Empty, 3, Distance.Dot)).ResponseAsync);
        var get = await FailsAsync(() => node.Collections.GetAsync(new GetCollectionInfoRequest()).ResponseAsync);
        var search = await FailsAsync(() => node.Points.SearchAsync(new SearchPoints { Vector = { 1, 2, 3 }, Limit = 1 }).ResponseAsync);

        Assert.All([create, get, search], e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
    }

    [Fact]
    public async Task NaNInVector_IsInvalidArgument()
    {
        var upsert = await FailsAsync(() => node.Points.UpsertAsync(new UpsertPoints { CollectionName = _name, Points = { Point(2, Dense(1, float.NaN, 3)) } }).ResponseAsync);
        var search = await FailsAsync(() => node.Points.SearchAsync(new SearchPoints { CollectionName = _name, Vector = { 1, float.PositiveInfinity, 3 }, Limit = 1 }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, upsert.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, search.StatusCode);
    }

    [Fact]
    public async Task WrongDimension_IsInvalidArgumentNamingBoth()
    {
        var e = await FailsAsync(() => node.Points.UpsertAsync(new UpsertPoints { CollectionName = _name, Points = { Point(2, Dense(1, 2)) } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("expected dim: 3, got 2", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCollection_IsNotFound()
    {
        var get = await FailsAsync(() => node.Collections.GetAsync(new GetCollectionInfoRequest { CollectionName = "no_such_collection" }).ResponseAsync);
        var upsert = await FailsAsync(() => node.Points.UpsertAsync(new UpsertPoints { CollectionName = "no_such_collection", Points = { Point(1, Dense(1, 2, 3)) } }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, get.StatusCode);
        Assert.Equal(StatusCode.NotFound, upsert.StatusCode);
    }

    [Fact]
    public async Task SparseAndMultiAndInferenceVectors_AreInvalidArgumentWithTheRestWording()
    {
        var sparse = new Vectors { Vector = new Vector { Sparse = new SparseVector { Indices = { 1 }, Values = { 0.5f } } } };
        var multi = new Vectors { Vector = new Vector { Data = { 1, 2, 3, 4, 5, 6 }, VectorsCount = 2 } };
        var document = new Vectors { Vector = new Vector { Document = new Document { Text = "hello", Model = "m" } } };

        var errors = new List<RpcException>();
        foreach (var vectors in new[] { sparse, multi, document })
        {
            errors.Add(await FailsAsync(() => node.Points.UpsertAsync(new UpsertPoints { CollectionName = _name, Points = { new PointStruct { Id = Id(9), Vectors = vectors } } }).ResponseAsync));
        }

        Assert.All(errors, e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
        Assert.Contains("Sparse vectors are not supported", errors[0].Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Multivectors are not supported", errors[1].Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Inference objects", errors[2].Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingRequiredMessages_AreInvalidArgument()
    {
        var noVectors = await FailsAsync(() => node.Points.UpsertAsync(new UpsertPoints { CollectionName = _name, Points = { new PointStruct { Id = Id(3) } } }).ResponseAsync);
        var noSelector = await FailsAsync(() => node.Points.DeleteAsync(new DeletePoints { CollectionName = _name }).ResponseAsync);
        var emptyCondition = await FailsAsync(() => node.Points.CountAsync(new CountPoints { CollectionName = _name, Filter = new Filter { Must = { new Condition { Field = new FieldCondition { Key = "k" } } } } }).ResponseAsync);
        var noMatch = await FailsAsync(() => node.Points.CountAsync(new CountPoints { CollectionName = _name, Filter = new Filter { Must = { new Condition { Field = new FieldCondition { Key = "k", Match = new Match() } } } } }).ResponseAsync);
        var emptyBatchOp = await FailsAsync(() => node.Points.UpdateBatchAsync(new UpdateBatchPoints { CollectionName = _name, Operations = { new PointsUpdateOperation() } }).ResponseAsync);
        var emptyQuery = await FailsAsync(() => node.Points.QueryAsync(new QueryPoints { CollectionName = _name, Query = new Query() }).ResponseAsync);

        Assert.All([noVectors, noSelector, emptyCondition, noMatch, emptyBatchOp, emptyQuery], e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
    }

    [Fact]
    public async Task OutOfRangeNumbersAndEnums_AreInvalidArgument()
    {
        var zeroLimit = await FailsAsync(() => node.Points.SearchAsync(new SearchPoints { CollectionName = _name, Vector = { 1, 2, 3 } }).ResponseAsync);
        var badDistance = await FailsAsync(() => node.Collections.CreateAsync(Single(GrpcNodeFixture.UniqueName("dist"), 3, (Distance)99)).ResponseAsync);
        var zeroSize = await FailsAsync(() => node.Collections.CreateAsync(Single(GrpcNodeFixture.UniqueName("size"), 0, Distance.Dot)).ResponseAsync);
        var badOrdering = await FailsAsync(() => node.Points.UpsertAsync(new UpsertPoints { CollectionName = _name, Ordering = new WriteOrdering { Type = (WriteOrderingType)7 }, Points = { Point(1, Dense(1, 2, 3)) } }).ResponseAsync);
        var badGeo = await FailsAsync(() => node.Points.CountAsync(new CountPoints
        {
            CollectionName = _name,
            Filter = new Filter { Must = { new Condition { Field = new FieldCondition { Key = "g", GeoRadius = new GeoRadius { Center = new GeoPoint { Lat = double.NaN, Lon = 0 }, Radius = 1 } } } } },
        }).ResponseAsync);
        var badTimestamp = await FailsAsync(() => node.Points.CountAsync(new CountPoints
        {
            CollectionName = _name,
            Filter = new Filter { Must = { new Condition { Field = new FieldCondition { Key = "t", DatetimeRange = new DatetimeRange { Gt = new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = long.MaxValue } } } } } },
        }).ResponseAsync);
        var badSlice = await FailsAsync(() => node.Points.CountAsync(new CountPoints { CollectionName = _name, Filter = new Filter { Must = { new Condition { Slice = new SliceCondition { Total = 2, Index = 2 } } } } }).ResponseAsync);

        Assert.All([zeroLimit, badDistance, zeroSize, badOrdering, badGeo, badTimestamp, badSlice], e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
    }

    [Fact]
    public async Task NonFiniteDoubleInPayload_IsInvalidArgument()
    {
        var e = await FailsAsync(() => node.Points.UpsertAsync(new UpsertPoints { CollectionName = _name, Points = { Point(4, Dense(1, 2, 3), ("x", Double(double.NaN))) } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }

    [Fact]
    public async Task HugeOffset_ReturnsNothingInsteadOfFailing()
    {
        var search = await node.Points.SearchAsync(new SearchPoints { CollectionName = _name, Vector = { 1, 2, 3 }, Limit = 10, Offset = ulong.MaxValue });
        var query = await node.Points.QueryAsync(new QueryPoints { CollectionName = _name, Limit = 10, Offset = ulong.MaxValue });

        Assert.Empty(search.Result);
        Assert.Empty(query.Result);
    }

    [Fact]
    public async Task UnsupportedQueryKinds_AreUnimplementedNamingThem()
    {
        var formula = await FailsAsync(() => node.Points.QueryAsync(new QueryPoints { CollectionName = _name, Query = new Query { Formula = new Formula() } }).ResponseAsync);
        var mmr = await FailsAsync(() => node.Points.QueryAsync(new QueryPoints { CollectionName = _name, Query = new Query { NearestWithMmr = new NearestInputWithMmr() } }).ResponseAsync);
        var feedback = await FailsAsync(() => node.Points.QueryAsync(new QueryPoints { CollectionName = _name, Query = new Query { RelevanceFeedback = new RelevanceFeedbackInput() } }).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, formula.StatusCode);
        Assert.Contains("formula", formula.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Unimplemented, mmr.StatusCode);
        Assert.Contains("mmr", mmr.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Unimplemented, feedback.StatusCode);
        Assert.Contains("relevance_feedback", feedback.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShardKeySelector_IsRefusedWithoutCustomSharding()
    {
        var e = await FailsAsync(() => node.Points.UpsertAsync(new UpsertPoints { CollectionName = _name, ShardKeySelector = new ShardKeySelector(), Points = { Point(1, Dense(1, 2, 3)) } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }

    [Fact]
    public async Task DeeplyNestedFilter_IsInvalidArgument()
    {
        var filter = new Filter();
        for (var i = 0; i < 40; i++)
        {
            filter = new Filter { Must = { new Condition { Filter = filter } } };
        }

        var e = await FailsAsync(() => node.Points.CountAsync(new CountPoints { CollectionName = _name, Filter = filter }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }

    /// <summary>Runs a call that must fail, and checks the node still answers afterwards.</summary>
    private async Task<RpcException> FailsAsync(Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<RpcException>(call);
        Assert.NotEqual(StatusCode.Internal, e.StatusCode);
        Assert.NotEqual(StatusCode.Unknown, e.StatusCode);
        await node.Collections.ListAsync(new ListCollectionsRequest());
        return e;
    }
}
