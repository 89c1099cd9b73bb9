using System.Text;

namespace Citadel.Node.Configuration;

/// <summary>The <c>storage.snapshots_config</c> section: where snapshot files live.</summary>
public sealed record SnapshotsSettings
{
    /// <summary>Local directory or S3.</summary>
    public SnapshotsStorage Storage { get; init; } = SnapshotsStorage.Local;

    /// <summary>S3 location; required when <see cref="Storage"/> is S3, otherwise null.</summary>
    public S3Settings? S3 { get; init; }

    /// <summary>Largest snapshot accepted by upload or download from a URL, in MB (<c>max_upload_size_mb</c>).</summary>
    public long MaxUploadSizeMb { get; init; } = 16 * 1024;

    /// <summary>Free disk space, in MB, that uploads, downloads and unpacking must leave (<c>min_free_disk_mb</c>).</summary>
    public long MinFreeDiskMb { get; init; } = 256;

    /// <summary>
    /// Networks (CIDR or single addresses) that recover-from-URL may reach although they are loopback, private,
    /// link-local or otherwise internal (<c>url_recovery_allowed_networks</c>); empty = only public addresses.
    /// </summary>
    public IReadOnlyList<string> UrlRecoveryAllowedNetworks { get; init; } = [];
}

/// <summary>Snapshot storage kind.</summary>
public enum SnapshotsStorage
{
    /// <summary>Files below <c>storage.snapshots_path</c>.</summary>
    Local,

    /// <summary>An S3-compatible bucket.</summary>
    S3,
}

/// <summary>The <c>storage.snapshots_config.s3_config</c> section.</summary>
public sealed record S3Settings
{
    /// <summary>Bucket name.</summary>
    public string Bucket { get; init; } = string.Empty;

    /// <summary>Region, when the provider needs one.</summary>
    public string? Region { get; init; }

    /// <summary>Access key id.</summary>
    public string? AccessKey { get; init; }

    /// <summary>Secret access key.</summary>
    public string? SecretKey { get; init; }

    /// <summary>Endpoint of a non-AWS provider.</summary>
    public string? EndpointUrl { get; init; }

    // The secret must not reach a log line through ToString.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Bucket = ").Append(Bucket)
            .Append(", Region = ").Append(Region)
            .Append(", AccessKey = ").Append(AccessKey)
            .Append(", SecretKey = ").Append(SecretKey is null ? "null" : "<redacted>")
            .Append(", EndpointUrl = ").Append(EndpointUrl);
        return true;
    }
}
