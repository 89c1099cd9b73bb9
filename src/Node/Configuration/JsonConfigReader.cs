using System.Text.Json;

namespace Citadel.Node.Configuration;

/// <summary>Reads a JSON configuration file (<c>config/config.json</c> is allowed, as in Qdrant) into the untyped tree.</summary>
internal static class JsonConfigReader
{
    public static ConfigMap Read(string text, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ConfigurationException($"Invalid configuration: cannot parse {source}: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigurationException($"Invalid configuration: {source} must contain a map of settings at the top level");
            }

            return ReadObject(document.RootElement, source);
        }
    }

    private static ConfigMap ReadObject(JsonElement element, string source)
    {
        var map = new ConfigMap(source);
        foreach (var property in element.EnumerateObject())
        {
            map.Set(property.Name, ReadValue(property.Value, source));
        }

        return map;
    }

    private static ConfigNode ReadValue(JsonElement element, string source) => element.ValueKind switch
    {
        JsonValueKind.Object => ReadObject(element, source),
        JsonValueKind.Array => new ConfigSequence(element.EnumerateArray().Select(item => ReadValue(item, source)).ToList(), source),
        JsonValueKind.String => ConfigScalar.Of(element.GetString() ?? string.Empty, source),
        JsonValueKind.True => ConfigScalar.Of("true", source),
        JsonValueKind.False => ConfigScalar.Of("false", source),
        JsonValueKind.Number => ConfigScalar.Of(element.GetRawText(), source),
        _ => ConfigScalar.Null(source),
    };
}
