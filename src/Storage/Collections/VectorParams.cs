using Citadel.Storage.Vectors;

namespace Citadel.Storage.Collections;

/// <summary>Parameters of one named dense vector (Qdrant's <c>VectorParams</c>).</summary>
public sealed record VectorParams(int Size, Distance Distance)
{
    /// <summary>Largest dimension Qdrant accepts.</summary>
    public const int MaxSize = 65536;

    /// <summary>Per-vector HNSW overrides.</summary>
    public HnswConfigDiff? HnswConfig { get; init; }

    /// <summary>Keep vectors on disk (accepted; Citadel keeps them in memory-mapped-friendly contiguous chunks).</summary>
    public bool? OnDisk { get; init; }

    /// <summary>Element type; only float32 is stored today.</summary>
    public string? Datatype { get; init; }

    /// <summary>Per-vector quantization settings, kept as given.</summary>
    public System.Text.Json.JsonElement? QuantizationConfig { get; init; }

    /// <summary>Bytes one vector occupies.</summary>
    public int ByteSize => Size * sizeof(float);
}
