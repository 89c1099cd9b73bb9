using System.Globalization;
using Citadel.Storage.Search;

namespace Citadel.Storage.Query;

/// <summary>A group of hits sharing one value of the group-by field, with the record looked up by that value.</summary>
public sealed record PointGroup(GroupId Id, IReadOnlyList<ScoredPoint> Hits, PointRecord? Lookup);

/// <summary>Kinds of <see cref="GroupId"/>, as Qdrant distinguishes them on the wire.</summary>
public enum GroupIdKind
{
    /// <summary>A string value.</summary>
    String,

    /// <summary>A non-negative integer.</summary>
    Unsigned,

    /// <summary>A negative integer.</summary>
    Signed,
}

/// <summary>A group-by value: a string or an integer (Qdrant's <c>GroupId</c>; other values form no group).</summary>
public readonly record struct GroupId
{
    private GroupId(GroupIdKind kind, string? text, ulong unsigned, long signed)
    {
        Kind = kind;
        Text = text;
        Unsigned = unsigned;
        Signed = signed;
    }

    /// <summary>Which value is set.</summary>
    public GroupIdKind Kind { get; }

    /// <summary>The string, for <see cref="GroupIdKind.String"/>.</summary>
    public string? Text { get; }

    /// <summary>The integer, for <see cref="GroupIdKind.Unsigned"/>.</summary>
    public ulong Unsigned { get; }

    /// <summary>The integer, for <see cref="GroupIdKind.Signed"/>.</summary>
    public long Signed { get; }

    /// <summary>A string id.</summary>
    public static GroupId Of(string text) => new(GroupIdKind.String, text, 0, 0);

    /// <summary>An integer id; non-negative values are unsigned, like serde's <c>as_u64</c> first.</summary>
    public static GroupId Of(long value) => value >= 0 ? new(GroupIdKind.Unsigned, null, (ulong)value, 0) : new(GroupIdKind.Signed, null, 0, value);

    /// <summary>An unsigned integer id.</summary>
    public static GroupId Of(ulong value) => new(GroupIdKind.Unsigned, null, value, 0);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        GroupIdKind.String => Text!,
        GroupIdKind.Unsigned => Unsigned.ToString(CultureInfo.InvariantCulture),
        _ => Signed.ToString(CultureInfo.InvariantCulture),
    };
}
