using System.Text.Json;
using Citadel.Storage.Operations;
using Citadel.Storage.Points;
using Citadel.Storage.Shards;

namespace Citadel.Tests.Unit.Storage;

/// <summary>Temporary shard directories, crash images and fixed-seed points for storage tests.</summary>
internal sealed class StorageTestData : IDisposable
{
    public StorageTestData() => Root = Directory.CreateTempSubdirectory("citadel-storage-").FullName;

    public string Root { get; }

    public static ShardOptions SmallShard(int appendableCapacity = 100, int target = 2) =>
        new(appendableCapacity, 0.2, 50, target, 10_000, 1 << 20, TimeSpan.FromHours(1));

    public string NewDirectory() => Directory.CreateDirectory(Path.Combine(Root, Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>Copies a live shard directory: the files as a crash at this instant would leave them.</summary>
    public string CrashImage(string directory)
    {
        var target = NewDirectory();
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            // A lock file is not state (a crash releases the lock), and it cannot be opened while held.
            if (file.EndsWith(".lock", StringComparison.Ordinal))
            {
                continue;
            }

            var dest = Path.Combine(target, Path.GetRelativePath(directory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            using var src = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var dst = File.Create(dest);
            src.CopyTo(dst);
        }

        return target;
    }

    public static PointStruct Point(ulong id, int dim, Random rng, string? city = null)
    {
        var v = new float[dim];
        for (var i = 0; i < dim; i++)
        {
            v[i] = (float)rng.NextDouble() - 0.5f;
        }

        var payload = JsonSerializer.SerializeToElement(new { id, city = city ?? $"c{id % 7}", n = (long)(id % 100) });
        return new PointStruct(PointId.FromNum(id), new Dictionary<string, float[]> { [string.Empty] = v }, payload);
    }

    public static List<PointStruct> Points(int count, int dim, int seed, ulong firstId = 1)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(i => Point(firstId + (ulong)i, dim, rng)).ToList();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory.
        }
    }
}
