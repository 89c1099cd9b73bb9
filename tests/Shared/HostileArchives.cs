using System.Text;

namespace Citadel.Tests.Shared;

/// <summary>
/// Hand-made tar archives for the snapshot hardening tests: headers are written byte by byte, so an archive can claim
/// what no well-behaved tar writer would produce (escaping names, links, devices, absurd sizes).
/// </summary>
internal static class HostileArchives
{
    public const string CollectionDescriptor = """{"format":"citadel-snapshot","version":1,"kind":"collection"}""";

    /// <summary>Every hostile case by name: what each one tries.</summary>
    public static IReadOnlyDictionary<string, byte[]> All { get; } = new Dictionary<string, byte[]>(StringComparer.Ordinal)
    {
        ["parent traversal"] = WithDescriptor(File("../../escaped.txt", "x"u8.ToArray())),
        ["nested traversal"] = WithDescriptor(File("0/segments/../../../escaped.txt", "x"u8.ToArray())),
        ["absolute path"] = WithDescriptor(File("/tmp/citadel-escaped.txt", "x"u8.ToArray())),
        ["symlink"] = WithDescriptor(Header("0", '2', 0, "/etc")),
        ["hard link"] = WithDescriptor(Header("config.json", '1', 0, "/etc/passwd")),
        ["character device"] = WithDescriptor(Header("dev", '3', 0, "")),
        ["fifo"] = WithDescriptor(Header("fifo", '6', 0, "")),
        ["huge declared size"] = WithDescriptor(Header("big.bin", '0', 077777777777L, "")),
        ["truncated data"] = WithDescriptor(Header("short.bin", '0', 4096, "")),
        ["duplicate entry"] = WithDescriptor([.. File("config.json", "{}"u8.ToArray()), .. File("config.json", "{}"u8.ToArray())]),
        ["no descriptor"] = Archive(File("config.json", "{}"u8.ToArray())),
        ["shard snapshot"] = Archive([.. File("citadel-snapshot.json", """{"format":"citadel-snapshot","version":1,"kind":"shard","shard_id":0}"""u8.ToArray())]),
        ["future format version"] = Archive([.. File("citadel-snapshot.json", """{"format":"citadel-snapshot","version":99,"kind":"collection"}"""u8.ToArray())]),
        ["descriptor only"] = WithDescriptor([]),
        ["bad config"] = WithDescriptor(File("config.json", "{\"params\": 12}"u8.ToArray())),
        ["garbage"] = Enumerable.Repeat((byte)0x5a, 10_000).ToArray(),
        ["empty"] = [],
    };

    /// <summary>A valid descriptor followed by <paramref name="entries"/>, and the end-of-archive marker.</summary>
    public static byte[] WithDescriptor(byte[] entries) => Archive([.. File("citadel-snapshot.json", Encoding.UTF8.GetBytes(CollectionDescriptor)), .. entries]);

    /// <summary>Entries followed by the two zero blocks that end a tar archive.</summary>
    public static byte[] Archive(byte[] entries) => [.. entries, .. new byte[1024]];

    /// <summary>A regular file entry with its data padded to the block size.</summary>
    public static byte[] File(string name, byte[] data)
    {
        var padded = new byte[(data.Length + 511) / 512 * 512];
        data.CopyTo(padded, 0);
        return [.. Header(name, '0', data.Length, ""), .. padded];
    }

    /// <summary>A ustar header block.</summary>
    public static byte[] Header(string name, char type, long size, string link)
    {
        var h = new byte[512];
        Put(h, 0, 100, name);
        Put(h, 100, 8, "0000644");
        Put(h, 108, 8, "0000000");
        Put(h, 116, 8, "0000000");
        Put(h, 124, 12, Convert.ToString(size, 8).PadLeft(11, '0'));
        Put(h, 136, 12, "00000000000");
        h[156] = (byte)type;
        Put(h, 157, 100, link);
        Put(h, 257, 6, "ustar");
        Put(h, 263, 2, "00");
        for (var i = 148; i < 156; i++)
        {
            h[i] = (byte)' ';
        }

        var sum = h.Sum(b => b);
        Put(h, 148, 8, Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ");
        return h;
    }

    private static void Put(byte[] block, int offset, int length, string value)
    {
        var bytes = Encoding.ASCII.GetBytes(value);
        Array.Copy(bytes, 0, block, offset, Math.Min(length, bytes.Length));
    }
}
