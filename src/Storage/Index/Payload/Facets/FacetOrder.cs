namespace Citadel.Storage.Index.Payload.Facets;

/// <summary>
/// Qdrant's order of facet hits: by count, largest first, then by value ascending; values compare by kind first
/// (keyword, integer, uuid, bool), strings by code point (Rust's byte order on UTF-8), UUIDs as 128-bit numbers.
/// </summary>
public sealed class FacetOrder : IComparer<FacetHit>
{
    /// <summary>The single instance.</summary>
    public static readonly FacetOrder Instance = new();

    /// <inheritdoc />
    public int Compare(FacetHit? x, FacetHit? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var byCount = y.Count.CompareTo(x.Count);
        return byCount != 0 ? byCount : CompareValues(x.Value, y.Value);
    }

    /// <summary>Qdrant's ascending order of values.</summary>
    public static int CompareValues(FacetValue a, FacetValue b)
    {
        if (a.Kind != b.Kind)
        {
            return a.Kind.CompareTo(b.Kind);
        }

        return a.Kind switch
        {
            FacetValueKind.Keyword => CompareCodePoints(a.Keyword!, b.Keyword!),
            FacetValueKind.Integer => a.Integer.CompareTo(b.Integer),
            FacetValueKind.Uuid => CompareUuids(a.Uuid, b.Uuid),
            _ => a.Bool.CompareTo(b.Bool),
        };
    }

    private static int CompareCodePoints(string a, string b)
    {
        var x = a.EnumerateRunes();
        var y = b.EnumerateRunes();
        while (true)
        {
            var hasX = x.MoveNext();
            var hasY = y.MoveNext();
            if (!hasX || !hasY)
            {
                return hasX.CompareTo(hasY);
            }

            var c = x.Current.Value.CompareTo(y.Current.Value);
            if (c != 0)
            {
                return c;
            }
        }
    }

    private static int CompareUuids(Guid a, Guid b)
    {
        Span<byte> x = stackalloc byte[16];
        Span<byte> y = stackalloc byte[16];
        a.TryWriteBytes(x, bigEndian: true, out _);
        b.TryWriteBytes(y, bigEndian: true, out _);
        return x.SequenceCompareTo(y);
    }
}
