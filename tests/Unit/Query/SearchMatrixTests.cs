using Citadel.Storage.Filtering;
using Citadel.Storage.Payloads;
using Citadel.Storage.Query;
using Citadel.Storage.Vectors;

namespace Citadel.Tests.Unit.Query;

public sealed class SearchMatrixTests : IDisposable
{
    private const int Dim = 5;
    private readonly QueryTestStore _store = new();

    [Fact]
    public async Task Matrix_SampleCoveringAllPoints_GivesEachPointsNearestOthers_SortedById()
    {
        var c = _store.Create("c", Dim, Distance.Euclid, shards: 2);
        var points = QueryTestStore.Points(25, Dim, seed: 21);
        await QueryTestStore.Upsert(c, points);
        var matching = points.Where(p => (int)p.Payload["group"] != 0).ToList();

        var matrix = c.SearchMatrix(new SearchMatrixRequest(
            new Filter([], [], [new FieldCondition(JsonPath.Parse("group")) { Match = new MatchValue(MatchScalar.Of(0)) }], null), 100, 3, string.Empty));

        Assert.Equal(matching.Select(p => p.Id), matrix.Ids.Select(id => id.Num));
        var expected = matching.SelectMany(a => Reference.Rank(matching.Where(b => b != a), b => Reference.Reported(Distance.Euclid, a.Vector, b.Vector), higherIsBetter: false)
            .Take(3).Select(b => (A: a.Id, B: b.Id, b.Score))).ToList();
        var pairs = matrix.Pairs().ToList();
        Assert.Equal(expected.Select(e => (e.A, e.B)), pairs.Select(p => (p.A.Num, p.B.Num)));
        Assert.All(pairs.Zip(expected), x => Assert.Equal(x.Second.Score, x.First.Score, 4));

        var (rows, columns, scores) = matrix.Offsets();
        Assert.Equal(pairs.Select(p => (ulong)matrix.Ids.ToList().IndexOf(p.A)), rows);
        Assert.Equal(pairs.Select(p => (ulong)matrix.Ids.ToList().IndexOf(p.B)), columns);
        Assert.Equal(pairs.Select(p => p.Score), scores);
    }

    [Fact]
    public async Task Matrix_SampleSmallerThanTheCollection_PicksThatManyDistinctPoints()
    {
        var c = _store.Create("c", Dim, Distance.Cosine, shards: 3);
        await QueryTestStore.Upsert(c, QueryTestStore.Points(100, Dim, seed: 22));

        var matrix = c.SearchMatrix(new SearchMatrixRequest(null, 10, 4, string.Empty));

        Assert.Equal(10, matrix.Ids.Distinct().Count());
        Assert.Equal(matrix.Ids.Order(), matrix.Ids);
        Assert.All(matrix.Neighbours, row => Assert.Equal(4, row.Count));
        Assert.All(matrix.Neighbours.SelectMany(r => r), p => Assert.Contains(p.Id, matrix.Ids));
        Assert.All(matrix.Ids.Zip(matrix.Neighbours), x => Assert.DoesNotContain(x.Second, p => p.Id == x.First));
    }

    [Fact]
    public async Task Matrix_FewerThanTwoPoints_IsEmpty()
    {
        var c = _store.Create("c", Dim, Distance.Dot);
        await QueryTestStore.Upsert(c, QueryTestStore.Points(1, Dim, seed: 23));

        Assert.Empty(c.SearchMatrix(new SearchMatrixRequest(null, 10, 3, string.Empty)).Ids);
    }

    public void Dispose() => _store.Dispose();
}
