using Citadel.Storage.IO;

namespace Citadel.Storage.Collections;

/// <summary>
/// The collections directory's own working directories: a collection being built or restored (<c>:creating-*</c>) and
/// one being deleted (<c>:deleted-*</c>). Their names start with <c>:</c>, which collection names may not contain
/// (<see cref="NameRules"/>), so no collection is ever mistaken for one (names like <c>.deleted-x</c> are legal
/// collection names, and start-up used to delete them).
/// </summary>
internal static class WorkDirectories
{
    /// <summary>The file in a staged restore that names the collection it replaces.</summary>
    public const string RestoreTargetFile = ":restore-target";

    private const string Creating = ":creating-";
    private const string Deleted = ":deleted-";

    public static bool IsWorkDirectory(string name) => name.StartsWith(':');

    public static string NewCreating(string collectionsDirectory) => Path.Combine(collectionsDirectory, $"{Creating}{Guid.NewGuid():N}");

    public static string NewDeleted(string collectionsDirectory) => Path.Combine(collectionsDirectory, $"{Deleted}{Guid.NewGuid():N}");

    /// <summary>
    /// Settles what a crash left at start-up. A staged restore whose collection directory is gone was interrupted
    /// between moving the old collection away and moving the restored one in: the restored one (already validated)
    /// goes into place. Every other working directory is an interrupted create, restore or delete, and is removed.
    /// </summary>
    public static void Settle(string collectionsDirectory)
    {
        foreach (var dir in Directory.EnumerateDirectories(collectionsDirectory))
        {
            if (!IsWorkDirectory(Path.GetFileName(dir)))
            {
                continue;
            }

            if (RestoreTarget(dir) is { } name && !Directory.Exists(Path.Combine(collectionsDirectory, name)))
            {
                File.Delete(Path.Combine(dir, RestoreTargetFile));
                Directory.Move(dir, Path.Combine(collectionsDirectory, name));
                DurableFile.SyncDirectory(collectionsDirectory);
                continue;
            }

            Directory.Delete(dir, recursive: true);
        }
    }

    private static string? RestoreTarget(string dir)
    {
        var file = Path.Combine(dir, RestoreTargetFile);
        if (!Path.GetFileName(dir).StartsWith(Creating, StringComparison.Ordinal) || !File.Exists(file))
        {
            return null;
        }

        var name = File.ReadAllText(file);
        try
        {
            NameRules.Validate(name);
            return name;
        }
        catch (Common.Errors.CitadelException)
        {
            // Not a name this node wrote (torn or tampered): treat the directory as an abandoned stage.
            return null;
        }
    }
}
