namespace Citadel.Node.Configuration;

/// <summary>Binds the <c>storage</c> section and its sub-sections; paths become absolute here.</summary>
internal static class StorageSettingsBinder
{
    private static readonly (string Name, NodeType Value)[] NodeTypes = [("Normal", NodeType.Normal), ("Listener", NodeType.Listener)];

    private static readonly (string Name, SnapshotsStorage Value)[] SnapshotStorages = [("local", SnapshotsStorage.Local), ("s3", SnapshotsStorage.S3)];

    private static readonly string[] TransferMethods = ["stream_records", "snapshot", "wal_delta"];

    public static StorageSettings Bind(ConfigSection section, string workingDirectory)
    {
        var d = new StorageSettings();
        return new StorageSettings
        {
            StoragePath = PathResolver.Resolve(section.GetString("storage_path", d.StoragePath), workingDirectory),
            SnapshotsPath = PathResolver.Resolve(section.GetString("snapshots_path", d.SnapshotsPath), workingDirectory),
            TempPath = PathResolver.ResolveOptional(section.GetNullableString("temp_path", d.TempPath), workingDirectory),
            OnDiskPayload = section.GetBool("on_disk_payload", d.OnDiskPayload),
            UpdateConcurrency = section.GetNullableInt("update_concurrency", 1, int.MaxValue, d.UpdateConcurrency),
            NodeType = section.GetChoice("node_type", NodeTypes, d.NodeType),
            ShardTransferMethod = ReadTransferMethod(section),
            MaxCollections = section.GetNullableInt("max_collections", 0, int.MaxValue, d.MaxCollections),
            RecoveryMode = section.GetNullableString("recovery_mode", d.RecoveryMode),
            HandleCollectionLoadErrors = section.GetBool("handle_collection_load_errors", d.HandleCollectionLoadErrors),
            Snapshots = BindSnapshots(section.Section("snapshots_config")),
            Wal = BindWal(section.Section("wal")),
            Performance = BindPerformance(section.Section("performance")),
            Optimizers = BindOptimizers(section.Section("optimizers")),
            HnswIndex = BindHnsw(section.Section("hnsw_index")),
            Collection = BindCollection(section.Section("collection")),
        };
    }

    private static string? ReadTransferMethod(ConfigSection section)
    {
        var method = section.GetNullableString("shard_transfer_method", null);
        if (method is null || TransferMethods.Contains(method, StringComparer.Ordinal))
        {
            return method;
        }

        throw section.Invalid("shard_transfer_method", "one of `stream_records`, `snapshot`, `wal_delta` or null", section.Find("shard_transfer_method")!);
    }

    private static SnapshotsSettings BindSnapshots(ConfigSection section)
    {
        var storage = section.GetChoice("snapshots_storage", SnapshotStorages, SnapshotsStorage.Local);
        var s3 = section.Section("s3_config");
        if (storage == SnapshotsStorage.S3 && s3.IsMissing)
        {
            throw section.Invalid("s3_config", "must be set when `storage.snapshots_config.snapshots_storage` is `s3`");
        }

        var d = new SnapshotsSettings();
        var networks = section.GetStringList("url_recovery_allowed_networks", d.UrlRecoveryAllowedNetworks);
        foreach (var network in networks)
        {
            if (!System.Net.IPNetwork.TryParse(network, out _) && !System.Net.IPAddress.TryParse(network, out _))
            {
                throw section.Invalid("url_recovery_allowed_networks", $"a list of IP addresses or CIDR networks; `{network}` is neither");
            }
        }

        return new SnapshotsSettings
        {
            Storage = storage,
            MaxUploadSizeMb = section.GetLong("max_upload_size_mb", 1, long.MaxValue / (1024 * 1024), d.MaxUploadSizeMb),
            MinFreeDiskMb = section.GetLong("min_free_disk_mb", 0, long.MaxValue / (1024 * 1024), d.MinFreeDiskMb),
            UrlRecoveryAllowedNetworks = networks,
            S3 = s3.IsMissing ? null : new S3Settings
            {
                Bucket = s3.GetString("bucket", string.Empty),
                Region = s3.GetNullableString("region", null),
                AccessKey = s3.GetNullableString("access_key", null),
                SecretKey = s3.GetNullableString("secret_key", null),
                EndpointUrl = s3.GetNullableString("endpoint_url", null),
            },
        };
    }

