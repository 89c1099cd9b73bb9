using Citadel.Common.Errors;
using DotNext.Net.Cluster.Consensus.Raft;
using Grpc.Core;
using Polly;
using Polly.Retry;

namespace Citadel.Consensus.Peers;

/// <summary>
/// Retry policies for calls between peers (Polly). Only calls that are safe to repeat are retried: proposals carry an
/// id that the state machine deduplicates, joins are idempotent, and waits have no effect.
/// </summary>
internal static class PeerResilience
{
    /// <summary>
    /// Retries while leadership is moving or a peer is briefly unreachable: no leader yet, not the leader any more,
    /// connection refused or reset, a membership change already in progress. Backs off 50 ms doubling to 1 s.
    /// </summary>
    public static ResiliencePipeline WhileLeadershipSettles(TimeSpan total) => new ResiliencePipelineBuilder()
        .AddTimeout(total)
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(50),
            MaxDelay = TimeSpan.FromSeconds(1),
            UseJitter = true,
        })
        .Build();

    /// <summary>True for failures that a later attempt (perhaps against another leader) can overcome.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        NotLeaderException or QuorumUnreachableException or NoLeaderException => true,
        RpcException r => r.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Aborted or StatusCode.Cancelled,
        CitadelException c => c.Kind == ErrorKind.Unavailable,
        HttpRequestException or IOException or TimeoutException => true,
        _ => e.GetType().Name == "ConcurrentMembershipModificationException",
    };
}

/// <summary>No leader is known at the moment (an election is under way, or this node is cut off).</summary>
internal sealed class NoLeaderException() : Exception("No leader is known to this peer");
