using Citadel.Common.Errors;
using Citadel.Storage.Collections;
using Citadel.Storage.Filtering;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;
using Citadel.Storage.Query;
using Citadel.Storage.Search;
using Citadel.Storage.Vectors;

namespace Citadel.Tests.Unit.Query;

/// <summary>The query variants over real (multi-shard) collections, checked against <see cref="Reference"/>.</summary>
public sealed class QueryEngineTests : IDisposable
{
    private const int Dim = 8;
    private readonly QueryTestStore _store = new();

    [Theory]
    [InlineData(Distance.Cosine, 1u)]
    [InlineData(Distance.Euclid, 3u)]
    public async Task Nearest_ByPointId_UsesItsStoredVectorAndLeavesItOut(Distance distance, uint shards)
    {
        var (c, points) = await Collection(distance, shards);
        var self = points[41];

        var hits = _store.Query(c, new QueryRequest { Query = new NearestQuery(VectorInput.OfId(self.PointId)), Limit = 7 });

        var ranked = Reference.Rank(points.Where(p => p != self), p => Reference.Reported(distance, self.Vector, Reference.Stored(distance, p.Vector)), distance != Distance.Euclid);
        Reference.AssertTop(hits, ranked, 7);
    }

    [Fact]
    public async Task RecommendAverageVector_IsNearestToTwiceTheAveragePositiveMinusTheAverageNegative()
    {
        var (c, points) = await Collection(Distance.Cosine, 2);
        var pos = new[] { points[3], points[10] };
        var neg = points[20];

        var hits = _store.Query(c, new QueryRequest { Query = Recommend(RecommendStrategy.AverageVector, pos, [neg]), Limit = 10 });

        var p = Average(pos.Select(x => Reference.Normalize(x.Vector)));
        var n = Reference.Normalize(neg.Vector);
        var query = p.Zip(n, (a, b) => a + a - b).ToArray();
        var ranked = Reference.Rank(points.Except([.. pos, neg]), x => Reference.Raw(Distance.Cosine, query, Reference.Normalize(x.Vector)));
        Reference.AssertTop(hits, ranked, 10);
    }

    [Theory]
    [InlineData(Distance.Dot)]
    [InlineData(Distance.Euclid)]
    public async Task RecommendBestScore_ScoresTheClosestExample(Distance distance)
    {
        var (c, points) = await Collection(distance, 3);
        TestPoint[] pos = [points[1], points[2]];
        TestPoint[] neg = [points[3], points[4]];

        var hits = _store.Query(c, new QueryRequest { Query = Recommend(RecommendStrategy.BestScore, pos, neg), Limit = 15 });

        var ranked = Reference.Rank(points.Except([.. pos, .. neg]), x =>
        {
            var bestPos = pos.Max(e => Reference.Raw(distance, e.Vector, x.Vector));
            var bestNeg = neg.Max(e => Reference.Raw(distance, e.Vector, x.Vector));
            return bestPos > bestNeg ? Reference.ScaledSigmoid(bestPos) : -Reference.ScaledSigmoid(bestNeg);
        });
        Reference.AssertTop(hits, ranked, 15);
    }

    [Theory]
    [InlineData(Distance.Dot)]
    [InlineData(Distance.Euclid)]
    public async Task RecommendSumScores_AddsPositiveAndSubtractsNegativeSimilarities(Distance distance)
    {
        var (c, points) = await Collection(distance, 2);
        TestPoint[] pos = [points[5], points[6]];
        TestPoint[] neg = [points[7]];

        var hits = _store.Query(c, new QueryRequest { Query = Recommend(RecommendStrategy.SumScores, pos, neg), Limit = 15 });

        var ranked = Reference.Rank(points.Except([.. pos, .. neg]), x =>
            pos.Sum(e => Reference.Raw(distance, e.Vector, x.Vector)) - neg.Sum(e => Reference.Raw(distance, e.Vector, x.Vector)));
        Reference.AssertTop(hits, ranked, 15);
    }

    [Fact]
    public async Task Discover_RanksByContextPairsThenByTheTarget()
    {
        var (c, points) = await Collection(Distance.Cosine, 3);
        var target = QueryTestStore.Vector(new Random(5), Dim);
        var pairs = new[] { (points[0], points[1]), (points[2], points[3]) };

        var hits = _store.Query(c, new QueryRequest
        {
            Query = new DiscoverQuery(VectorInput.OfVector(target), pairs.Select(p => new ContextPair(VectorInput.OfId(p.Item1.PointId), VectorInput.OfId(p.Item2.PointId))).ToList()),
            Limit = 20,
        });

        var ranked = Reference.Rank(points.Skip(4), x =>
        {
            var stored = Reference.Normalize(x.Vector);
            var rank = pairs.Sum(p => Math.Sign(Reference.Raw(Distance.Cosine, p.Item1.Vector, stored) - Reference.Raw(Distance.Cosine, p.Item2.Vector, stored)));
            return rank + Reference.ScaledSigmoid(Reference.Raw(Distance.Cosine, target, stored));
        });
        Reference.AssertTop(hits, ranked, 20);
    }

