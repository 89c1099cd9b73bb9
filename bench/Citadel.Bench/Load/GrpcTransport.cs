using Citadel.Grpc;
using Grpc.Net.Client;

namespace Citadel.Bench.Load;

/// <summary>Qdrant gRPC over one HTTP/2 channel (h2c), the way official clients connect.</summary>
internal sealed class GrpcTransport : ITransport
{
    private readonly GrpcChannel _channel;
    private readonly Collections.CollectionsClient _collections;
    private readonly Points.PointsClient _points;

    public GrpcTransport(int port)
    {
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        _collections = new Collections.CollectionsClient(_channel);
        _points = new Points.PointsClient(_channel);
    }

    public string Name => "gRPC";

    public async Task CreateCollectionAsync(string name, int dim) =>
        await _collections.CreateAsync(new CreateCollection
        {
            CollectionName = name,
            VectorsConfig = new VectorsConfig { Params = new VectorParams { Size = (ulong)dim, Distance = Distance.Cosine } },
        });

    public async Task UpsertAsync(string name, ulong firstId, ReadOnlyMemory<float[]> vectors)
    {
        var request = new UpsertPoints { CollectionName = name, Wait = true };
        var id = firstId;
        foreach (var v in vectors.Span)
        {
            var dense = new DenseVector();
            dense.Data.Add(v);
            request.Points.Add(new PointStruct
            {
                Id = new PointId { Num = id++ },
                Vectors = new Vectors { Vector = new Vector { Dense = dense } },
            });
        }

        await _points.UpsertAsync(request);
    }

    public Task WaitIndexedAsync(string name) => Poll.UntilAsync(
        async () => (await _collections.GetAsync(new GetCollectionInfoRequest { CollectionName = name })).Result.Status == CollectionStatus.Green,
        TimeSpan.FromMinutes(10),
        $"{name} turning green");

    public async Task<int> SearchAsync(string name, float[] query, bool exact)
    {
        var dense = new DenseVector();
        dense.Data.Add(query);
        var response = await _points.QueryAsync(new QueryPoints
        {
            CollectionName = name,
            Query = new Query { Nearest = new VectorInput { Dense = dense } },
            Limit = 10,
            Params = exact ? new SearchParams { Exact = true } : null,
        });
        return response.Result.Count;
    }

    public ValueTask DisposeAsync()
    {
        _channel.Dispose();
        return ValueTask.CompletedTask;
    }
}
