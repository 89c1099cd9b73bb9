using System.Text.Json;
using Citadel.Storage.Filtering;
using Citadel.Storage.Points;
using static Citadel.Tests.Unit.Filtering.Kit;

namespace Citadel.Tests.Unit.Filtering;

/// <summary>
/// Random filters over random small payloads, checked against a direct reading of Qdrant's rules written
/// over plain .NET values instead of JSON elements.
/// </summary>
public class RandomFilterTests
{
    private sealed record Doc(ulong Id, object? A, string? B, bool HasA, bool HasB);

    private abstract record Cond;

    private sealed record AIs(long Value) : Cond;

    private sealed record BIs(string Value) : Cond;

    private sealed record AInRange(double Gte, double Lt) : Cond;

    private sealed record IdIs(ulong Id) : Cond;

    private sealed record AEmpty : Cond;

    private sealed record Sub(Clauses Filter) : Cond;

    private sealed record Clauses(List<Cond> Must, List<Cond> Should, List<Cond> MustNot, (List<Cond> Conditions, int Count)? MinShould);

    [Fact]
    public void RandomFilters_AgreeWithReferenceSemantics()
    {
        var random = new Random(20240601);
        for (var round = 0; round < 3000; round++)
        {
            var doc = RandomDoc(random);
            var clauses = RandomClauses(random, depth: 0);
            var point = new TestPoint(PointId.FromNum(doc.Id), Json(ToJson(doc)));

            var expected = Reference(clauses, doc);
            var actual = FilterEvaluator.Matches(ToFilter(clauses), point);

            Assert.True(expected == actual, $"round {round}: {ToJson(doc)} {clauses}");
        }
    }

    private static Doc RandomDoc(Random random)
    {
        object? a = random.Next(5) switch
        {
            0 => null,
            1 => (long)random.Next(4),
            2 => Enumerable.Range(0, random.Next(3)).Select(_ => (long)random.Next(4)).ToList(),
            3 => random.Next(4) + 0.5,
            _ => "1",
        };
        return new Doc((ulong)random.Next(3), a, random.Next(2) == 0 ? "x" : "y", random.Next(4) != 0, random.Next(3) != 0);
    }

    private static string ToJson(Doc doc)
    {
        var fields = new Dictionary<string, object?>();
        if (doc.HasA)
        {
            fields["a"] = doc.A;
        }

        if (doc.HasB)
        {
            fields["b"] = doc.B;
        }

        return JsonSerializer.Serialize(fields);
    }

    private static Clauses RandomClauses(Random random, int depth)
    {
        List<Cond> Some() => [.. Enumerable.Range(0, random.Next(3)).Select(_ => RandomCond(random, depth))];
        return new Clauses(Some(), Some(), Some(), random.Next(3) == 0 ? (Some(), random.Next(3)) : null);
    }

    private static Cond RandomCond(Random random, int depth) => random.Next(depth < 2 ? 6 : 5) switch
    {
        0 => new AIs(random.Next(4)),
        1 => new BIs(random.Next(2) == 0 ? "x" : "y"),
        2 => new AInRange(random.Next(3), random.Next(1, 5)),
        3 => new IdIs((ulong)random.Next(3)),
        4 => new AEmpty(),
        _ => new Sub(RandomClauses(random, depth + 1)),
    };

    private static Filter ToFilter(Clauses c) => new(
        [.. c.Must.Select(ToCondition)],
        [.. c.Should.Select(ToCondition)],
        [.. c.MustNot.Select(ToCondition)],
        c.MinShould is { } m ? new MinShould([.. m.Conditions.Select(ToCondition)], m.Count) : null);

    private static Condition ToCondition(Cond c) => c switch
    {
        AIs x => Value("a", x.Value),
        BIs x => Value("b", x.Value),
        AInRange x => Range("a", gte: x.Gte, lt: x.Lt),
        IdIs x => new HasIdCondition(new HashSet<PointId> { PointId.FromNum(x.Id) }),
        AEmpty => new IsEmptyCondition(Key("a")),
        Sub x => new FilterCondition(ToFilter(x.Filter)),
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    private static bool Reference(Clauses c, Doc doc)
    {
        bool Holds(Cond cond) => Check(cond, doc);
        return c.Must.All(Holds) &&
            !c.MustNot.Any(Holds) &&
            (c.Should.Count == 0 || c.Should.Any(Holds)) &&
            (c.MinShould is not { } m || m.Conditions.Count(Holds) >= m.Count);
    }

    private static IEnumerable<object?> AValues(Doc doc) =>
        !doc.HasA ? [] : doc.A is List<long> list ? list.Cast<object?>() : [doc.A];

    private static bool Check(Cond cond, Doc doc) => cond switch
    {
        AIs x => AValues(doc).Any(v => v is long n && n == x.Value),
        BIs x => doc.HasB && doc.B == x.Value,
        AInRange x => AValues(doc).Any(v => v switch
        {
            long n => n >= x.Gte && n < x.Lt,
            double d => d >= x.Gte && d < x.Lt,
            _ => false,
        }),
        IdIs x => doc.Id == x.Id,
        AEmpty => !doc.HasA || doc.A is null || doc.A is List<long> { Count: 0 },
        Sub x => Reference(x.Filter, doc),
        _ => throw new ArgumentOutOfRangeException(nameof(cond)),
    };
}
