namespace Citadel.Node.Snapshots;

/// <summary>A snapshot archive on local disk for a restore; files the node received (upload, download) are deleted afterwards.</summary>
internal sealed class LocalSnapshot(string path, string? checksum, bool temporary) : IDisposable
{
    /// <summary>The archive file.</summary>
    public string Path { get; } = path;

    /// <summary>Its SHA-256 when it was computed while receiving it; null for existing files.</summary>
    public string? Checksum { get; } = checksum;

    public void Dispose()
    {
        if (temporary)
        {
            File.Delete(Path);
        }
    }
}
