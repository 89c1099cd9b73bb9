namespace Citadel.Bench.Load;

/// <summary>One way of talking to Citadel: REST, gRPC, or the storage engine in-process (the reference).</summary>
internal interface ITransport : IAsyncDisposable
{
    string Name { get; }

    Task CreateCollectionAsync(string name, int dim);

    /// <summary>Upserts points <paramref name="firstId"/>.. with <c>wait=true</c>.</summary>
    Task UpsertAsync(string name, ulong firstId, ReadOnlyMemory<float[]> vectors);

    /// <summary>Waits until the collection's background indexing is done (Qdrant's status <c>green</c>).</summary>
    Task WaitIndexedAsync(string name);

    /// <summary>
    /// Top-10 search; returns the number of hits. <paramref name="exact"/> asks for the full scan (Qdrant's
    /// <c>params.exact</c>) instead of the vector index.
    /// </summary>
    Task<int> SearchAsync(string name, float[] query, bool exact);
}
