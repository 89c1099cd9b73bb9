using System.Text.Json;
using Citadel.Storage.IO;

namespace Citadel.Node.Observability.Quotas;

/// <summary>
/// The quota config in force on this node, kept in <c>{storage}/quota.json</c> (Qdrant's file) so that it survives
/// restarts. Written atomically with <see cref="DurableFile"/>. Per node: a cluster does not replicate quotas yet.
/// </summary>
internal sealed class QuotaStore
{
    public const string FileName = "quota.json";

    private readonly string _path;
    private readonly object _gate = new();
    private QuotaConfig _current;

    public QuotaStore(string storageDirectory)
    {
        _path = Path.Combine(storageDirectory, FileName);
        _current = File.Exists(_path) ? Load(_path) : QuotaConfig.Default;
    }

    public QuotaConfig Current => Volatile.Read(ref _current);

    public void Apply(QuotaConfig config)
    {
        lock (_gate)
        {
            DurableFile.Write(_path, stream =>
            {
                using var w = new Utf8JsonWriter(stream);
                config.Write(w);
            });
            Volatile.Write(ref _current, config);
        }
    }

    private static QuotaConfig Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return QuotaConfig.Read(doc.RootElement);
    }
}
