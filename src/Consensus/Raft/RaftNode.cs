using System.Net;
using Citadel.Consensus.Membership;
using Citadel.Consensus.State;
using Citadel.Consensus.Transport;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.Membership;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Microsoft.Extensions.Logging;

namespace Citadel.Consensus.Raft;

/// <summary>
/// This node's Raft member (DotNext): the persistent log and state machine, durable membership, and the custom
/// transport that runs Raft over the shared peer port. Commands are replicated by the leader; callers that are not
/// the leader forward through the node (see <see cref="IsLeader"/>, <see cref="LeaderUri"/>).
/// </summary>
public sealed partial class RaftNode : IAsyncDisposable
{
    private readonly RaftCluster _cluster;
    private readonly WriteAheadLog _wal;
    private readonly ClusterStateMachine _machine;
    private readonly ILogger _logger;

    private RaftNode(RaftCluster cluster, WriteAheadLog wal, ClusterStateMachine machine, ILogger logger, DnsEndPoint self)
    {
        _cluster = cluster;
        _wal = wal;
        _machine = machine;
        _logger = logger;
        Self = self;
        _cluster.LeaderChanged += (_, leader) => LogLeaderChanged(_logger, leader?.EndPoint is { } e ? MemberStorage.Format(e) : "none", _cluster.Term);
        _cluster.MemberAdded += (_, added) => Watch(added.Member);
        foreach (var member in _cluster.Members)
        {
            Watch(member);
        }
    }

    /// <summary>Raised when this node could not reach a member (seen by a leader, which talks to everyone).</summary>
    public event Action<EndPoint>? MemberUnavailable;

    /// <summary>This member's endpoint (host and port of the peer URI).</summary>
    public DnsEndPoint Self { get; }

    /// <summary>The replicated cluster state.</summary>
    public ClusterState State => _machine.State;

    /// <summary>Raised after the replicated state changed.</summary>
    public event Action<ClusterState>? StateChanged
    {
        add => _machine.Changed += value;
        remove => _machine.Changed -= value;
    }

    /// <summary>True when this node is a leader whose term is established (its write barrier committed).</summary>
    public bool IsLeader => !_cluster.LeadershipToken.IsCancellationRequested;

    /// <summary>The current leader's endpoint, if one is known.</summary>
    public EndPoint? Leader => _cluster.Leader?.EndPoint;

    /// <summary>The leader's peer URI as recorded in the state, if known.</summary>
    public string? LeaderUri => Leader is { } e ? State.Peers.Values.FirstOrDefault(p => PeerEndPoints.Comparer.Equals(PeerEndPoints.FromUri(new Uri(p.Uri)), e))?.Uri : null;

    /// <summary>The current term.</summary>
    public long Term => _cluster.Term;

    /// <summary>Index of the last committed entry.</summary>
    public long CommitIndex => _wal.LastCommittedEntryIndex;

    /// <summary>Index of the last entry applied to the state machine.</summary>
    public long AppliedIndex => _wal.LastAppliedIndex;

    /// <summary>Index of the last entry in the log.</summary>
    public long LastIndex => _wal.LastEntryIndex;

    /// <summary>This node's role as Qdrant names it: Leader, Follower or Candidate (no leader known).</summary>
    public string Role => IsLeader ? "Leader" : Leader is null ? "Candidate" : "Follower";

    /// <summary>True when this node is a voting member of the committed configuration.</summary>
    public bool IsVoter => Members.Any(m => PeerEndPoints.Comparer.Equals(m, Self));

    /// <summary>Members of the Raft configuration (endpoints).</summary>
    public IReadOnlyCollection<EndPoint> Members => [.. _cluster.Members.Select(m => m.EndPoint)];

    /// <summary>True when this node is part of the committed configuration and caught up (joiners wait for it).</summary>
    public Task Readiness => _cluster.Readiness;

