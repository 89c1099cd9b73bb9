using Citadel.Common.Errors;
using Citadel.Storage.IO;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Citadel.Node.Snapshots;

/// <summary>
/// Receives the multipart <c>snapshot</c> field of an upload into <c>tmp/upload</c>. Runs only after the REST gate
/// granted global manage access, so the body of a refused caller is never read. The declared length is checked against
/// the upload limit and the free disk first; the received bytes are counted and the file is dropped as soon as either
/// limit is crossed, so an upload never fills the disk nor leaves a partial file.
/// </summary>
internal static class SnapshotUpload
{
    private const string Field = "snapshot";

    public static async Task<LocalSnapshot> ReceiveAsync(HttpRequest request, SnapshotStore store, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            throw CitadelException.BadRequest("Expected a multipart/form-data body with a `snapshot` file field");
        }

        var writable = DiskSpace.Writable(store.UploadDirectory, store.ReserveBytes);
        var limit = Math.Min(store.MaxUploadBytes, writable);
        if (request.ContentLength is { } declared && declared > limit)
        {
            throw TooLarge(store, writable);
        }

        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = limit };
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || disposition.Name.Value?.Trim('"') != Field)
                {
                    // Other fields are read past, within the same body limit.
                    await section.Body.CopyToAsync(Stream.Null, cancellationToken);
                    continue;
                }

                var path = store.NewUploadPath();
                try
                {
                    var checksum = await CopyAsync(section.Body, path, limit, store, writable, cancellationToken);
                    return new LocalSnapshot(path, checksum, temporary: true);
                }
                catch
                {
                    File.Delete(path);
                    throw;
                }
            }
        }
        catch (InvalidDataException e)
        {
            // The multipart reader's verdict on a malformed body or a section over BodyLengthLimit.
            throw e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) ? TooLarge(store, writable) : CitadelException.BadRequest($"Malformed multipart body: {e.Message}");
        }

        throw CitadelException.BadRequest("The multipart body has no `snapshot` file field");
    }

    private static async Task<string> CopyAsync(Stream body, string path, long limit, SnapshotStore store, long writable, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using var hashing = new Sha256Stream(file, leaveOpen: true);
        var buffer = new byte[1 << 16];
        int n;
        while ((n = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (hashing.BytesTransferred + n > limit)
            {
                throw TooLarge(store, writable);
            }

            await hashing.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
        }

        file.Flush(flushToDisk: true);
        return hashing.HexDigest();
    }

    private static CitadelException TooLarge(SnapshotStore store, long writable) => store.MaxUploadBytes <= writable
        ? CitadelException.BadRequest($"Snapshot is larger than the maximum upload size of {store.MaxUploadBytes} bytes (storage.snapshots_config.max_upload_size_mb)")
        : CitadelException.BadRequest($"Not enough disk space for the snapshot: {writable} bytes may be used");
}
