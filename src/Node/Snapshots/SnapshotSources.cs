using Citadel.Common.Errors;
using Citadel.Node.Configuration;

namespace Citadel.Node.Snapshots;

/// <summary>
/// Turns a recover request's <c>location</c> into a local archive: <c>file://</c> only inside the snapshots directory
/// (no symlink on the way), <c>http(s)://</c> only when <c>service.enable_snapshot_url_recovery</c> is on, through
/// <see cref="SnapshotDownloader"/>; anything else is refused.
/// </summary>
internal sealed class SnapshotSources(SnapshotStore store, ServiceSettings service, SnapshotDownloader downloader)
{
    /// <summary>Resolves or fetches <paramref name="location"/>; <paramref name="apiKey"/> goes only to the named http(s) origin.</summary>
    public async Task<LocalSnapshot> FetchAsync(string location, string? apiKey, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(location, UriKind.Absolute, out var uri))
        {
            throw CitadelException.BadRequest($"Invalid snapshot location `{location}`: expected a file://, http:// or https:// URL");
        }

        if (uri.IsFile)
        {
            return new LocalSnapshot(InsideSnapshots(uri), null, temporary: false);
        }

        if (uri.Scheme is not ("http" or "https"))
        {
            throw CitadelException.BadRequest($"Invalid snapshot location: scheme `{uri.Scheme}` is not supported, use file://, http:// or https://");
        }

        if (!service.EnableSnapshotUrlRecovery)
        {
            throw CitadelException.Forbidden("Snapshot recovery from remote URLs is disabled");
        }

        var destination = store.NewUploadPath();
        try
        {
            var checksum = await downloader.DownloadAsync(uri, apiKey, destination, store.MaxUploadBytes, DiskSpace.Writable(store.UploadDirectory, store.ReserveBytes), cancellationToken);
            return new LocalSnapshot(destination, checksum, temporary: true);
        }
        catch
        {
            File.Delete(destination);
            throw;
        }
    }

    private string InsideSnapshots(Uri uri)
    {
        if (!string.IsNullOrEmpty(uri.Host) && !uri.IsLoopback)
        {
            throw Outside();
        }

        var full = Path.GetFullPath(uri.LocalPath);
        if (!full.StartsWith(store.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw Outside();
        }

        // A symlink inside the directory could still point out of it.
        for (var p = full; p.Length > store.Root.Length; p = Path.GetDirectoryName(p)!)
        {
            if (new FileInfo(p).LinkTarget is not null)
            {
                throw Outside();
            }
        }

        return File.Exists(full) ? full : throw CitadelException.NotFound($"Snapshot file {uri.LocalPath} does not exist");
    }

    private CitadelException Outside() =>
        CitadelException.Forbidden($"Snapshot file path must be inside the snapshots directory {store.Root}");
}
