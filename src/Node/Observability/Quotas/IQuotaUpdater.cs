namespace Citadel.Node.Observability.Quotas;

/// <summary>
/// How <c>PUT /quotas</c> changes the quota config: locally on a standalone node; through consensus in a cluster
/// (which then calls <see cref="QuotaStore.Apply"/> on every peer).
/// </summary>
internal interface IQuotaUpdater
{
    /// <param name="config">The new config, validated.</param>
    /// <param name="wait">Qdrant's <c>wait</c>: return only once this peer applies it.</param>
    /// <param name="ct">Request cancellation.</param>
    Task UpdateAsync(QuotaConfig config, bool wait, CancellationToken ct);
}

/// <summary>The standalone updater: applies at once.</summary>
internal sealed class LocalQuotaUpdater(QuotaStore store) : IQuotaUpdater
{
    public Task UpdateAsync(QuotaConfig config, bool wait, CancellationToken ct)
    {
        store.Apply(config);
        return Task.CompletedTask;
    }
}
