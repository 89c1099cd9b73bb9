namespace Citadel.Storage.Index.Hnsw;

/// <summary>A node (segment offset) with its similarity to the query; larger is closer.</summary>
internal readonly record struct ScoredNode(float Similarity, int Node);
