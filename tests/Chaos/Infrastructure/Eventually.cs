using System.Diagnostics;

namespace Citadel.Tests.Chaos.Infrastructure;

/// <summary>Waits for a cluster-wide condition that takes a few Raft rounds or timer ticks to hold.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the condition did not hold within 30 s");
            await Task.Delay(100);
        }
    }
}
