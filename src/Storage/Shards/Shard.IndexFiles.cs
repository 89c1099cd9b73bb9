using System.Text;
using Citadel.Storage.Index.Hnsw;
using Citadel.Storage.IO;
using Citadel.Storage.Segments;

namespace Citadel.Storage.Shards;

/// <summary>
/// Index files in checkpoints: each index is written once (like sealed data, it never changes), named in the
/// manifest next to its segment, and loaded with the segment on restart so it is not rebuilt.
/// </summary>
public sealed partial class Shard
{
    /// <summary>
    /// Writes the indexes of <paramref name="segment"/> that have no file yet; returns vector name → file for every
    /// index it has, or null when it has none. Runs outside the shard lock (indexes are immutable).
    /// </summary>
    private static Dictionary<string, string>? WriteIndexFiles(Segment segment, IReadOnlyCollection<HnswIndex> indexes, string segmentsDir, ulong version)
    {
        if (indexes.Count == 0)
        {
            return null;
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var index in indexes)
        {
            if (index.File is null)
            {
                var file = $"seg-{segment.Id}-hnsw-{FileTag(index.VectorName)}-v{version}.bin";
                DurableFile.Write(Path.Combine(segmentsDir, file), s => HnswIndexFile.Write(s, index));
                index.File = file;
            }

            files[index.VectorName] = index.File;
        }

        return files;
    }

    /// <summary>
    /// Loads the indexes the manifest names for <paramref name="segment"/>. An index is derived data: a missing or
    /// damaged file (CRC mismatch, other segment) is dropped and the index rebuilt in the background, instead of
    /// refusing to open the shard as a damaged segment file does.
    /// </summary>
    private static void LoadIndexFiles(Segment segment, IReadOnlyDictionary<string, string>? files, string segmentsDir)
    {
        foreach (var (name, file) in files ?? new Dictionary<string, string>())
        {
            try
            {
                var index = HnswIndexFile.Read(Path.Combine(segmentsDir, file), segment);
                if (index.VectorName == name)
                {
                    segment.Indexes.Set(index);
                }
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                // Rebuilt by the maintenance loop; the segment is searched exactly until then.
            }
        }
    }

    /// <summary>A file-name-safe tag for a vector name (names may hold any character): readable when short and plain.</summary>
    private static string FileTag(string vectorName)
    {
        if (vectorName.Length == 0)
        {
            return "default";
        }

        if (vectorName.Length <= 32 && vectorName.All(c => char.IsAsciiLetterOrDigit(c) || c is '_'))
        {
            return "n_" + vectorName;
        }

        // FNV-1a over the UTF-8 bytes; the file also records the full name, which is what loading checks.
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(vectorName))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return "h_" + hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }
}