    [Fact]
    public async Task Context_ScoresAreSummedLossesAtMostZero()
    {
        var (c, points) = await Collection(Distance.Dot, 2);
        var pairs = new[] { (points[10], points[11]), (points[12], points[13]) };

        var hits = _store.Query(c, new QueryRequest
        {
            Query = new ContextQuery(pairs.Select(p => new ContextPair(VectorInput.OfVector(p.Item1.Vector), VectorInput.OfVector(p.Item2.Vector))).ToList()),
            Limit = 30,
        });

        var ranked = Reference.Rank(points, x => pairs.Sum(p =>
            Reference.FastSigmoid(Math.Min(Reference.Raw(Distance.Dot, p.Item1.Vector, x.Vector) - Reference.Raw(Distance.Dot, p.Item2.Vector, x.Vector) - 1.1920929E-07, 0))));
        Assert.All(hits, h => Assert.True(h.Score <= 0));
        Reference.AssertTop(hits, ranked, 30);
    }

    [Fact]
    public async Task Prefetch_RootQueryRescoresOnlyThePrefetchedCandidates()
    {
        var (c, points) = await Collection(Distance.Cosine, 3);
        var wide = QueryTestStore.Vector(new Random(7), Dim);
        var sharp = QueryTestStore.Vector(new Random(8), Dim);

        var hits = _store.Query(c, new QueryRequest
        {
            Prefetches = [new Prefetch { Query = new NearestQuery(VectorInput.OfVector(wide)), Limit = 30 }],
            Query = new NearestQuery(VectorInput.OfVector(sharp)),
            Limit = 5,
        });

        // Qdrant prefetches per shard: each shard keeps its own 30 best before rescoring.
        var candidates = points.GroupBy(p => Shard(c, p)).SelectMany(g => Reference.Rank(g, p => Reference.Raw(Distance.Cosine, wide, Reference.Normalize(p.Vector))).Take(30)).Select(r => r.Id).ToHashSet();
        var ranked = Reference.Rank(points.Where(p => candidates.Contains(p.Id)), p => Reference.Raw(Distance.Cosine, sharp, Reference.Normalize(p.Vector)));
        Reference.AssertTop(hits, ranked, 5);
    }

    [Fact]
    public async Task Prefetch_RootFilterIsPropagatedIntoEveryPrefetch()
    {
        var (c, points) = await Collection(Distance.Dot, 1);
        var q = QueryTestStore.Vector(new Random(9), Dim);

        // order_by needs a range index, as in Qdrant.
        _store.Manager.Apply(new CreatePayloadIndexOperation(c.Name, JsonPath.Parse("n"), PayloadFieldSchema.Of(PayloadSchemaType.Integer)));
        var hits = _store.Query(c, new QueryRequest
        {
            Prefetches = [new Prefetch { Query = new NearestQuery(VectorInput.OfVector(q)), Limit = 50, Filter = Group(1, 2) }],
            Query = new OrderByQuery(new OrderBy(JsonPath.Parse("n"), true, null)),
            Filter = Group(2, 3),
            Limit = 100,
            WithPayload = PayloadSelector.All,
        });

        var expected = Reference.Rank(points.Where(p => (int)p.Payload["group"] == 2), p => Reference.Dot(q, p.Vector)).Take(50)
            .Select(r => r.Id).OrderByDescending(id => id).ToList();
        Assert.Equal(expected, hits.Select(h => h.Id.Num));
        Assert.All(hits, h => Assert.Equal(h.Id.Num, (ulong)h.OrderValue!.Value.AsInteger));
    }

    [Fact]
    public async Task FusionRrf_OverPrefetchesOnThreeShards_EqualsRrfOfEachPrefetchsTopResults()
    {
        var (c, points) = await Collection(Distance.Cosine, 3);
        var q1 = QueryTestStore.Vector(new Random(10), Dim);
        var q2 = QueryTestStore.Vector(new Random(11), Dim);

        var hits = _store.Query(c, new QueryRequest
        {
            Prefetches =
            [
                new Prefetch { Query = new NearestQuery(VectorInput.OfVector(q1)), Limit = 20 },
                new Prefetch { Query = new NearestQuery(VectorInput.OfVector(q2)), Limit = 15 },
            ],
            Query = new FusionQuery(FusionMethod.Rrf),
            Limit = 12,
        });

        var r1 = Reference.Rank(points, p => Reference.Raw(Distance.Cosine, q1, Reference.Normalize(p.Vector))).Take(20).ToList();
        var r2 = Reference.Rank(points, p => Reference.Raw(Distance.Cosine, q2, Reference.Normalize(p.Vector))).Take(15).ToList();
        var fused = new Dictionary<ulong, double>();
        foreach (var list in new[] { r1, r2 })
        {
            for (var i = 0; i < list.Count; i++)
            {
                fused[list[i].Id] = fused.GetValueOrDefault(list[i].Id) + (1.0 / (i + 2));
            }
        }

        Reference.AssertTop(hits, Reference.Rank(points.Where(p => fused.ContainsKey(p.Id)), p => fused[p.Id]), 12);
    }

