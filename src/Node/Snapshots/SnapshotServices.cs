using Citadel.Node.Configuration;
using Citadel.Storage.Collections;

namespace Citadel.Node.Snapshots;

/// <summary>Registers the snapshot objects in a server's container (each server gets its own; they share only files).</summary>
internal static class SnapshotServices
{
    public static void AddTo(IServiceCollection services, NodeSettings settings, CollectionManager collections)
    {
        services.AddSingleton(new SnapshotStore(settings.Storage));
        services.AddSingleton(new AddressPolicy(settings.Storage.Snapshots.UrlRecoveryAllowedNetworks));
        services.AddSingleton<SnapshotDownloader>();
        services.AddSingleton(sp => new SnapshotSources(sp.GetRequiredService<SnapshotStore>(), settings.Service, sp.GetRequiredService<SnapshotDownloader>()));
        services.AddSingleton(sp => new CollectionSnapshots(collections, sp.GetRequiredService<SnapshotStore>(), sp.GetRequiredService<ILogger<CollectionSnapshots>>()));
        services.AddSingleton(sp => new ShardSnapshots(collections, sp.GetRequiredService<SnapshotStore>()));
        services.AddSingleton(sp => new FullSnapshots(collections, sp.GetRequiredService<SnapshotStore>()));
        services.AddSingleton<SnapshotRecovery>();
    }
}
