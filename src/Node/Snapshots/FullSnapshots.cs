using System.Text.Json;
using Citadel.Storage.Collections;
using Citadel.Storage.Snapshots;

namespace Citadel.Node.Snapshots;

/// <summary>
/// Full-storage snapshots: one archive holding a collection snapshot per collection (<c>collections/{name}.snapshot</c>)
/// and the aliases (<c>aliases.json</c>), stored at the top of the snapshots directory as <c>full-snapshot-*.snapshot</c>.
/// </summary>
internal sealed class FullSnapshots(CollectionManager collections, SnapshotStore store)
{
    private const string AliasesEntry = "aliases.json";
    private const string CollectionsPrefix = "collections/";

    public async Task<SnapshotInfo> CreateAsync()
    {
        var parts = new List<(string Name, string File)>();
        var entries = new List<SnapshotEntry>();
        try
        {
            // Each collection is written to a work file first: an archive entry needs its length up front.
            foreach (var name in collections.CollectionNames)
            {
                if (collections.TryGet(name) is not { } collection)
                {
                    continue;
                }

                var file = Path.Combine(store.TempDirectory, $"{Guid.NewGuid():N}.part");
                parts.Add((collection.Name, file));
                await WriteCollectionAsync(collection, file);
            }

            entries.Add(SnapshotEntry.FromBytes(AliasesEntry, AliasesJson()));
            foreach (var (name, file) in parts)
            {
                entries.Add(SnapshotEntry.OpenFile($"{CollectionsPrefix}{name}{SnapshotNames.Extension}", file));
            }

            var descriptor = new SnapshotDescriptor(SnapshotKind.Full, null, null, DateTime.UtcNow);
            return await store.CreateAsync(
                store.Root,
                "full-snapshot",
                entries.Sum(e => e.Length),
                output => SnapshotArchiveWriter.WriteAsync(output, descriptor, entries, null, CancellationToken.None));
        }
        finally
        {
            SnapshotEntry.DisposeAll(entries);
            foreach (var (_, file) in parts)
            {
                File.Delete(file);
            }
        }
    }

    public IReadOnlyList<SnapshotInfo> List() => store.List(store.Root);

    public string Locate(string snapshot) => store.Resolve(store.Root, snapshot);

    public void Delete(string snapshot) => store.Delete(store.Root, snapshot);

    /// <summary>
    /// Writes one collection's part. Parts take disk space before the archive's own check runs, so each is checked
    /// against the reserve first, and a disk that fills while writing is a 507 like the archive's, not a 500.
    /// </summary>
    private async Task WriteCollectionAsync(Collection collection, string file)
    {
        System.IO.Directory.CreateDirectory(store.TempDirectory);
        var entries = await Task.Run(collection.CaptureSnapshot);
        try
        {
            store.RequireRoom(entries.Sum(e => e.Length), $"the snapshot of collection {collection.Name}");
            var descriptor = new SnapshotDescriptor(SnapshotKind.Collection, collection.Name, null, DateTime.UtcNow);
            await using var output = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await SnapshotArchiveWriter.WriteAsync(output, descriptor, entries, null, CancellationToken.None);
        }
        catch (IOException e)
        {
            throw SnapshotStore.WriteFailed($"the snapshot of collection {collection.Name}", e);
        }
        finally
        {
            SnapshotEntry.DisposeAll(entries);
        }
    }

    private byte[] AliasesJson()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            foreach (var (alias, target) in collections.Aliases)
            {
                w.WriteString(alias, target);
            }

            w.WriteEndObject();
        }

        return ms.ToArray();
    }
}
