using Citadel.Grpc;
using Grpc.Core;
using static Citadel.Tests.Integration.Grpc.GrpcBuilders;

namespace Citadel.Tests.Integration.Grpc;

/// <summary>Search and query answers checked against a brute-force computation in the test.</summary>
[Collection(GrpcNodeCollection.Name)]
public sealed class SearchTests(GrpcNodeFixture node) : IAsyncLifetime
{
    private const int Dimension = 8;
    private const int PointCount = 300;
    private readonly string _name = GrpcNodeFixture.UniqueName("search");
    private readonly Dictionary<ulong, (float[] Vector, long Group, string Tag)> _points = [];

    public async Task InitializeAsync()
    {
        var random = new Random(20_240_601);
        await node.Collections.CreateAsync(Single(_name, Dimension, Distance.Cosine));
        var upsert = new UpsertPoints { CollectionName = _name, Wait = true };
        for (ulong id = 1; id <= PointCount; id++)
        {
            var vector = Enumerable.Range(0, Dimension).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            var group = (long)(id % 3);
            var tag = id % 5 == 0 ? "b" : "a";
            _points[id] = (vector, group, tag);
            upsert.Points.Add(Point(id, Dense(vector), ("group", Int(group)), ("tag", Str(tag))));
        }

        await node.Points.UpsertAsync(upsert);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Search_WithFilter_MatchesBruteForce()
    {
        var query = QueryVector(1);
        var filter = new Filter { Must = { Match("group", 1) }, MustNot = { Match("tag", "b") } };

        var response = await node.Points.SearchAsync(new SearchPoints { CollectionName = _name, Vector = { query }, Filter = filter, Limit = 15, WithPayload = AllPayload });

        var expected = BruteForce(query, p => p.Group == 1 && p.Tag != "b").Take(15).ToList();
        AssertSameHits(expected, response.Result);
        Assert.All(response.Result, p => Assert.Equal(1, p.Payload["group"].IntegerValue));
    }

    [Fact]
    public async Task Query_ByDenseVectorWithOffsetAndThreshold_MatchesBruteForce()
    {
        var query = QueryVector(2);
        var request = new QueryPoints
        {
            CollectionName = _name,
            Query = new Query { Nearest = new VectorInput { Dense = new DenseVector { Data = { query } } } },
            Filter = new Filter { Should = { Match("group", 0), Match("group", 2) } },
            Limit = 10,
            Offset = 5,
            ScoreThreshold = 0.1f,
        };

        var response = await node.Points.QueryAsync(request);

        var expected = BruteForce(query, p => p.Group != 1).Where(h => h.Score >= 0.1f).Skip(5).Take(10).ToList();
        AssertSameHits(expected, response.Result);
        Assert.All(response.Result, p => Assert.Empty(p.Payload));
    }

    [Fact]
    public async Task Query_ByPointId_UsesItsVectorAndExcludesIt()
    {
        var request = new QueryPoints { CollectionName = _name, Query = new Query { Nearest = new VectorInput { Id = Id(42) } }, Limit = 5, WithVectors = AllVectors };

        var response = await node.Points.QueryAsync(request);

        var expected = BruteForce(_points[42].Vector, _ => true).Where(h => h.Id != 42).Take(5).ToList();
        AssertSameHits(expected, response.Result);
        Assert.All(response.Result, p => Assert.Equal(Dimension, Data(p.Vectors.Vector).Length));
    }

    [Fact]
    public async Task Query_WithoutQuery_ListsPointsInIdOrder()
    {
        var response = await node.Points.QueryAsync(new QueryPoints { CollectionName = _name, Limit = 4, Offset = 2 });

        Assert.Equal([3UL, 4UL, 5UL, 6UL], response.Result.Select(p => p.Id.Num));
    }

    [Fact]
    public async Task SearchBatchAndQueryBatch_AnswerEachRequestInOrder()
    {
        var q1 = QueryVector(3);
        var q2 = QueryVector(4);

        var search = await node.Points.SearchBatchAsync(new SearchBatchPoints
        {
            CollectionName = _name,
            SearchPoints =
            {
                new SearchPoints { CollectionName = _name, Vector = { q1 }, Limit = 3 },
                new SearchPoints { CollectionName = _name, Vector = { q2 }, Limit = 4, Filter = new Filter { Must = { Match("tag", "b") } } },
            },
        });
        var query = await node.Points.QueryBatchAsync(new QueryBatchPoints
        {
            CollectionName = _name,
            QueryPoints = { new QueryPoints { CollectionName = _name, Query = new Query { Nearest = new VectorInput { Dense = new DenseVector { Data = { q2 } } } }, Limit = 2 } },
        });

        AssertSameHits(BruteForce(q1, _ => true).Take(3).ToList(), search.Result[0].Result);
        AssertSameHits(BruteForce(q2, p => p.Tag == "b").Take(4).ToList(), search.Result[1].Result);
        AssertSameHits(BruteForce(q2, _ => true).Take(2).ToList(), Assert.Single(query.Result).Result);
    }

    [Fact]
    public async Task Scroll_OrderedByPayloadField_NeedsARangeIndexAndReturnsOrderValues()
    {
        var unindexed = await Assert.ThrowsAsync<RpcException>(() => node.Points.ScrollAsync(new ScrollPoints
        {
            CollectionName = _name,
            OrderBy = new OrderBy { Key = "tag" },
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, unindexed.StatusCode);
        Assert.StartsWith("Wrong input: No range index for `order_by` key: `tag`.", unindexed.Status.Detail, StringComparison.Ordinal);

        await node.Points.CreateFieldIndexAsync(new CreateFieldIndexCollection { CollectionName = _name, FieldName = "group", FieldType = FieldType.Integer, Wait = true });
        var response = await node.Points.ScrollAsync(new ScrollPoints
        {
            CollectionName = _name,
            Limit = 3,
            Filter = new Filter { Must = { Match("tag", "b") } },
            OrderBy = new OrderBy { Key = "group", Direction = Direction.Desc },
        });

        Assert.Equal(3, response.Result.Count);
        Assert.All(response.Result, p => Assert.Equal(2, p.OrderValue.Int));
    }

    private static float[] QueryVector(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, Dimension).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    /// <summary>Cosine similarity of every matching point, best first, ties by id.</summary>
    private List<(ulong Id, float Score)> BruteForce(float[] query, Func<(float[] Vector, long Group, string Tag), bool> filter) =>
        _points.Where(p => filter(p.Value))
            .Select(p => (p.Key, Score: Cosine(query, p.Value.Vector)))
            .OrderByDescending(h => h.Score)
            .ThenBy(h => h.Key)
            .ToList();

    private static float Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return (float)(dot / (Math.Sqrt(na) * Math.Sqrt(nb)));
    }

    private static void AssertSameHits(List<(ulong Id, float Score)> expected, Google.Protobuf.Collections.RepeatedField<ScoredPoint> actual)
    {
        Assert.Equal(expected.Select(h => h.Id), actual.Select(p => p.Id.Num));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Score, actual[i].Score, 0.0001f);
        }
    }
}
