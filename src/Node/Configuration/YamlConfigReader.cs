using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Citadel.Node.Configuration;

/// <summary>Reads YAML text into the untyped configuration tree.</summary>
internal static class YamlConfigReader
{
    public static ConfigMap Read(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new ConfigurationException($"Invalid configuration: cannot parse {source}: {e.Message}", e);
        }

        // A file with only comments is a valid, empty layer.
        if (stream.Documents.Count == 0)
        {
            return new ConfigMap(source);
        }

        return stream.Documents[0].RootNode switch
        {
            YamlMappingNode map => ReadMap(map, source),
            YamlScalarNode scalar when IsNull(scalar) => new ConfigMap(source),
            _ => throw new ConfigurationException($"Invalid configuration: {source} must contain a map of settings at the top level"),
        };
    }

    private static ConfigMap ReadMap(YamlMappingNode node, string source)
    {
        var map = new ConfigMap(source);
        foreach (var (keyNode, valueNode) in node.Children)
        {
            // Keys stay as written: serde matches field names case-sensitively, so `Host:` is simply unknown.
            if (keyNode is YamlScalarNode { Value: { } key })
            {
                map.Set(key, ReadNode(valueNode, source));
            }
        }

        return map;
    }

    private static ConfigNode ReadNode(YamlNode node, string source) => node switch
    {
        YamlMappingNode map => ReadMap(map, source),
        YamlSequenceNode seq => new ConfigSequence(seq.Children.Select(child => ReadNode(child, source)).ToList(), source),
        YamlScalarNode scalar when IsNull(scalar) => ConfigScalar.Null(source),
        YamlScalarNode scalar => ConfigScalar.Of(scalar.Value ?? string.Empty, source),
        _ => ConfigScalar.Null(source),
    };

    // YAML's core schema nulls; a quoted "null" stays the string "null".
    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style is ScalarStyle.Plain or ScalarStyle.Any
        && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
}
