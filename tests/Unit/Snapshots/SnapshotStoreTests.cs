using System.Security.Cryptography;
using Citadel.Node.Configuration;
using Citadel.Node.Snapshots;

namespace Citadel.Tests.Unit.Snapshots;

public sealed class SnapshotStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("citadel-snapshot-store-").FullName;

    [Fact]
    public async Task ConcurrentCreatesInOneSecond_GetDistinctNames_EachWithItsOwnChecksum()
    {
        var store = new SnapshotStore(new StorageSettings { SnapshotsPath = _root + "/" });
        var directory = store.CollectionDirectory("docs");
        var created = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            store.CreateAsync(directory, "docs", 16, async s => await s.WriteAsync(new byte[] { (byte)i, 1, 2, 3 })))));

        Assert.Equal(8, created.Select(c => c.Name).Distinct().Count());
        foreach (var snapshot in created)
        {
            var path = Path.Combine(directory, snapshot.Name);
            var expected = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path)));
            Assert.Equal(expected, snapshot.Checksum);
            Assert.Equal(expected, (await File.ReadAllTextAsync(path + SnapshotNames.ChecksumExtension)).Trim());
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
