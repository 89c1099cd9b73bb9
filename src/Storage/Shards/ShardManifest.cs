using System.Text.Json;
using System.Text.Json.Serialization;

namespace Citadel.Storage.Shards;

/// <summary>
/// The durable description of a shard at a checkpoint: which segment files make up its state at WAL index
/// <see cref="Version"/>. Replaced atomically; files it does not name are leftovers and get deleted.
/// </summary>
internal sealed record ShardManifest(
    [property: JsonPropertyName("version")] ulong Version,
    [property: JsonPropertyName("next_segment_id")] long NextSegmentId,
    [property: JsonPropertyName("segments")] IReadOnlyList<ManifestSegment> Segments)
{
    public const string FileName = "manifest.json";

    public static ShardManifest? Load(string shardDirectory)
    {
        var path = Path.Combine(shardDirectory, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllBytes(path), ShardJsonContext.Default.ShardManifest) : null;
    }

    public void Save(string shardDirectory) =>
        IO.DurableFile.Write(Path.Combine(shardDirectory, FileName), s => JsonSerializer.Serialize(s, this, ShardJsonContext.Default.ShardManifest));
}

/// <summary>One segment of a <see cref="ShardManifest"/>; <see cref="Indexes"/> names its vector index files by vector name.</summary>
internal sealed record ManifestSegment(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("appendable")] bool Appendable,
    [property: JsonPropertyName("data")] string Data,
    [property: JsonPropertyName("deleted")] string? Deleted,
    [property: JsonPropertyName("indexes")] IReadOnlyDictionary<string, string>? Indexes = null);

[JsonSerializable(typeof(ShardManifest))]
internal sealed partial class ShardJsonContext : JsonSerializerContext;