    /// <summary>Creates and starts the member. The application's state is restored from the last snapshot first.</summary>
    public static async Task<RaftNode> StartAsync(
        RaftOptions options,
        IReplicatedApplication application,
        RaftConnectionListener listener,
        RaftConnectionFactory connector,
        ClusterMemberAnnouncer<EndPoint>? announcer,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger<RaftNode>();
        Directory.CreateDirectory(options.DataDirectory);
        var machine = new ClusterStateMachine(
            new DirectoryInfo(Path.Combine(options.DataDirectory, "snapshots")),
            application,
            Math.Max(1, options.SnapshotEvery),
            loggers.CreateLogger<ClusterStateMachine>());

        // Order matters (DotNext): restore the snapshot before the WAL replays the tail after it.
        await machine.RestoreAsync(cancellationToken).ConfigureAwait(false);
        var wal = new WriteAheadLog(
            new WriteAheadLog.Options
            {
                Location = Path.Combine(options.DataDirectory, "wal"),
                HashAlgorithm = WriteAheadLog.IntegrityHashAlgorithm.XxHash64,
                ChunkSize = 1 << 20,
            },
            machine);
        var self = PeerEndPoints.FromUri(options.PeerUri);
        var storage = new MemberStorage(Path.Combine(options.DataDirectory, "members"));
        var known = await ((IClusterConfigurationStorage<EndPoint>)storage).LoadConfigurationAsync(cancellationToken).ConfigureAwait(false);
        var isMember = known.Members.Any(m => PeerEndPoints.Comparer.Equals(m, self));

        // Cold start only with no membership at all: a peer whose membership no longer lists it was removed, and
        // founding a cluster then would split the old one (DotNext's ColdStart defaults to true; never rely on that).
        var coldStart = options.ColdStart && known.Members.Count == 0;
        if (!isMember && !coldStart && announcer is null)
        {
            throw new InvalidOperationException(known.Members.Count == 0
                ? "This peer has no consensus state and no bootstrap peer: start it with --bootstrap <peer uri> to join a cluster"
                : "This peer is not a member of its cluster any more (it was removed, or never finished joining): start it with --bootstrap <peer uri> to join again, with empty storage or --reinit");
        }

        var config = new RaftCluster.CustomTransportConfiguration(self, listener, connector)
        {
            ConfigurationStorage = storage,
            ColdStart = coldStart,
            Announcer = coldStart || isMember ? null : announcer,
            PublicEndPoint = self,
            EndPointComparer = PeerEndPoints.Comparer,
            LowerElectionTimeout = options.LowerElectionTimeoutMs,
            UpperElectionTimeout = options.UpperElectionTimeoutMs,
            RequestTimeout = options.RequestTimeout,
            ConnectTimeout = options.ConnectTimeout,
            LoggerFactory = loggers,
        };
        var cluster = new RaftCluster(config) { AuditTrail = wal };
        var node = new RaftNode(cluster, wal, machine, logger, self);
        try
        {
            await cluster.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        LogStarted(logger, self, coldStart, isMember);
        return node;
    }

    /// <summary>
    /// Replicates a command and returns its result once the leader has applied it. Leader only: throws
    /// <see cref="NotLeaderException"/> elsewhere (the caller forwards to the leader).
    /// </summary>
    public async Task<(CommandResult Result, long Index)> ReplicateAsync(ClusterCommand command, CancellationToken cancellationToken)
    {
        if (!IsLeader)
        {
            throw new NotLeaderException();
        }

        var context = new ProposalContext();
        await _cluster.ReplicateAsync(command.Encode(), context, cancellationToken).ConfigureAwait(false);

        // Followers learn the new commit index with the next replication round, which would otherwise wait for the
        // heartbeat timer (half the lower election timeout): push it now, so every peer applies within a round trip.
        try
        {
            await _cluster.ForceReplicationAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // No longer the leader: the entry is committed; the new leader's heartbeats carry it.
        }

        return (context.Result ?? State.Recent.GetValueOrDefault(command.Id) ?? CommandResult.Success(), _wal.LastAppliedIndex);
    }

    /// <summary>Waits until this node has applied the entry at <paramref name="index"/>.</summary>
    public ValueTask WaitForApplyAsync(long index, CancellationToken cancellationToken) => _wal.WaitForApplyAsync(index, cancellationToken);

    /// <summary>Adds a member (leader only); false when it already is one or could not be caught up.</summary>
    public Task<bool> AddMemberAsync(EndPoint member, CancellationToken cancellationToken) => _cluster.AddMemberAsync(member, cancellationToken);

    /// <summary>Removes a member (leader only).</summary>
    public Task<bool> RemoveMemberAsync(EndPoint member, CancellationToken cancellationToken) => _cluster.RemoveMemberAsync(member, cancellationToken);

    /// <summary>Waits until some leader is known.</summary>
    public async Task WaitForLeaderAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await _cluster.WaitForLeaderAsync(timeout, cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (IsLeader)
        {
            // A planned stop hands leadership over at once instead of leaving the others to time out.
            using var resign = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                await ((DotNext.Net.Cluster.ICluster)_cluster).ResignAsync(resign.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                // Stopping anyway.
            }
        }

        try
        {
            await _cluster.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopping a member that never fully started.
        }

        await _cluster.DisposeAsync().ConfigureAwait(false);
        await _wal.DisposeAsync().ConfigureAwait(false);
        await _machine.DisposeAsync().ConfigureAwait(false);
    }

    private void Watch(DotNext.Net.Cluster.Consensus.Raft.IRaftClusterMember member)
    {
        member.MemberStatusChanged += e =>
        {
            if (e.NewStatus == DotNext.Net.Cluster.ClusterMemberStatus.Unavailable)
            {
                MemberUnavailable?.Invoke(e.Member.EndPoint);
            }
        };
    }

    [LoggerMessage(EventId = 610, Level = LogLevel.Information, Message = "Raft member {Self} started (cold start: {ColdStart}, known member: {Member})")]
    private static partial void LogStarted(ILogger logger, DnsEndPoint self, bool coldStart, bool member);

    [LoggerMessage(EventId = 611, Level = LogLevel.Information, Message = "Raft leader is now {Leader} (term {Term})")]
    private static partial void LogLeaderChanged(ILogger logger, string leader, long term);
}
