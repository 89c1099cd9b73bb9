using System.Globalization;
using System.Text.Json;
using Citadel.Common.Errors;

namespace Citadel.Node.Rest.Json;

/// <summary>
/// A JSON value being read from a request body, with the path that led to it, so that every format error
/// names the offending field (e.g. <c>points[3].vector</c>). Errors are Qdrant's 400 "Format error in JSON body".
/// </summary>
internal readonly struct JNode
{
    public JNode(JsonElement element, string path)
    {
        Element = element;
        Path = path;
    }

    public JsonElement Element { get; }

    public string Path { get; }

    public JsonValueKind Kind => Element.ValueKind;

    public bool IsNull => Element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    /// <summary>Checks that this is an object holding only the listed fields (Qdrant rejects unknown fields in filters; Citadel everywhere).</summary>
    public JNode Object(params ReadOnlySpan<string> known)
    {
        if (Element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("a map");
        }

        foreach (var p in Element.EnumerateObject())
        {
            if (!Contains(known, p.Name))
            {
                throw CitadelException.Format($"{Prefix}unknown field `{p.Name}`, expected one of {string.Join(", ", known.ToArray().Select(k => $"`{k}`"))}");
            }
        }

        return this;
    }

    /// <summary>A required field.</summary>
    public JNode Required(string name)
    {
        if (Element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("a map");
        }

        if (!Element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            throw CitadelException.Format($"{Prefix}missing field `{name}`");
        }

        return new JNode(v, Child(name));
    }

    /// <summary>An optional field; absent and null both give <c>null</c>.</summary>
    public JNode? Optional(string name)
    {
        if (Element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("a map");
        }

        return Element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? new JNode(v, Child(name)) : null;
    }

    public bool Has(string name) => Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public IEnumerable<JNode> Items()
    {
        if (Element.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("a sequence");
        }

        var path = Path;
        return Element.EnumerateArray().Select((e, i) => new JNode(e, $"{path}[{i}]"));
    }

    public IEnumerable<(string Name, JNode Value)> Properties()
    {
        if (Element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("a map");
        }

        var self = this;
        return Element.EnumerateObject().Select(p => (p.Name, new JNode(p.Value, self.Child(p.Name))));
    }

    public int ArrayLength => Element.ValueKind == JsonValueKind.Array ? Element.GetArrayLength() : throw Invalid("a sequence");

    public string String() => Element.ValueKind == JsonValueKind.String ? Element.GetString()! : throw Invalid("a string");

    public bool Bool() => Element.ValueKind is JsonValueKind.True or JsonValueKind.False ? Element.GetBoolean() : throw Invalid("a boolean");

    public long Int64() => Element.ValueKind == JsonValueKind.Number && Element.TryGetInt64(out var v) ? v : throw Invalid("i64");

    public ulong UInt64() => Element.ValueKind == JsonValueKind.Number && Element.TryGetUInt64(out var v) ? v : throw Invalid("u64");

    public uint UInt32() => Element.ValueKind == JsonValueKind.Number && Element.TryGetUInt32(out var v) ? v : throw Invalid("u32");

    /// <summary>A non-negative integer that fits in an int (sizes, limits, offsets).</summary>
    public int Count() => Element.ValueKind == JsonValueKind.Number && Element.TryGetInt32(out var v) && v >= 0 ? v : throw Invalid("usize");

    public double Double() => Element.ValueKind == JsonValueKind.Number && Element.TryGetDouble(out var v) && double.IsFinite(v) ? v : throw Invalid("f64");

    public float Float()
    {
        if (Element.ValueKind == JsonValueKind.Number && Element.TryGetDouble(out var v))
        {
            var f = (float)v;
            if (float.IsFinite(f))
            {
                return f;
            }
        }

        throw Invalid("f32");
    }

    /// <summary>A dense vector: an array of finite floats.</summary>
    public float[] FloatArray()
    {
        if (Element.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("a sequence of floats");
        }

        var result = new float[Element.GetArrayLength()];
        var i = 0;
        foreach (var e in Element.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out var d) || !float.IsFinite((float)d))
            {
                throw CitadelException.Format($"{Path}[{i}]: invalid value, expected a finite f32");
            }

            result[i++] = (float)d;
        }

        return result;
    }

    public CitadelException Invalid(string expected) =>
        CitadelException.Format($"{Prefix}invalid type: {Describe(Element)}, expected {expected}");

    public CitadelException InvalidValue(string message) => CitadelException.Format($"{Prefix}{message}");

    private string Prefix => Path.Length == 0 ? string.Empty : Path + ": ";

    private string Child(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    private static bool Contains(ReadOnlySpan<string> known, string name)
    {
        foreach (var k in known)
        {
            if (k == name)
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "map",
        JsonValueKind.Array => "sequence",
        JsonValueKind.String => $"string \"{Truncate(e.GetString()!)}\"",
        JsonValueKind.Number => $"number {e.GetRawText()}",
        JsonValueKind.True => "boolean `true`",
        JsonValueKind.False => "boolean `false`",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Truncate(string s) => s.Length <= 64 ? s : string.Concat(s.AsSpan(0, 64), "…");

    /// <summary>Formats a number for messages.</summary>
    public static string Num(double d) => d.ToString(CultureInfo.InvariantCulture);
}
