using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Citadel.Storage.IO;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;

namespace Citadel.Storage.Segments;

/// <summary>
/// The on-disk form of a segment: ids, versions, payloads (UTF-8 JSON), deleted set and every named vector,
/// closed by a CRC-32C so that a damaged file is refused instead of loaded half-right.
/// </summary>
internal static class SegmentFile
{
    private const uint Magic = 0x47455343; // "CSEG"
    private const uint FormatVersion = 1;

    /// <summary>Writes <paramref name="segment"/> with <paramref name="deleted"/> as its deleted set.</summary>
    public static void Write(Stream output, Segment segment, BitSet deleted)
    {
        var crc = new ChecksumStream(output);
        using (var w = new BinaryWriter(crc, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(segment.Id);
            w.Write(segment.Count);
            Span<byte> idBytes = stackalloc byte[16];
            for (var i = 0; i < segment.Count; i++)
            {
                var id = segment.IdAt(i);
                w.Write(id.IsUuid);
                if (id.IsUuid)
                {
                    id.Uuid.TryWriteBytes(idBytes, bigEndian: true, out _);
                }
                else
                {
                    idBytes.Clear();
                    BinaryPrimitives.WriteUInt64LittleEndian(idBytes, id.Num);
                }

                w.Write(idBytes);
            }

            for (var i = 0; i < segment.Count; i++)
            {
                w.Write(segment.VersionAt(i));
            }

            for (var i = 0; i < segment.Count; i++)
            {
                var payload = segment.PayloadAt(i);
                if (payload.ValueKind == JsonValueKind.Undefined)
                {
                    w.Write(-1);
                    continue;
                }

                var bytes = JsonSerializer.SerializeToUtf8Bytes(payload, PayloadJson.SerializerOptions);
                w.Write(bytes.Length);
                w.Write(bytes);
            }

            WriteBits(w, deleted, segment.Count);
            w.Write(segment.Vectors.Count);
            foreach (var (name, store) in segment.Vectors)
            {
                w.Write(name);
                w.Write(store.Dimension);
                var present = store.PresenceSnapshot();
                WriteBits(w, present, segment.Count);
                for (var i = 0; i < segment.Count; i++)
                {
                    if (present.Get(i))
                    {
                        w.Write(MemoryMarshal.AsBytes(store.Get(i)));
                    }
                }
            }

            w.Flush();
        }

        Span<byte> trailer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc.Crc);
        output.Write(trailer);
    }

    /// <summary>Reads a segment; throws <see cref="InvalidDataException"/> when the file is damaged.</summary>
    public static Segment Read(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var crc = new ChecksumStream(fs);
        using var r = new BinaryReader(crc, Encoding.UTF8, leaveOpen: true);
        if (r.ReadUInt32() != Magic || r.ReadUInt32() != FormatVersion)
        {
            throw new InvalidDataException($"{path} is not a Citadel segment file of a known format");
        }

        var id = r.ReadInt64();
        var count = r.ReadInt32();
        var ids = new PointId[count];
        Span<byte> idBytes = stackalloc byte[16];
        for (var i = 0; i < count; i++)
        {
            var isUuid = r.ReadBoolean();
            r.BaseStream.ReadExactly(idBytes);
            ids[i] = isUuid ? PointId.FromUuid(new Guid(idBytes, bigEndian: true)) : PointId.FromNum(BinaryPrimitives.ReadUInt64LittleEndian(idBytes));
        }

        var versions = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            versions[i] = r.ReadUInt64();
        }

        var payloads = new JsonElement[count];
        for (var i = 0; i < count; i++)
        {
            var len = r.ReadInt32();
            if (len >= 0)
            {
                using var doc = JsonDocument.Parse(r.ReadBytes(len), PayloadJson.DocumentOptions);
                payloads[i] = doc.RootElement.Clone();
            }
        }

        var deleted = ReadBits(r);
        var vectorCount = r.ReadInt32();
        var vectors = new Dictionary<string, VectorStore>(StringComparer.Ordinal);
        for (var v = 0; v < vectorCount; v++)
        {
            var name = r.ReadString();
            var dim = r.ReadInt32();
            var present = ReadBits(r);
            var store = new VectorStore(dim);
            var buffer = new float[dim];
            for (var i = 0; i < count; i++)
            {
                if (present.Get(i))
                {
                    r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(buffer.AsSpan()));
                    store.Set(i, buffer);
                }
            }

            vectors[name] = store;
        }

        var expected = crc.Crc;
        Span<byte> trailer = stackalloc byte[4];
        fs.ReadExactly(trailer);
        if (BinaryPrimitives.ReadUInt32LittleEndian(trailer) != expected || fs.Position != fs.Length)
        {
            throw new InvalidDataException($"{path} failed its checksum");
        }

        return Segment.Restore(id, ids, versions, payloads, deleted, vectors);
    }

    /// <summary>Writes only a deleted set (for sealed segments whose data file is already on disk).</summary>
    public static void WriteDeleted(Stream output, BitSet deleted, int count)
    {
        var crc = new ChecksumStream(output);
        using (var w = new BinaryWriter(crc, Encoding.UTF8, leaveOpen: true))
        {
            WriteBits(w, deleted, count);
            w.Flush();
        }

        Span<byte> trailer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc.Crc);
        output.Write(trailer);
    }

    /// <summary>Reads a deleted set written by <see cref="WriteDeleted"/>.</summary>
    public static BitSet ReadDeleted(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var crc = new ChecksumStream(fs);
        using var r = new BinaryReader(crc, Encoding.UTF8, leaveOpen: true);
        var bits = ReadBits(r);
        var expected = crc.Crc;
        Span<byte> trailer = stackalloc byte[4];
        fs.ReadExactly(trailer);
        if (BinaryPrimitives.ReadUInt32LittleEndian(trailer) != expected)
        {
            throw new InvalidDataException($"{path} failed its checksum");
        }

        return bits;
    }

    private static void WriteBits(BinaryWriter w, BitSet bits, int count)
    {
        var words = bits.Words(count);
        w.Write(words.Length);
        w.Write(MemoryMarshal.AsBytes(words));
    }

    private static BitSet ReadBits(BinaryReader r)
    {
        var n = r.ReadInt32();
        if (n < 0 || n > (1 << 27))
        {
            throw new InvalidDataException("Corrupt bit set length");
        }

        var words = new ulong[n];
        r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(words.AsSpan()));
        return BitSet.FromWords(words);
    }
}
