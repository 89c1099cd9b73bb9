using Citadel.Storage.Collections;
using Citadel.Storage.Operations;
using Citadel.Storage.Points;
using Citadel.Storage.Query;
using Citadel.Storage.Search;
using Citadel.Storage.Vectors;
using Microsoft.Extensions.Logging.Abstractions;

namespace Citadel.Bench.Load;

/// <summary>
/// The storage engine called in-process with the same settings: the reference that shows what the network and
/// the adapters cost on top of it.
/// </summary>
internal sealed class EngineTransport : ITransport
{
    private readonly string _directory = Directory.CreateTempSubdirectory("citadel-engine-").FullName;
    private readonly CollectionManager _manager;

    public EngineTransport() => _manager = CollectionManager.Open(_directory, CollectionDefaults.Qdrant, NullLogger.Instance);

    public string Name => "engine (in-process)";

    public Task CreateCollectionAsync(string name, int dim)
    {
        var config = _manager.Defaults.Complete(new CreateCollectionRequest { Vectors = new Dictionary<string, VectorParams> { [string.Empty] = new(dim, Distance.Cosine) } });
        _manager.Apply(new CreateCollectionOperation(name, config));
        return Task.CompletedTask;
    }

    public async Task UpsertAsync(string name, ulong firstId, ReadOnlyMemory<float[]> vectors)
    {
        var points = new List<PointStruct>(vectors.Length);
        var id = firstId;
        foreach (var v in vectors.Span)
        {
            points.Add(new PointStruct(PointId.FromNum(id++), new Dictionary<string, float[]> { [string.Empty] = v }, default));
        }

        await _manager.Get(name).UpdateAsync(new UpsertPoints(points), wait: true);
    }

    public Task WaitIndexedAsync(string name) =>
        Poll.UntilAsync(() => Task.FromResult(!_manager.Get(name).IndexingPending), TimeSpan.FromMinutes(10), $"{name} indexed");

    public Task<int> SearchAsync(string name, float[] query, bool exact) =>
        Task.FromResult(_manager.Get(name).Query(new QueryRequest
        {
            Query = new NearestQuery(VectorInput.OfVector(query)),
            Limit = 10,
            Params = exact ? new SearchParams(null, Exact: true, IndexedOnly: false) : SearchParams.Default,
        }).Count);

    public ValueTask DisposeAsync()
    {
        _manager.Dispose();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
