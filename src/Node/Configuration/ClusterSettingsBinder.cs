namespace Citadel.Node.Configuration;

/// <summary>Binds the <c>cluster</c> section with Qdrant's ranges (peer id up to 2^53−1, timeouts at least 1).</summary>
internal static class ClusterSettingsBinder
{
    // Peer ids travel through JSON clients as numbers; above 2^53 they would lose precision.
    private const long MaxPeerId = (1L << 53) - 1;

    public static ClusterSettings Bind(ConfigSection section)
    {
        var d = new ClusterSettings();
        var settings = new ClusterSettings
        {
            Enabled = section.GetBool("enabled", d.Enabled),
            PeerId = (ulong?)section.GetNullableLong("peer_id", 1, MaxPeerId, null),
            GrpcTimeoutMs = section.GetInt("grpc_timeout_ms", 1, int.MaxValue, d.GrpcTimeoutMs),
            ConnectionTimeoutMs = section.GetInt("connection_timeout_ms", 1, int.MaxValue, d.ConnectionTimeoutMs),
            P2p = BindP2p(section.Section("p2p")),
            Consensus = BindConsensus(section.Section("consensus")),
            ReshardingEnabled = section.GetBool("resharding_enabled", d.ReshardingEnabled),
        };

        // Qdrant panics with "P2P port is not set" later; failing here names the key instead.
        if (settings.Enabled && settings.P2p.Port is null)
        {
            throw section.Section("p2p").Invalid("port", "must be set when `cluster.enabled` is true");
        }

        return settings;
    }

    private static P2pSettings BindP2p(ConfigSection section)
    {
        var d = new P2pSettings();
        return new P2pSettings
        {
            Port = section.GetNullablePort("port", d.Port),
            ConnectionPoolSize = section.GetInt("connection_pool_size", 1, int.MaxValue, d.ConnectionPoolSize),
            EnableTls = section.GetBool("enable_tls", d.EnableTls),
            AllowedIdentities = section.GetStringList("allowed_identities", d.AllowedIdentities),
            AllowInsecure = section.GetBool("allow_insecure", d.AllowInsecure),
        };
    }

    private static ConsensusSettings BindConsensus(ConfigSection section)
    {
        var d = new ConsensusSettings();
        return new ConsensusSettings
        {
            TickPeriodMs = section.GetInt("tick_period_ms", 1, int.MaxValue, d.TickPeriodMs),
            CompactWalEntries = section.GetLong("compact_wal_entries", 0, long.MaxValue, d.CompactWalEntries),
            MaxMessageQueueSize = section.GetInt("max_message_queue_size", 1, int.MaxValue, d.MaxMessageQueueSize),
            BootstrapTimeoutSec = section.GetInt("bootstrap_timeout_sec", 1, int.MaxValue, d.BootstrapTimeoutSec),
            MessageTimeoutTicks = section.GetInt("message_timeout_ticks", 1, int.MaxValue, d.MessageTimeoutTicks),
        };
    }
}
