using System.Text.Json;
using Citadel.Storage.Query;
using Citadel.Storage.Search;

namespace Citadel.Node.Rest.Writers;

/// <summary>JSON for query results in Qdrant's shapes: <c>QueryResponse</c>, <c>GroupsResult</c>, the two matrix forms.</summary>
internal static class QueryWriters
{
    /// <summary><c>{"points": [...]}</c>.</summary>
    public static void Points(Utf8JsonWriter w, IEnumerable<ScoredPoint> points)
    {
        w.WriteStartObject();
        w.WritePropertyName("points");
        PointWriters.ScoredList(w, points);
        w.WriteEndObject();
    }

    /// <summary>A JSON array with one element per batch entry.</summary>
    public static void Batch<T>(Utf8JsonWriter w, IEnumerable<T> entries, Action<Utf8JsonWriter, T> write)
    {
        w.WriteStartArray();
        foreach (var entry in entries)
        {
            write(w, entry);
        }

        w.WriteEndArray();
    }

    /// <summary><c>{"groups": [{"hits": [...], "id": …, "lookup": {...}}]}</c>; <c>lookup</c> only when looked up.</summary>
    public static void Groups(Utf8JsonWriter w, IEnumerable<PointGroup> groups)
    {
        w.WriteStartObject();
        w.WriteStartArray("groups");
        foreach (var g in groups)
        {
            w.WriteStartObject();
            w.WritePropertyName("hits");
            PointWriters.ScoredList(w, g.Hits);
            w.WritePropertyName("id");
            GroupId(w, g.Id);
            if (g.Lookup is { } lookup)
            {
                w.WritePropertyName("lookup");
                PointWriters.Record(w, lookup);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary><c>{"pairs": [{"a", "b", "score"}]}</c>.</summary>
    public static void MatrixPairs(Utf8JsonWriter w, SearchMatrixResult matrix)
    {
        w.WriteStartObject();
        w.WriteStartArray("pairs");
        foreach (var (a, b, score) in matrix.Pairs())
        {
            w.WriteStartObject();
            w.WritePropertyName("a");
            PointWriters.Id(w, a);
            w.WritePropertyName("b");
            PointWriters.Id(w, b);
            w.WriteNumber("score", score);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary><c>{"offsets_row", "offsets_col", "scores", "ids"}</c>.</summary>
    public static void MatrixOffsets(Utf8JsonWriter w, SearchMatrixResult matrix)
    {
        var (rows, columns, scores) = matrix.Offsets();
        w.WriteStartObject();
        Numbers(w, "offsets_row", rows);
        Numbers(w, "offsets_col", columns);
        w.WriteStartArray("scores");
        foreach (var s in scores)
        {
            w.WriteNumberValue(s);
        }

        w.WriteEndArray();
        w.WriteStartArray("ids");
        foreach (var id in matrix.Ids)
        {
            PointWriters.Id(w, id);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void GroupId(Utf8JsonWriter w, GroupId id)
    {
        switch (id.Kind)
        {
            case GroupIdKind.String:
                w.WriteStringValue(id.Text);
                break;
            case GroupIdKind.Unsigned:
                w.WriteNumberValue(id.Unsigned);
                break;
            default:
                w.WriteNumberValue(id.Signed);
                break;
        }
    }

    private static void Numbers(Utf8JsonWriter w, string name, List<ulong> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }
}
