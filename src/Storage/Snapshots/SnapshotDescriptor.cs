using System.Text.Json;
using Citadel.Common.Errors;

namespace Citadel.Storage.Snapshots;

/// <summary>
/// The first entry of every snapshot archive (<see cref="FileName"/>): names the format, its version and what the archive
/// holds, so a snapshot describes itself without the node that wrote it.
/// </summary>
/// <param name="Kind">What the archive holds.</param>
/// <param name="Collection">The collection it was taken from (null for full snapshots).</param>
/// <param name="ShardId">The shard, for shard snapshots.</param>
/// <param name="CreatedAt">When it was taken (UTC).</param>
public sealed record SnapshotDescriptor(SnapshotKind Kind, string? Collection, uint? ShardId, DateTime CreatedAt)
{
    /// <summary>Archive path of the descriptor.</summary>
    public const string FileName = "citadel-snapshot.json";

    /// <summary>Value of the <c>format</c> field.</summary>
    public const string Format = "citadel-snapshot";

    /// <summary>The only format version this build reads and writes.</summary>
    public const int Version = 1;

    /// <summary>Largest descriptor read: it is a handful of fields, anything bigger is hostile.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The descriptor as UTF-8 JSON.</summary>
    public byte[] ToJson()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteNumber("version", Version);
            w.WriteString("kind", KindName(Kind));
            if (Collection is not null)
            {
                w.WriteString("collection", Collection);
            }

            if (ShardId is { } shard)
            {
                w.WriteNumber("shard_id", shard);
            }

            w.WriteString("created_at", CreatedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }

        return ms.ToArray();
    }

    /// <summary>Parses a descriptor; anything else is a bad snapshot (400), never a server error.</summary>
    public static SnapshotDescriptor Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
            {
                throw Invalid("its descriptor does not name the citadel-snapshot format");
            }

            if (!root.TryGetProperty("version", out var version) || !version.TryGetInt32(out var v) || v != Version)
            {
                throw Invalid($"only format version {Version} is supported");
            }

            var kind = root.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? ParseKind(k.GetString()!) : throw Invalid("its descriptor has no kind");
            var collection = root.TryGetProperty("collection", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            uint? shard = root.TryGetProperty("shard_id", out var s) && s.TryGetUInt32(out var id) ? id : null;
            var created = root.TryGetProperty("created_at", out var t) && t.ValueKind == JsonValueKind.String && t.TryGetDateTime(out var when) ? when.ToUniversalTime() : DateTime.UnixEpoch;
            return new SnapshotDescriptor(kind, collection, shard, created);
        }
        catch (JsonException e)
        {
            throw Invalid($"its descriptor is not JSON ({e.Message})");
        }
    }

    /// <summary>The error for an archive that is not a usable snapshot.</summary>
    public static CitadelException Invalid(string reason) => CitadelException.BadRequest($"Invalid snapshot: {reason}");

    private static string KindName(SnapshotKind kind) => kind switch
    {
        SnapshotKind.Collection => "collection",
        SnapshotKind.Shard => "shard",
        _ => "full",
    };

    private static SnapshotKind ParseKind(string name) => name switch
    {
        "collection" => SnapshotKind.Collection,
        "shard" => SnapshotKind.Shard,
        "full" => SnapshotKind.Full,
        _ => throw Invalid($"unknown kind `{name}`"),
    };
}