    [Fact]
    public async Task NestedPrefetch_FusesInsideThenRescoresAtTheRoot()
    {
        var (c, points) = await Collection(Distance.Dot, 1);
        var q1 = QueryTestStore.Vector(new Random(12), Dim);
        var q2 = QueryTestStore.Vector(new Random(13), Dim);
        var root = QueryTestStore.Vector(new Random(14), Dim);

        var hits = _store.Query(c, new QueryRequest
        {
            Prefetches =
            [
                new Prefetch
                {
                    Prefetches =
                    [
                        new Prefetch { Query = new NearestQuery(VectorInput.OfVector(q1)), Limit = 10 },
                        new Prefetch { Query = new NearestQuery(VectorInput.OfVector(q2)), Limit = 10 },
                    ],
                    Query = new FusionQuery(FusionMethod.Dbsf),
                    Limit = 8,
                },
            ],
            Query = new NearestQuery(VectorInput.OfVector(root)),
            Limit = 3,
        });

        var ids = Reference.Rank(points, p => Reference.Dot(q1, p.Vector)).Take(10).Concat(Reference.Rank(points, p => Reference.Dot(q2, p.Vector)).Take(10)).ToList();
        Assert.All(hits, h => Assert.Contains(ids, r => r.Id == h.Id.Num));
        Assert.Equal(3, hits.Count);
        Assert.True(hits[0].Score >= hits[1].Score && hits[1].Score >= hits[2].Score);
    }

    [Fact]
    public async Task OffsetAndScoreThreshold_ApplyAfterMergingTheShards()
    {
        var (c, points) = await Collection(Distance.Euclid, 3);
        var q = QueryTestStore.Vector(new Random(15), Dim);
        var ranked = Reference.Rank(points, p => Reference.Reported(Distance.Euclid, q, p.Vector), higherIsBetter: false);
        var threshold = (float)((ranked[12].Score + ranked[13].Score) / 2);

        var hits = _store.Query(c, new QueryRequest { Query = new NearestQuery(VectorInput.OfVector(q)), Offset = 4, Limit = 100, ScoreThreshold = threshold });

        Reference.AssertTop(hits, ranked.Skip(4).Where(r => r.Score <= threshold).ToList(), 100);
    }

    [Fact]
    public async Task NoQuery_ListsIdsInOrder_WithScoreOneLikeQdrant()
    {
        var (c, _) = await Collection(Distance.Dot, 3);

        var hits = _store.Query(c, new QueryRequest { Offset = 3, Limit = 4 });

        Assert.Equal([4UL, 5UL, 6UL, 7UL], hits.Select(h => h.Id.Num));
        Assert.All(hits, h => Assert.Equal(1f, h.Score));
    }

    [Fact]
    public async Task Sample_ReturnsDistinctRandomPointsThatMatchTheFilter()
    {
        var (c, points) = await Collection(Distance.Dot, 3);

        var hits = _store.Query(c, new QueryRequest { Query = new SampleQuery(), Filter = Group(4), Limit = 1000 });

        Assert.Equal(points.Where(p => (int)p.Payload["group"] == 4).Select(p => p.Id).Order(), hits.Select(h => h.Id.Num).Order());
    }

    [Fact]
    public async Task LookupFrom_TakesExamplesFromTheOtherCollection_AndKeepsThoseIdsInTheResults()
    {
        var (c, points) = await Collection(Distance.Dot, 2);
        var other = _store.Create("other", new Dictionary<string, Citadel.Storage.Collections.VectorParams> { ["v"] = new(Dim, Distance.Dot) });
        var example = QueryTestStore.Vector(new Random(16), Dim);
        await other.UpdateAsync(new Citadel.Storage.Operations.UpsertPoints([new(PointId.FromNum(1), new Dictionary<string, float[]> { ["v"] = example }, default)]), wait: true);

        var hits = _store.Query(c, new QueryRequest
        {
            Query = new NearestQuery(VectorInput.OfId(PointId.FromNum(1))),
            LookupFrom = new LookupLocation("other", "v"),
            Limit = 300,
        });

        Reference.AssertTop(hits, Reference.Rank(points, p => Reference.Dot(example, p.Vector)), 300);
        Assert.Contains(hits, h => h.Id.Num == 1);
    }

