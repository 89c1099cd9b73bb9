using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Citadel.Storage.Filtering;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;

namespace Citadel.Tests.Unit.PayloadIndex;

/// <summary>
/// Random payloads full of awkward values (arrays, nulls, wrong types, numbers in every form, points off the globe,
/// several spellings of a UUID) and random filters over them, for checking indexed evaluation against brute force.
/// </summary>
internal sealed class RandomData(int seed)
{
    private static readonly string[] Words = ["red", "green", "blue", "Red", "café", "x", "straße", "green-blue", "", "RED"];
    private static readonly string[] Texts = ["the quick brown fox", "Quick brown dogs", "a fox, a dog", "lazy DOG jumps", "brown", "", "fox-trot quick"];
    private static readonly string[] Dates = ["2024-01-01T00:00:00Z", "2024-01-02", "2024-01-01 12:30", "2023-12-31T23:59:59+02:00", "not a date", "2024-03-01T00:00:00.5Z"];
    private static readonly Guid[] Uuids = [Guid.Parse("6f1b8c2e-1d3a-4c5b-9e7f-0a1b2c3d4e5f"), Guid.Parse("00000000-0000-0000-0000-000000000001"), Guid.Parse("ffffffff-0000-4000-8000-000000000000")];

    private readonly Random _random = new(seed);

    /// <summary>Every field the random payloads use, indexed by its natural type.</summary>
    public static PayloadSchema Schema { get; } = SegmentIndexKit.SchemaOf(
        ("k", SegmentIndexKit.Type(PayloadSchemaType.Keyword)),
        ("n", SegmentIndexKit.Type(PayloadSchemaType.Integer)),
        ("f", SegmentIndexKit.Type(PayloadSchemaType.Float)),
        ("b", SegmentIndexKit.Type(PayloadSchemaType.Bool)),
        ("d", SegmentIndexKit.Type(PayloadSchemaType.Datetime)),
        ("u", SegmentIndexKit.Type(PayloadSchemaType.Uuid)),
        ("g", SegmentIndexKit.Type(PayloadSchemaType.Geo)),
        ("t", PayloadFieldSchema.Of(new TextIndexParams { MinTokenLen = 2 })),
        ("items[].k", SegmentIndexKit.Type(PayloadSchemaType.Keyword)),
        ("items[].n", SegmentIndexKit.Type(PayloadSchemaType.Integer)));

    public JsonElement Payload()
    {
        var o = new JsonObject();
        Maybe(o, "k", () => OneOrMany(() => Pick(0.8) ? JsonValue.Create(Words[_random.Next(Words.Length)]) : Number()));
        Maybe(o, "n", () => OneOrMany(Number));
        Maybe(o, "f", () => OneOrMany(Number));
        Maybe(o, "b", () => OneOrMany(() => Pick(0.9) ? JsonValue.Create(Pick(0.5)) : JsonValue.Create("true")));
        Maybe(o, "d", () => OneOrMany(() => JsonValue.Create(Dates[_random.Next(Dates.Length)])));
        Maybe(o, "u", () => OneOrMany(UuidText));
        Maybe(o, "g", () => OneOrMany(GeoPoint));
        Maybe(o, "t", () => OneOrMany(() => JsonValue.Create(Texts[_random.Next(Texts.Length)])));
        Maybe(o, "items", () =>
        {
            var items = new JsonArray();
            for (var i = _random.Next(4); i > 0; i--)
            {
                var item = new JsonObject();
                Maybe(item, "k", () => JsonValue.Create(Words[_random.Next(4)]));
                Maybe(item, "n", Number);
                items.Add(item);
            }

            return items;
        });
        return JsonSerializer.SerializeToElement(o);
    }

    public Filter Filter(int depth = 0)
    {
        var must = Many(() => Condition(depth));
        var should = Pick(0.3) ? Many(() => Condition(depth)) : [];
        var mustNot = Pick(0.2) ? Many(() => Condition(depth)) : [];
        MinShould? minShould = Pick(0.1) ? new MinShould(Many(() => Condition(depth)), _random.Next(3)) : null;
        return new Filter(must, should, mustNot, minShould);
    }

