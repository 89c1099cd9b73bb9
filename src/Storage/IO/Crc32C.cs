using System.Numerics;
using System.Runtime.InteropServices;

namespace Citadel.Storage.IO;

/// <summary>CRC-32C (Castagnoli) over byte spans, using the CPU's CRC instruction where available.</summary>
internal static class Crc32C
{
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(data);
        foreach (var w in words)
        {
            crc = BitOperations.Crc32C(crc, w);
        }

        for (var i = words.Length * sizeof(ulong); i < data.Length; i++)
        {
            crc = BitOperations.Crc32C(crc, data[i]);
        }

        return crc;
    }
}
