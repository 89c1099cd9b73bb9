using System.Text.Json;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;
using Citadel.Storage.Query;
using Citadel.Storage.Search;
using Citadel.Storage.Vectors;

namespace Citadel.Tests.Unit.Query;

/// <summary>Grouped queries against the ideal grouping: the first <c>limit</c> distinct keys in rank order, each with its best hits.</summary>
public sealed class GroupsTests : IDisposable
{
    private const int Dim = 6;
    private readonly QueryTestStore _store = new();

    [Theory]
    [InlineData(3, 4, 1u)]
    [InlineData(5, 2, 3u)]
    [InlineData(10, 3, 2u)]
    public async Task Groups_AreTheBestGroupsWithTheirBestHits(int limit, int size, uint shards)
    {
        var c = _store.Create("c", Dim, Distance.Cosine, shards);
        var points = QueryTestStore.Points(200, Dim, seed: 3, groups: 7);
        await QueryTestStore.Upsert(c, points);
        var q = QueryTestStore.Vector(new Random(4), Dim);

        var groups = _store.Groups(c, new QueryGroupsRequest(new QueryRequest { Query = new NearestQuery(VectorInput.OfVector(q)) }, JsonPath.Parse("group")) { Limit = limit, GroupSize = size });

        var ranked = Reference.Rank(points, p => Reference.Raw(Distance.Cosine, q, Reference.Normalize(p.Vector)));
        var expected = Ideal(ranked, id => [(long)(int)points[(int)id - 1].Payload["group"]], limit, size);
        AssertGroups(expected, groups);
        Assert.All(groups.SelectMany(g => g.Hits), h => Assert.Null(h.Payload));
    }

    [Fact]
    public async Task Groups_PointWithSeveralValues_JoinsEveryGroup_AndOtherValueKindsFormNone()
    {
        var c = _store.Create("c", Dim, Distance.Dot);
        var rng = new Random(5);
        string[][] tags = [["a", "b"], ["b"], ["a", "a"], ["c"], ["b", "c"]];
        var points = Enumerable.Range(1, 60).Select(i => new TestPoint((ulong)i, QueryTestStore.Vector(rng, Dim), new Dictionary<string, object>
        {
            ["tags"] = i % 11 == 0 ? new object[] { true, 1.5 } : tags[i % tags.Length],
        })).ToList();
        await QueryTestStore.Upsert(c, points);
        var q = QueryTestStore.Vector(rng, Dim);

        var groups = _store.Groups(c, new QueryGroupsRequest(new QueryRequest { Query = new NearestQuery(VectorInput.OfVector(q)) }, JsonPath.Parse("tags")) { Limit = 3, GroupSize = 5 });

        var ranked = Reference.Rank(points.Where(p => p.Id % 11 != 0), p => Reference.Dot(q, p.Vector));
        var expected = Ideal(ranked, id => tags[(int)id % tags.Length].Distinct().Select(t => (object)t).ToList(), 3, 5);
        AssertGroups(expected, groups);
    }

    [Fact]
    public async Task Groups_WithLookup_AttachTheRecordWhoseIdIsTheGroupId_AndHitsCarryTheirPayload()
    {
        var c = _store.Create("c", Dim, Distance.Dot);
        var points = QueryTestStore.Points(50, Dim, seed: 6, groups: 4);
        await QueryTestStore.Upsert(c, points);
        var lookup = _store.Create("docs", Dim, Distance.Dot);
        await QueryTestStore.Upsert(lookup, Enumerable.Range(0, 3).Select(i => new TestPoint((ulong)i, new float[Dim], new Dictionary<string, object> { ["title"] = $"doc {i}" })));

        var groups = _store.Groups(c, new QueryGroupsRequest(
            new QueryRequest { Query = new NearestQuery(VectorInput.OfVector(new float[Dim])), WithPayload = PayloadSelector.All },
            JsonPath.Parse("group"))
        {
            Limit = 4,
            GroupSize = 2,
            WithLookup = new WithLookup("docs", PayloadSelector.All, VectorSelector.None),
        });

        Assert.Equal(4, groups.Count);
        foreach (var g in groups)
        {
            Assert.All(g.Hits, h => Assert.Equal(g.Id.Unsigned, (ulong)h.Payload!.Value.GetProperty("group").GetInt64()));
            if (g.Id.Unsigned < 3)
            {
                Assert.Equal($"doc {g.Id.Unsigned}", g.Lookup!.Payload!.Value.GetProperty("title").GetString());
            }
            else
            {
                Assert.Null(g.Lookup);
            }
        }
    }

    [Fact]
    public async Task Groups_WithPrefetch_GroupTheRescoredCandidates()
    {
        var c = _store.Create("c", Dim, Distance.Euclid);
        var points = QueryTestStore.Points(120, Dim, seed: 8, groups: 6);
        await QueryTestStore.Upsert(c, points);
        var q = QueryTestStore.Vector(new Random(9), Dim);

        var groups = _store.Groups(c, new QueryGroupsRequest(
            new QueryRequest { Prefetches = [new Prefetch { Limit = 200 }], Query = new NearestQuery(VectorInput.OfVector(q)) },
            JsonPath.Parse("group")) { Limit = 2, GroupSize = 3 });

        var ranked = Reference.Rank(points, p => Reference.Reported(Distance.Euclid, q, p.Vector), higherIsBetter: false);
        AssertGroups(Ideal(ranked, id => [(long)(int)points[(int)id - 1].Payload["group"]], 2, 3), groups);
    }

    public void Dispose() => _store.Dispose();

    /// <summary>The first <paramref name="limit"/> distinct keys in rank order, each with its first <paramref name="size"/> hits.</summary>
    private static List<(object Key, List<(ulong Id, double Score)> Hits)> Ideal(List<(ulong Id, double Score)> ranked, Func<ulong, IReadOnlyList<object>> keys, int limit, int size)
    {
        var groups = new List<(object Key, List<(ulong Id, double Score)> Hits)>();
        foreach (var hit in ranked)
        {
            foreach (var key in keys(hit.Id))
            {
                var index = groups.FindIndex(g => Equals(g.Key, key));
                if (index < 0 && groups.Count < limit)
                {
                    groups.Add((key, []));
                    index = groups.Count - 1;
                }

                if (index >= 0 && groups[index].Hits.Count < size)
                {
                    groups[index].Hits.Add(hit);
                }
            }
        }

        return groups;
    }

    private static void AssertGroups(List<(object Key, List<(ulong Id, double Score)> Hits)> expected, List<PointGroup> actual)
    {
        Assert.Equal(expected.Select(g => g.Key.ToString()), actual.Select(g => g.Id.ToString()));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Hits.Select(h => h.Id), actual[i].Hits.Select(h => h.Id.Num));
            Assert.All(actual[i].Hits.Zip(expected[i].Hits), x => Assert.Equal(x.Second.Score, x.First.Score, 4));
        }
    }
}
