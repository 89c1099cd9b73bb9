using System.Buffers.Binary;
using System.Numerics;

namespace Citadel.Storage.IO;

/// <summary>CRC-32C (Castagnoli), as in iSCSI/ext4: initial value and final xor 0xFFFFFFFF.</summary>
internal static class Crc32C
{
    /// <summary>The checksum of one record: its index (8 bytes, little-endian) followed by its payload.</summary>
    /// <remarks>Covering the index too means a stale record left at the right offset by an old file is rejected.</remarks>
    public static uint OfRecord(ulong index, ReadOnlySpan<byte> payload)
    {
        // BitOperations.Crc32C consumes a ulong low byte first, i.e. exactly the little-endian encoding.
        var state = BitOperations.Crc32C(uint.MaxValue, index);
        return ~Update(state, payload);
    }

    /// <summary>The checksum of <paramref name="data"/> alone.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(uint.MaxValue, data);

    public static uint Update(uint state, ReadOnlySpan<byte> data)
    {
        // BitOperations only has scalar overloads; eight bytes a step keeps it on the hardware instruction.
        while (data.Length >= sizeof(ulong))
        {
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }

        foreach (var b in data)
        {
            state = BitOperations.Crc32C(state, b);
        }

        return state;
    }
}