    private static WalSettings BindWal(ConfigSection section)
    {
        var d = new WalSettings();
        return new WalSettings
        {
            WalCapacityMb = section.GetInt("wal_capacity_mb", 1, int.MaxValue, d.WalCapacityMb),
            WalSegmentsAhead = section.GetInt("wal_segments_ahead", 0, int.MaxValue, d.WalSegmentsAhead),
            WalRetainClosed = section.GetInt("wal_retain_closed", 0, int.MaxValue, d.WalRetainClosed),
        };
    }

    private static PerformanceSettings BindPerformance(ConfigSection section)
    {
        var d = new PerformanceSettings();
        return new PerformanceSettings
        {
            MaxSearchThreads = section.GetInt("max_search_threads", 0, int.MaxValue, d.MaxSearchThreads),
            OptimizerCpuBudget = section.GetInt("optimizer_cpu_budget", int.MinValue, int.MaxValue, d.OptimizerCpuBudget),
            UpdateRateLimit = section.GetNullableInt("update_rate_limit", 1, int.MaxValue, d.UpdateRateLimit),
            SearchTimeoutSec = section.GetNullableInt("search_timeout_sec", 1, int.MaxValue, d.SearchTimeoutSec),
            IncomingShardTransfersLimit = section.GetNullableInt("incoming_shard_transfers_limit", 0, int.MaxValue, d.IncomingShardTransfersLimit),
            OutgoingShardTransfersLimit = section.GetNullableInt("outgoing_shard_transfers_limit", 0, int.MaxValue, d.OutgoingShardTransfersLimit),
            AsyncScorer = section.GetBool("async_scorer", d.AsyncScorer),
        };
    }

    private static OptimizerSettings BindOptimizers(ConfigSection section)
    {
        var d = new OptimizerSettings();
        return new OptimizerSettings
        {
            DeletedThreshold = section.GetDouble("deleted_threshold", 0, 1, d.DeletedThreshold),
            VacuumMinVectorNumber = section.GetInt("vacuum_min_vector_number", 0, int.MaxValue, d.VacuumMinVectorNumber),
            DefaultSegmentNumber = section.GetInt("default_segment_number", 0, int.MaxValue, d.DefaultSegmentNumber),
            MaxSegmentSizeKb = section.GetNullableLong("max_segment_size_kb", 1, long.MaxValue, d.MaxSegmentSizeKb),
            MemmapThresholdKb = section.GetNullableLong("memmap_threshold_kb", 0, long.MaxValue, d.MemmapThresholdKb),
            IndexingThresholdKb = section.GetNullableLong("indexing_threshold_kb", 0, long.MaxValue, d.IndexingThresholdKb),
            FlushIntervalSec = section.GetInt("flush_interval_sec", 0, int.MaxValue, d.FlushIntervalSec),
            MaxOptimizationThreads = section.GetNullableInt("max_optimization_threads", 0, int.MaxValue, d.MaxOptimizationThreads),
        };
    }

    private static HnswSettings BindHnsw(ConfigSection section)
    {
        var d = new HnswSettings();
        return new HnswSettings
        {
            M = section.GetInt("m", 0, int.MaxValue, d.M),
            EfConstruct = section.GetInt("ef_construct", 1, int.MaxValue, d.EfConstruct),
            FullScanThresholdKb = section.GetLong("full_scan_threshold_kb", 0, long.MaxValue, d.FullScanThresholdKb),
            MaxIndexingThreads = section.GetInt("max_indexing_threads", 0, int.MaxValue, d.MaxIndexingThreads),
            OnDisk = section.GetNullableBool("on_disk", d.OnDisk) ?? false,
            PayloadM = section.GetNullableInt("payload_m", 0, int.MaxValue, d.PayloadM),
        };
    }

    private static CollectionSectionSettings BindCollection(ConfigSection section)
    {
        var d = new CollectionSectionSettings();
        return new CollectionSectionSettings
        {
            // Option<u32> upstream, where null means "the built-in 1".
            ReplicationFactor = section.GetNullableInt("replication_factor", 1, int.MaxValue, d.ReplicationFactor) ?? d.ReplicationFactor,
            WriteConsistencyFactor = section.GetNullableInt("write_consistency_factor", 1, int.MaxValue, d.WriteConsistencyFactor) ?? d.WriteConsistencyFactor,
            ShardNumber = section.GetNullableInt("shard_number", 1, int.MaxValue, d.ShardNumber),
            ShardNumberPerNode = section.GetNullableInt("shard_number_per_node", 1, int.MaxValue, d.ShardNumberPerNode),
            VectorsOnDisk = section.Section("vectors").GetNullableBool("on_disk", d.VectorsOnDisk),
        };
    }
}
