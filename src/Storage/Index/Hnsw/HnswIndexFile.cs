using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Citadel.Storage.IO;
using Citadel.Storage.Segments;
using Citadel.Storage.Vectors;

namespace Citadel.Storage.Index.Hnsw;

/// <summary>
/// The on-disk form of an <see cref="HnswIndex"/>: which segment and vector it belongs to, its parameters and its
/// link arrays as raw little-endian ints, closed by a CRC-32C like segment files. Written once per index (indexes are
/// immutable, like the sealed data they cover), so loading one on restart replaces a rebuild.
/// </summary>
internal static class HnswIndexFile
{
    private const uint Magic = 0x534E4843; // "CHNS"
    private const uint FormatVersion = 1;

    public static void Write(Stream output, HnswIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var g = index.Graph;
        var crc = new ChecksumStream(output);
        using (var w = new BinaryWriter(crc, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(index.SegmentId);
            w.Write(index.VectorName);
            w.Write((int)index.Distance);
            w.Write(g.NodeCount);
            w.Write(g.Parameters.M);
            w.Write(g.Parameters.EfConstruct);
            w.Write(g.EntryPoint);
            w.Write(g.MaxLevel);
            w.Write(g.IndexedCount);
            w.Write(MemoryMarshal.AsBytes(g.Levels.AsSpan()));
            w.Write(MemoryMarshal.AsBytes(g.UpperStart.AsSpan()));
            w.Write(MemoryMarshal.AsBytes(g.Level0.AsSpan()));
            w.Write(g.Upper.Length);
            w.Write(MemoryMarshal.AsBytes(g.Upper.AsSpan()));
            w.Flush();
        }

        Span<byte> trailer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc.Crc);
        output.Write(trailer);
    }

    /// <summary>
    /// Reads an index written for <paramref name="segment"/>; throws <see cref="InvalidDataException"/> when the file
    /// is damaged or belongs to other data (another segment, size or vector).
    /// </summary>
    public static HnswIndex Read(string path, Segment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var crc = new ChecksumStream(fs);
        using var r = new BinaryReader(crc, Encoding.UTF8, leaveOpen: true);
        if (r.ReadUInt32() != Magic || r.ReadUInt32() != FormatVersion)
        {
            throw new InvalidDataException($"{path} is not a Citadel HNSW index of a known format");
        }

        var segmentId = r.ReadInt64();
        var vectorName = r.ReadString();
        var distance = (Distance)r.ReadInt32();
        var nodeCount = r.ReadInt32();
        var m = r.ReadInt32();
        var efConstruct = r.ReadInt32();
        var entryPoint = r.ReadInt32();
        var maxLevel = r.ReadInt32();
        var indexed = r.ReadInt32();
        if (segmentId != segment.Id || nodeCount != segment.Count || !segment.Vectors.TryGetValue(vectorName, out var store)
            || m is < 1 or > 4096 || !Enum.IsDefined(distance))
        {
            throw new InvalidDataException($"{path} does not describe segment {segment.Id} as loaded");
        }

        var parameters = new HnswParameters(m, efConstruct);
        var levels = new sbyte[nodeCount];
        var upperStart = new int[nodeCount];
        var level0 = new int[checked(nodeCount * (parameters.M0 + 1))];
        r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(levels.AsSpan()));
        r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(upperStart.AsSpan()));
        r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(level0.AsSpan()));
        var upperLength = r.ReadInt32();
        if (upperLength < 0 || upperLength > (long)nodeCount * 32 * (m + 1))
        {
            throw new InvalidDataException($"{path} has a corrupt upper-layer length");
        }

        var upper = new int[upperLength];
        r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(upper.AsSpan()));
        var expected = crc.Crc;
        Span<byte> trailer = stackalloc byte[4];
        fs.ReadExactly(trailer);
        if (BinaryPrimitives.ReadUInt32LittleEndian(trailer) != expected || fs.Position != fs.Length)
        {
            throw new InvalidDataException($"{path} failed its checksum");
        }

        var graph = new HnswGraph(nodeCount, parameters, levels, level0, upperStart, upper, entryPoint, maxLevel, indexed);
        return new HnswIndex(segmentId, vectorName, distance, store, graph) { File = Path.GetFileName(path) };
    }
}
