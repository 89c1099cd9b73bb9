using System.Globalization;
using Citadel.Common.Errors;

namespace Citadel.Storage.Points;

/// <summary>
/// A point id: an unsigned 64-bit integer or a UUID. Ordered like Qdrant's: every integer id sorts before
/// every UUID, integers numerically, UUIDs by their bytes.
/// </summary>
public readonly struct PointId : IEquatable<PointId>, IComparable<PointId>
{
    private readonly ulong _num;
    private readonly Guid _uuid;

    private PointId(ulong num, Guid uuid, bool isUuid)
    {
        _num = num;
        _uuid = uuid;
        IsUuid = isUuid;
    }

    /// <summary>True when this id is a UUID.</summary>
    public bool IsUuid { get; }

    /// <summary>The integer id; 0 for a UUID.</summary>
    public ulong Num => _num;

    /// <summary>The UUID; empty for an integer id.</summary>
    public Guid Uuid => _uuid;

    /// <summary>An integer id.</summary>
    public static PointId FromNum(ulong num) => new(num, Guid.Empty, false);

    /// <summary>A UUID id.</summary>
    public static PointId FromUuid(Guid uuid) => new(0, uuid, true);

    /// <summary>Parses a UUID string in any form Qdrant accepts (hyphenated, simple, braced, urn).</summary>
    public static bool TryParseUuid(string text, out PointId id)
    {
        var span = text.AsSpan();
        if (span.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase))
        {
            span = span[9..];
        }

        if (Guid.TryParseExact(span, "D", out var g) || Guid.TryParseExact(span, "N", out g) || Guid.TryParseExact(span, "B", out g))
        {
            id = FromUuid(g);
            return true;
        }

        id = default;
        return false;
    }

    /// <summary>Parses an id given as a string, the way a path segment carries it: an unsigned integer or a UUID.</summary>
    public static PointId ParseText(string text)
    {
        if (text.Length > 0 && char.IsAsciiDigit(text[0]) && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return FromNum(n);
        }

        if (TryParseUuid(text, out var id))
        {
            return id;
        }

        throw CitadelException.BadInput($"Unable to parse point id `{text}`: expected an unsigned integer or a UUID");
    }

    /// <inheritdoc />
    public bool Equals(PointId other) => IsUuid == other.IsUuid && _num == other._num && _uuid == other._uuid;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PointId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => IsUuid ? _uuid.GetHashCode() : _num.GetHashCode();

    /// <inheritdoc />
    public int CompareTo(PointId other)
    {
        if (IsUuid != other.IsUuid)
        {
            return IsUuid ? 1 : -1;
        }

        return IsUuid ? CompareUuid(_uuid, other._uuid) : _num.CompareTo(other._num);
    }

    /// <summary>A stable 64-bit hash used to route the point to a shard (independent of the runtime's hash seed).</summary>
    public ulong StableHash()
    {
        if (!IsUuid)
        {
            return Mix(_num);
        }

        Span<byte> bytes = stackalloc byte[16];
        _uuid.TryWriteBytes(bytes, bigEndian: true, out _);
        return Mix(BitConverter.ToUInt64(bytes[..8]) ^ Mix(BitConverter.ToUInt64(bytes[8..])));
    }

    /// <summary>The id as Qdrant prints it: the number, or the lower-case hyphenated UUID.</summary>
    public override string ToString() => IsUuid ? _uuid.ToString("D") : _num.ToString(CultureInfo.InvariantCulture);

    /// <summary>Equality operator.</summary>
    public static bool operator ==(PointId left, PointId right) => left.Equals(right);

    /// <summary>Inequality operator.</summary>
    public static bool operator !=(PointId left, PointId right) => !left.Equals(right);

    /// <summary>Ordering operator.</summary>
    public static bool operator <(PointId left, PointId right) => left.CompareTo(right) < 0;

    /// <summary>Ordering operator.</summary>
    public static bool operator >(PointId left, PointId right) => left.CompareTo(right) > 0;

    /// <summary>Ordering operator.</summary>
    public static bool operator <=(PointId left, PointId right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering operator.</summary>
    public static bool operator >=(PointId left, PointId right) => left.CompareTo(right) >= 0;

    private static int CompareUuid(Guid a, Guid b)
    {
        Span<byte> x = stackalloc byte[16];
        Span<byte> y = stackalloc byte[16];
        a.TryWriteBytes(x, bigEndian: true, out _);
        b.TryWriteBytes(y, bigEndian: true, out _);
        return x.SequenceCompareTo(y);
    }

    // SplitMix64 finaliser: spreads sequential ids evenly over shards.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
