namespace Citadel.Node.Snapshots;

/// <summary>Recover requests end to end: fetch the archive, check its checksum, restore, drop received files.</summary>
internal sealed class SnapshotRecovery(SnapshotSources sources, CollectionSnapshots collections, ShardSnapshots shards)
{
    public async Task RecoverCollectionAsync(string name, SnapshotRecoverRequest request, CancellationToken cancellationToken)
    {
        using var archive = await sources.FetchAsync(request.Location, request.ApiKey, cancellationToken);
        await CheckAsync(archive, request.Checksum, cancellationToken);
        await collections.RecoverAsync(name, archive.Path);
    }

    public async Task RecoverShardAsync(string name, uint shardId, SnapshotRecoverRequest request, CancellationToken cancellationToken)
    {
        using var archive = await sources.FetchAsync(request.Location, request.ApiKey, cancellationToken);
        await CheckAsync(archive, request.Checksum, cancellationToken);
        await shards.RecoverAsync(name, shardId, archive.Path);
    }

    /// <summary>Restores an uploaded collection snapshot; the upload is deleted whatever happens.</summary>
    public async Task RecoverCollectionUploadAsync(string name, LocalSnapshot upload, string? checksum)
    {
        using (upload)
        {
            SnapshotChecksum.Check(checksum, upload.Checksum!);
            await collections.RecoverAsync(name, upload.Path);
        }
    }

    /// <summary>Restores an uploaded shard snapshot; the upload is deleted whatever happens.</summary>
    public async Task RecoverShardUploadAsync(string name, uint shardId, LocalSnapshot upload, string? checksum)
    {
        using (upload)
        {
            SnapshotChecksum.Check(checksum, upload.Checksum!);
            await shards.RecoverAsync(name, shardId, upload.Path);
        }
    }

    private static async Task CheckAsync(LocalSnapshot archive, string? expected, CancellationToken cancellationToken)
    {
        if (expected is not null)
        {
            SnapshotChecksum.Check(expected, archive.Checksum ?? await SnapshotChecksum.OfFileAsync(archive.Path, cancellationToken));
        }
    }
}
