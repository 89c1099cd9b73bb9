namespace Citadel.Bench.Load;

/// <summary>Waits for a condition on a node, so a measurement starts on a quiet machine.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {timeout}");
            }

            await Task.Delay(250);
        }
    }
}