    private Condition Condition(int depth) => _random.Next(depth < 2 ? 24 : 21) switch
    {
        0 => Conditions.Keyword("k", Words[_random.Next(Words.Length)]),
        1 => Conditions.Any("k", Words[_random.Next(Words.Length)], Words[_random.Next(Words.Length)]),
        2 => Conditions.Field("k") with { Match = new MatchAny([MatchScalar.Of(Words[0]), MatchScalar.Of((long)_random.Next(3))]) },
        3 => Conditions.Prefix("k", PrefixOf(Words[_random.Next(Words.Length)])),
        4 => Conditions.Integer("n", _random.Next(-2, 4)),
        5 => Conditions.Any("n", _random.Next(-2, 4), _random.Next(-2, 4)),
        6 => Conditions.Range(_random.Next(2) == 0 ? "n" : "f", gte: _random.Next(-3, 3) / 2.0, lt: _random.Next(0, 5) / 2.0),
        7 => Conditions.Range(_random.Next(2) == 0 ? "n" : "f", gt: _random.Next(-3, 3), lte: _random.Next(0, 4)),
        8 => Conditions.Integer("f", _random.Next(-1, 3)),
        9 => Conditions.Bool("b", Pick(0.5)),
        10 => Conditions.Dates("d", gte: "2024-01-01T06:00:00Z", lt: Pick(0.5) ? "2024-02-01T00:00:00Z" : null),
        11 => Conditions.Keyword("u", UuidText().GetValue<string>()),
        12 => Conditions.Field("g") with { GeoRadius = new GeoRadius(new GeoPoint(_random.Next(-180, 181), _random.Next(-80, 81)), _random.Next(1, 3000) * 1000.0) },
        13 => Conditions.Field("g") with { GeoBoundingBox = new GeoBoundingBox(new GeoPoint(_random.Next(-180, 181), _random.Next(0, 91)), new GeoPoint(_random.Next(-180, 181), _random.Next(-90, 1))) },
        14 => Conditions.Field("g") with { GeoPolygon = new GeoPolygon(new GeoLineString([new(-10, -10), new(30, -10), new(30, 40), new(-10, 40), new(-10, -10)]), []) },
        15 => Conditions.Text("t", Texts[_random.Next(Texts.Length)]),
        16 => Conditions.TextAny("t", Texts[_random.Next(Texts.Length)]),
        17 => Conditions.Phrase("t", Texts[_random.Next(Texts.Length)]),
        18 => new IsEmptyCondition(JsonPath.Parse(Field())),
        19 => new HasIdCondition(new HashSet<PointId>(Enumerable.Range(0, 5).Select(_ => PointId.FromNum((ulong)_random.Next(1, 60))))),
        20 => Conditions.Field(Field()) with { ValuesCount = new ValuesCount(null, null, (ulong)_random.Next(2), null) },
        21 => new FilterCondition(Filter(depth + 1)),
        22 => new NestedCondition(JsonPath.Parse("items"), new Filter(
            [Pick(0.5) ? Conditions.Keyword("k", Words[_random.Next(4)]) : Conditions.Range("n", gte: _random.Next(-2, 3))],
            [], Pick(0.3) ? [Conditions.Integer("n", 1)] : [], null)),
        _ => new FilterCondition(Filter(depth + 1)),
    };

    private string PrefixOf(string word) => word[..Math.Min(word.Length, _random.Next(4))];

    private string Field() => new[] { "k", "n", "f", "b", "d", "u", "g", "t" }[_random.Next(8)];

    private List<Condition> Many(Func<Condition> make)
    {
        var list = new List<Condition>();
        for (var i = _random.Next(1, 3); i > 0; i--)
        {
            list.Add(make());
        }

        return list;
    }

    private JsonNode? Number() => _random.Next(7) switch
    {
        0 => JsonValue.Create(_random.Next(-2, 4)),
        1 => JsonValue.Create(_random.Next(-4, 8) / 2.0),
        2 => JsonNode.Parse("1.0"),
        3 => JsonNode.Parse("1e0"),
        4 => JsonNode.Parse("-0"),
        5 => JsonValue.Create(_random.Next(-2, 4).ToString(CultureInfo.InvariantCulture)),
        _ => JsonValue.Create((long)_random.Next(-2, 4)),
    };

    private JsonNode UuidText()
    {
        var uuid = Uuids[_random.Next(Uuids.Length)].ToString();
        return JsonValue.Create(_random.Next(4) switch
        {
            0 => uuid.ToUpperInvariant(),
            1 => "{" + uuid + "}",
            2 => "not-a-uuid",
            _ => uuid,
        });
    }

    private JsonNode? GeoPoint()
    {
        if (Pick(0.1))
        {
            return JsonNode.Parse("""{"lon": 200, "lat": 10}""");
        }

        return Pick(0.05)
            ? JsonValue.Create("0,0")
            : new JsonObject { ["lon"] = _random.Next(-180, 181) + (_random.NextDouble() / 2), ["lat"] = _random.Next(-90, 91) * 0.999 };
    }

    private JsonNode? OneOrMany(Func<JsonNode?> make)
    {
        if (Pick(0.25))
        {
            var array = new JsonArray();
            for (var i = _random.Next(4); i > 0; i--)
            {
                array.Add(make());
            }

            return array;
        }

        return Pick(0.05) ? null : make();
    }

    private void Maybe(JsonObject o, string key, Func<JsonNode?> make)
    {
        if (Pick(0.75))
        {
            o[key] = make();
        }
    }

    private bool Pick(double probability) => _random.NextDouble() < probability;
}
