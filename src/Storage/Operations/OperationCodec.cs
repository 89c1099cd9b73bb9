using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;

namespace Citadel.Storage.Operations;

/// <summary>
/// Binary form of a resolved update for the shard WAL. Only id selectors are encoded: the shard resolves filters
/// to ids under its lock before logging, so replay does not depend on evaluating filters again.
/// </summary>
internal static class OperationCodec
{
    private const byte FormatVersion = 1;

    private enum Kind : byte
    {
        Upsert = 1,
        Delete = 2,
        SetPayload = 3,
        OverwritePayload = 4,
        DeletePayload = 5,
        ClearPayload = 6,
        UpdateVectors = 7,
        DeleteVectors = 8,
    }

    public static byte[] Encode(UpdateOperation op)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(FormatVersion);
            switch (op)
            {
                case UpsertPoints u:
                    w.Write((byte)Kind.Upsert);
                    w.Write(u.Points.Count);
                    foreach (var p in u.Points)
                    {
                        WriteId(w, p.Id);
                        WriteVectors(w, p.Vectors);
                        WriteJson(w, p.Payload);
                    }

                    break;
                case DeletePoints d:
                    w.Write((byte)Kind.Delete);
                    WriteIds(w, d.Selector);
                    break;
                case SetPayload s:
                    w.Write((byte)Kind.SetPayload);
                    WriteIds(w, s.Selector);
                    WriteJson(w, s.Payload);
                    w.Write(s.Key?.ToString() ?? string.Empty);
                    break;
                case OverwritePayload o:
                    w.Write((byte)Kind.OverwritePayload);
                    WriteIds(w, o.Selector);
                    WriteJson(w, o.Payload);
                    break;
                case DeletePayload dp:
                    w.Write((byte)Kind.DeletePayload);
                    WriteIds(w, dp.Selector);
                    w.Write(dp.Keys.Count);
                    foreach (var k in dp.Keys)
                    {
                        w.Write(k.ToString());
                    }

                    break;
                case ClearPayload c:
                    w.Write((byte)Kind.ClearPayload);
                    WriteIds(w, c.Selector);
                    break;
                case UpdateVectors uv:
                    w.Write((byte)Kind.UpdateVectors);
                    w.Write(uv.Points.Count);
                    foreach (var p in uv.Points)
                    {
                        WriteId(w, p.Id);
                        WriteVectors(w, p.Vectors);
                    }

                    break;
                case DeleteVectors dv:
                    w.Write((byte)Kind.DeleteVectors);
                    WriteIds(w, dv.Selector);
                    w.Write(dv.VectorNames.Count);
                    foreach (var n in dv.VectorNames)
                    {
                        w.Write(n);
                    }

                    break;
                default:
                    throw new ArgumentException($"Cannot encode {op.GetType().Name}", nameof(op));
            }
        }

        return ms.ToArray();
    }

    public static UpdateOperation Decode(ReadOnlyMemory<byte> data)
    {
        using var ms = new MemoryStream(data.ToArray(), writable: false);
        using var r = new BinaryReader(ms, Encoding.UTF8);
        if (r.ReadByte() != FormatVersion)
        {
            throw new InvalidDataException("Unknown WAL operation format");
        }

        var kind = (Kind)r.ReadByte();
        return kind switch
        {
            Kind.Upsert => new UpsertPoints(ReadList(r, rr => new PointStruct(ReadId(rr), ReadVectors(rr), ReadJson(rr)))),
            Kind.Delete => new DeletePoints(ReadIds(r)),
            Kind.SetPayload => ReadSetPayload(r),
            Kind.OverwritePayload => ReadOverwritePayload(r),
            Kind.DeletePayload => ReadDeletePayload(r),
            Kind.ClearPayload => new ClearPayload(ReadIds(r)),
            Kind.UpdateVectors => new UpdateVectors(ReadList(r, rr => new PointVectors(ReadId(rr), ReadVectors(rr)))),
            Kind.DeleteVectors => ReadDeleteVectors(r),
            _ => throw new InvalidDataException($"Unknown WAL operation kind {(byte)kind}"),
        };
    }

    private static OverwritePayload ReadOverwritePayload(BinaryReader r)
    {
        var ids = ReadIds(r);
        return new OverwritePayload(ReadJson(r), ids);
    }

    private static SetPayload ReadSetPayload(BinaryReader r)
    {
        var ids = ReadIds(r);
        var payload = ReadJson(r);
        var key = r.ReadString();
        return new SetPayload(payload, ids, key.Length == 0 ? null : JsonPath.Parse(key));
    }

    private static DeletePayload ReadDeletePayload(BinaryReader r)
    {
        var ids = ReadIds(r);
        var keys = ReadList(r, rr => JsonPath.Parse(rr.ReadString()));
        return new DeletePayload(keys, ids);
    }

    private static DeleteVectors ReadDeleteVectors(BinaryReader r)
    {
        var ids = ReadIds(r);
        var names = ReadList(r, rr => rr.ReadString());
        return new DeleteVectors(ids, names);
    }

    private static List<T> ReadList<T>(BinaryReader r, Func<BinaryReader, T> read)
    {
        var n = r.ReadInt32();
        var list = new List<T>(n);
        for (var i = 0; i < n; i++)
        {
            list.Add(read(r));
        }

        return list;
    }

    private static void WriteIds(BinaryWriter w, PointsSelector selector)
    {
        if (selector is not IdsSelector ids)
        {
            throw new ArgumentException("Filters must be resolved to ids before logging", nameof(selector));
        }

        w.Write(ids.Ids.Count);
        foreach (var id in ids.Ids)
        {
            WriteId(w, id);
        }
    }

    private static IdsSelector ReadIds(BinaryReader r) => new(ReadList(r, ReadId));

    private static void WriteId(BinaryWriter w, PointId id)
    {
        w.Write(id.IsUuid);
        if (id.IsUuid)
        {
            Span<byte> b = stackalloc byte[16];
            id.Uuid.TryWriteBytes(b, bigEndian: true, out _);
            w.Write(b);
        }
        else
        {
            w.Write(id.Num);
        }
    }

    private static PointId ReadId(BinaryReader r)
    {
        if (!r.ReadBoolean())
        {
            return PointId.FromNum(r.ReadUInt64());
        }

        Span<byte> b = stackalloc byte[16];
        r.BaseStream.ReadExactly(b);
        return PointId.FromUuid(new Guid(b, bigEndian: true));
    }

    private static void WriteVectors(BinaryWriter w, IReadOnlyDictionary<string, float[]> vectors)
    {
        w.Write(vectors.Count);
        foreach (var (name, v) in vectors)
        {
            w.Write(name);
            w.Write(v.Length);
            w.Write(MemoryMarshal.AsBytes(v.AsSpan()));
        }
    }

    private static Dictionary<string, float[]> ReadVectors(BinaryReader r)
    {
        var n = r.ReadInt32();
        var result = new Dictionary<string, float[]>(n, StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var name = r.ReadString();
            var v = new float[r.ReadInt32()];
            r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(v.AsSpan()));
            result[name] = v;
        }

        return result;
    }

    private static void WriteJson(BinaryWriter w, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            w.Write(-1);
            return;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, PayloadJson.SerializerOptions);
        w.Write(bytes.Length);
        w.Write(bytes);
    }

    private static JsonElement ReadJson(BinaryReader r)
    {
        var len = r.ReadInt32();
        if (len < 0)
        {
            return default;
        }

        using var doc = JsonDocument.Parse(r.ReadBytes(len), PayloadJson.DocumentOptions);
        return doc.RootElement.Clone();
    }
}
