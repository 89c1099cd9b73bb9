using System.Buffers.Binary;
using Citadel.Storage.IO;

namespace Citadel.Storage.Wal;

/// <summary>
/// On-disk record layout, little-endian: <c>[u32 payload length][u32 CRC32C(index bytes + payload)][u64 index]</c>,
/// then the payload.
/// </summary>
internal static class RecordFormat
{
    /// <summary>Bytes before the payload.</summary>
    public const int HeaderSize = 16;

    /// <summary>Largest payload accepted; also bounds what recovery believes, so a garbage length is not trusted.</summary>
    public const int MaxPayloadBytes = 1 << 30;

    /// <summary>Throws <see cref="ArgumentException"/> for a payload larger than <see cref="MaxPayloadBytes"/>.</summary>
    public static void ThrowIfTooLarge(int payloadLength, string paramName)
    {
        if (payloadLength > MaxPayloadBytes)
        {
            throw new ArgumentException(
                $"A WAL record payload may be at most {MaxPayloadBytes} bytes; got {payloadLength}.", paramName);
        }
    }

    /// <summary>Writes the header for <paramref name="payload"/> into the first <see cref="HeaderSize"/> bytes.</summary>
    public static void WriteHeader(Span<byte> destination, ulong index, ReadOnlySpan<byte> payload)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Crc32C.OfRecord(index, payload));
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], index);
    }

    /// <summary>Decodes a header; nothing is validated here.</summary>
    public static RecordHeader ReadHeader(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadUInt32LittleEndian(source),
        BinaryPrimitives.ReadUInt32LittleEndian(source[4..]),
        BinaryPrimitives.ReadUInt64LittleEndian(source[8..]));
}

/// <summary>A decoded record header.</summary>
internal readonly record struct RecordHeader(uint PayloadLength, uint Crc, ulong Index);
