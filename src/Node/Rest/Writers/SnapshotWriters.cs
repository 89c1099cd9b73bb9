using System.Globalization;
using System.Text.Json;
using Citadel.Node.Snapshots;

namespace Citadel.Node.Rest.Writers;

/// <summary>Qdrant's <c>SnapshotDescription</c> JSON.</summary>
internal static class SnapshotWriters
{
    public static void Description(Utf8JsonWriter w, SnapshotInfo s)
    {
        w.WriteStartObject();
        w.WriteString("name", s.Name);
        w.WriteString("creation_time", s.CreationTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        w.WriteNumber("size", s.Size);
        if (s.Checksum is null)
        {
            w.WriteNull("checksum");
        }
        else
        {
            w.WriteString("checksum", s.Checksum);
        }

        w.WriteEndObject();
    }

    public static void List(Utf8JsonWriter w, IEnumerable<SnapshotInfo> snapshots)
    {
        w.WriteStartArray();
        foreach (var s in snapshots)
        {
            Description(w, s);
        }

        w.WriteEndArray();
    }
}
