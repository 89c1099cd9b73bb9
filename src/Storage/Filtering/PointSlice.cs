using System.Buffers.Binary;
using System.Numerics;
using Citadel.Storage.Points;

namespace Citadel.Storage.Filtering;

/// <summary>
/// The deterministic id-space slices of <see cref="SliceCondition"/>: a point is in slice <c>index</c> of
/// <c>total</c> when <c>SipHash-2-4(id bytes) % total == index</c>, with a zero key over the canonical id bytes
/// (8 little-endian bytes for a number, the 16 RFC 4122 bytes of a UUID), as Qdrant 1.19's REST schema specifies
/// for <c>Slice</c>. Different totals share the hash, so slice 0 of 4 lies inside slice 0 of 2.
/// </summary>
public static class PointSlice
{
    /// <summary>The slice of <paramref name="total"/> that <paramref name="id"/> falls into.</summary>
    public static uint IndexOf(PointId id, uint total)
    {
        ArgumentOutOfRangeException.ThrowIfZero(total);
        return (uint)(Hash(id) % total);
    }

    /// <summary>True when <paramref name="id"/> is in the slice the condition names; false for an impossible slice.</summary>
    public static bool Contains(SliceCondition slice, PointId id)
    {
        ArgumentNullException.ThrowIfNull(slice);
        return slice.Total != 0 && slice.Index < slice.Total && Hash(id) % slice.Total == slice.Index;
    }

    /// <summary>SipHash-2-4 with a zero key over the canonical bytes of <paramref name="id"/>.</summary>
    public static ulong Hash(PointId id)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (id.IsUuid)
        {
            id.Uuid.TryWriteBytes(bytes, bigEndian: true, out _);
            return SipHash24(bytes);
        }

        BinaryPrimitives.WriteUInt64LittleEndian(bytes, id.Num);
        return SipHash24(bytes[..8]);
    }

    /// <summary>SipHash-2-4 (2 compression, 4 finalisation rounds) with a zero key.</summary>
    internal static ulong SipHash24(ReadOnlySpan<byte> data, ulong key0 = 0, ulong key1 = 0)
    {
        var v0 = key0 ^ 0x736F6D6570736575UL;
        var v1 = key1 ^ 0x646F72616E646F6DUL;
        var v2 = key0 ^ 0x6C7967656E657261UL;
        var v3 = key1 ^ 0x7465646279746573UL;

        var whole = data.Length - (data.Length % 8);
        for (var offset = 0; offset < whole; offset += 8)
        {
            var block = BinaryPrimitives.ReadUInt64LittleEndian(data[offset..]);
            v3 ^= block;
            Round(ref v0, ref v1, ref v2, ref v3);
            Round(ref v0, ref v1, ref v2, ref v3);
            v0 ^= block;
        }

        // Last block: the remaining bytes, zero padded, with the length in the top byte.
        var last = (ulong)(data.Length & 0xFF) << 56;
        var tail = data[whole..];
        for (var i = 0; i < tail.Length; i++)
        {
            last |= (ulong)tail[i] << (8 * i);
        }

        v3 ^= last;
        Round(ref v0, ref v1, ref v2, ref v3);
        Round(ref v0, ref v1, ref v2, ref v3);
        v0 ^= last;

        v2 ^= 0xFF;
        for (var i = 0; i < 4; i++)
        {
            Round(ref v0, ref v1, ref v2, ref v3);
        }

        return v0 ^ v1 ^ v2 ^ v3;
    }

    private static void Round(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3)
    {
        v0 += v1;
        v1 = BitOperations.RotateLeft(v1, 13);
        v1 ^= v0;
        v0 = BitOperations.RotateLeft(v0, 32);
        v2 += v3;
        v3 = BitOperations.RotateLeft(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = BitOperations.RotateLeft(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = BitOperations.RotateLeft(v1, 17);
        v1 ^= v2;
        v2 = BitOperations.RotateLeft(v2, 32);
    }
}
