namespace Citadel.Storage.Index.Payload.Schema;

/// <summary>Qdrant's <c>PayloadSchemaType</c>: the kinds of payload index.</summary>
public enum PayloadSchemaType
{
    /// <summary>Exact strings.</summary>
    Keyword,

    /// <summary>64-bit integers.</summary>
    Integer,

    /// <summary>Numbers, for ranges.</summary>
    Float,

    /// <summary><c>{"lon", "lat"}</c> points.</summary>
    Geo,

    /// <summary>Full-text tokens.</summary>
    Text,

    /// <summary>Booleans.</summary>
    Bool,

    /// <summary>RFC 3339 date-times, as instants.</summary>
    Datetime,

    /// <summary>UUID strings.</summary>
    Uuid,
}

/// <summary>The wire names of <see cref="PayloadSchemaType"/> (snake case, as in Qdrant's JSON).</summary>
public static class PayloadSchemaTypes
{
    /// <summary>Every name, in Qdrant's order, for error messages.</summary>
    public static readonly IReadOnlyList<string> Names = ["keyword", "integer", "float", "geo", "text", "bool", "datetime", "uuid"];

    /// <summary>The wire name.</summary>
    public static string Name(PayloadSchemaType type) => Names[(int)type];

    /// <summary>Parses a wire name; false for anything else.</summary>
    public static bool TryParse(string? name, out PayloadSchemaType type)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
            {
                type = (PayloadSchemaType)i;
                return true;
            }
        }

        type = default;
        return false;
    }
}
