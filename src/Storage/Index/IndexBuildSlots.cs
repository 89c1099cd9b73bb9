namespace Citadel.Storage.Index;

/// <summary>
/// How many index builds may run at once on this node. A build already uses every core it is given, so one at a time
/// keeps searches and writes responsive; other shards wait for their turn (their collections stay yellow).
/// </summary>
internal static class IndexBuildSlots
{
    private static readonly SemaphoreSlim Slots = new(1, 1);

    /// <summary>Takes a slot if one is free right now.</summary>
    public static bool TryAcquire() => Slots.Wait(0);

    public static void Release() => Slots.Release();
}