    [Fact]
    public async Task ReferencedIds_AreLeftOutAtEveryLevelOfTheSearchedCollection()
    {
        var (c, points) = await Collection(Distance.Dot, 1);

        var hits = _store.Query(c, new QueryRequest
        {
            Prefetches = [new Prefetch { Query = new NearestQuery(VectorInput.OfId(PointId.FromNum(7))), Limit = 300 }],
            Query = new NearestQuery(VectorInput.OfId(PointId.FromNum(8))),
            Limit = 300,
        });

        Assert.Equal(points.Count - 2, hits.Count);
        Assert.DoesNotContain(hits, h => h.Id.Num is 7 or 8);
    }

    [Theory]
    [InlineData("missing", null, "Not found: Collection missing not found")]
    [InlineData("other", "nope", "Wrong input: Not existing vector name error: nope")]
    [InlineData("other", null, "Not found: No point with id 999 found")]
    public async Task LookupFrom_Failures_UseQdrantsMessages(string collection, string? vector, string message)
    {
        var (c, _) = await Collection(Distance.Dot, 1);
        _store.Create("other", Dim, Distance.Dot);

        var e = Assert.Throws<CitadelException>(() => _store.Query(c, new QueryRequest
        {
            Prefetches = [new Prefetch { Query = Recommend(RecommendStrategy.BestScore, [], [], PointId.FromNum(999)), LookupFrom = new LookupLocation(collection, vector) }],
            Query = new FusionQuery(FusionMethod.Rrf),
        }));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public async Task Validation_RefusesWhatQdrantRefuses()
    {
        var (c, _) = await Collection(Distance.Dot, 1);
        var q = VectorInput.OfVector(new float[Dim]);

        string Fails(QueryRequest r) => Assert.Throws<CitadelException>(() => _store.Query(c, r)).Message;

        Assert.Equal("Bad request: A query is needed to merge the prefetches. Can't have prefetches without defining a query.", Fails(new QueryRequest { Prefetches = [new Prefetch()] }));
        Assert.Equal("Bad request: A query is needed to use the score_threshold. Can't have score_threshold without defining a query.", Fails(new QueryRequest { ScoreThreshold = 1 }));
        Assert.Equal("Bad request: Can't use score_threshold with an order_by query.", Fails(new QueryRequest { ScoreThreshold = 1, Query = new OrderByQuery(new OrderBy(JsonPath.Parse("n"), false, null)) }));
        Assert.Equal("Bad request: Fusion queries cannot be combined with the 'using' field.", Fails(new QueryRequest { Query = new FusionQuery(FusionMethod.Rrf), Using = "x", Prefetches = [new Prefetch()] }));
        Assert.Equal("Wrong input: cannot apply Fusion without prefetches", Fails(new QueryRequest { Query = new FusionQuery(FusionMethod.Dbsf) }));
        Assert.Equal("Wrong input: Positive vectors should not be empty with `average` strategy", Fails(new QueryRequest { Query = new RecommendQuery([], [q], RecommendStrategy.AverageVector) }));
        Assert.Equal("Bad request: A query is needed to merge the prefetches. Can't have prefetches without defining a query.",
            Fails(new QueryRequest { Query = new NearestQuery(q), Prefetches = [new Prefetch { Prefetches = [new Prefetch()] }] }));
    }

    public void Dispose() => _store.Dispose();

    private async Task<(Citadel.Storage.Collections.Collection Collection, List<TestPoint> Points)> Collection(Distance distance, uint shards)
    {
        var c = _store.Create("c", Dim, distance, shards);
        var points = QueryTestStore.Points(300, Dim, seed: 42);
        await QueryTestStore.Upsert(c, points);
        return (c, points);
    }

    private static RecommendQuery Recommend(RecommendStrategy strategy, IEnumerable<TestPoint> positive, IEnumerable<TestPoint> negative, params PointId[] extra) =>
        new([.. positive.Select(p => VectorInput.OfId(p.PointId)), .. extra.Select(VectorInput.OfId)], negative.Select(p => VectorInput.OfId(p.PointId)).ToList(), strategy);

    private static float[] Average(IEnumerable<float[]> vectors)
    {
        var list = vectors.ToList();
        return Enumerable.Range(0, list[0].Length).Select(i => list.Sum(v => v[i]) / list.Count).ToArray();
    }

    private static Filter Group(params int[] groups) =>
        Filter.MustAll(new FieldCondition(JsonPath.Parse("group")) { Match = new MatchAny(groups.Select(g => MatchScalar.Of(g)).ToList()) });

    private static uint Shard(Citadel.Storage.Collections.Collection c, TestPoint p) => (uint)(p.PointId.StableHash() % (ulong)c.Shards.Count);
}
