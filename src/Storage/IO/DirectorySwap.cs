namespace Citadel.Storage.IO;

/// <summary>
/// Puts a staged directory in place of a live one with two renames: the live one to <c>parked</c>, then the staged one
/// to the live name. When a rename or <c>open</c> fails, the renames already made are undone (the staged directory goes
/// back to its name, the parked one to the live name) and the exception is rethrown. What a crash between the renames
/// leaves is the caller's to settle at start-up: it alone knows whether to roll forward or back.
/// </summary>
internal static class DirectorySwap
{
    /// <summary>
    /// Swaps <paramref name="staged"/> into <paramref name="live"/> and runs <paramref name="open"/> on the result; the
    /// parked old directory is left for the caller to delete. With <paramref name="parkLive"/> false there is no live
    /// directory to move away (a restore that creates), and one found under the name makes the swap fail.
    /// </summary>
    public static T Replace<T>(string live, string staged, string parked, bool parkLive, Func<T> open)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(live))!;
        var liveParked = false;
        var stagedMoved = false;
        try
        {
            if (parkLive)
            {
                Directory.Move(live, parked);
                liveParked = true;
            }

            Directory.Move(staged, live);
            stagedMoved = true;
            DurableFile.SyncDirectory(parent);
            return open();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (stagedMoved)
            {
                Directory.Move(live, staged);
            }

            if (liveParked)
            {
                Directory.Move(parked, live);
            }

            DurableFile.SyncDirectory(parent);
            throw;
        }
    }
}
