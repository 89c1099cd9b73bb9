using System.Text.Json;
using Google.Protobuf.Reflection;
using G = Citadel.Grpc;

namespace Citadel.Node.Grpc.Conversions;

/// <summary>
/// <c>StrictModeConfig</c> to and from the REST JSON shape the storage layer keeps. Field names are the same in
/// both APIs, so the scalar fields are copied by protobuf reflection; the two per-vector maps are spelled out.
/// </summary>
internal static class StrictModeConversions
{
    private const string Multivector = "multivector_config";
    private const string Sparse = "sparse_config";

    /// <summary>The set fields as a JSON object.</summary>
    public static JsonElement ToJson(G.StrictModeConfig config) => JsonElements.Build(w =>
    {
        w.WriteStartObject();
        foreach (var field in G.StrictModeConfig.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.FieldType == FieldType.Message || !field.Accessor.HasValue(config))
            {
                continue;
            }

            var value = field.Accessor.GetValue(config);
            switch (value)
            {
                case bool b:
                    w.WriteBoolean(field.Name, b);
                    break;
                case uint u:
                    w.WriteNumber(field.Name, u);
                    break;
                case ulong ul:
                    w.WriteNumber(field.Name, ul);
                    break;
                case float f when float.IsFinite(f):
                    w.WriteNumber(field.Name, f);
                    break;
                case float:
                    throw GrpcInput.Validation($"strict_mode_config.{field.Name}", "must be a finite number");
            }
        }

        if (config.MultivectorConfig is { } multi)
        {
            WriteLimits(w, Multivector, multi.MultivectorConfig.ToDictionary(kv => kv.Key, kv => kv.Value.HasMaxVectors ? kv.Value.MaxVectors : (ulong?)null), "max_vectors");
        }

        if (config.SparseConfig is { } sparse)
        {
            WriteLimits(w, Sparse, sparse.SparseConfig.ToDictionary(kv => kv.Key, kv => kv.Value.HasMaxLength ? kv.Value.MaxLength : (ulong?)null), "max_length");
        }

        w.WriteEndObject();
    });

    /// <summary>The stored JSON as protobuf; none stored renders as <c>{enabled: false}</c>, as the REST adapter does.</summary>
    public static G.StrictModeConfig ToProto(JsonElement? json)
    {
        var config = new G.StrictModeConfig();
        if (json is not { ValueKind: JsonValueKind.Object } obj)
        {
            config.Enabled = false;
            return config;
        }

        foreach (var p in obj.EnumerateObject())
        {
            if (p.Name == Multivector)
            {
                config.MultivectorConfig = new G.StrictModeMultivectorConfig();
                foreach (var (name, limit) in Limits(p.Value, "max_vectors"))
                {
                    config.MultivectorConfig.MultivectorConfig[name] = limit is { } l ? new G.StrictModeMultivector { MaxVectors = l } : new G.StrictModeMultivector();
                }
            }
            else if (p.Name == Sparse)
            {
                config.SparseConfig = new G.StrictModeSparseConfig();
                foreach (var (name, limit) in Limits(p.Value, "max_length"))
                {
                    config.SparseConfig.SparseConfig[name] = limit is { } l ? new G.StrictModeSparse { MaxLength = l } : new G.StrictModeSparse();
                }
            }
            else if (G.StrictModeConfig.Descriptor.FindFieldByName(p.Name) is { } field && Scalar(field.FieldType, p.Value) is { } value)
            {
                field.Accessor.SetValue(config, value);
            }
        }

        return config;
    }

    /// <summary>A JSON scalar converted to the field's CLR type, or null when it does not fit.</summary>
    private static object? Scalar(FieldType type, JsonElement v) => type switch
    {
        FieldType.Bool when v.ValueKind is JsonValueKind.True or JsonValueKind.False => v.GetBoolean(),
        FieldType.UInt32 when v.ValueKind == JsonValueKind.Number && v.TryGetUInt32(out var u) => u,
        FieldType.UInt64 when v.ValueKind == JsonValueKind.Number && v.TryGetUInt64(out var ul) => ul,
        FieldType.Float when v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) => (float)d,
        _ => null,
    };

    private static void WriteLimits(Utf8JsonWriter w, string property, Dictionary<string, ulong?> limits, string field)
    {
        w.WritePropertyName(property);
        w.WriteStartObject();
        foreach (var (name, limit) in limits)
        {
            w.WritePropertyName(name);
            w.WriteStartObject();
            if (limit is { } l)
            {
                w.WriteNumber(field, l);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static IEnumerable<(string Name, ulong? Limit)> Limits(JsonElement map, string field)
    {
        if (map.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var entry in map.EnumerateObject())
        {
            ulong? limit = JsonElements.TryGet(entry.Value, field, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetUInt64(out var l) ? l : null;
            yield return (entry.Name, limit);
        }
    }
}
