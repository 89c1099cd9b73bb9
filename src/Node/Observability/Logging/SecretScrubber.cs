using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace Citadel.Node.Observability.Logging;

/// <summary>
/// Last line of defence against credentials in logs: replaces configured API keys and anything shaped like a JWT in
/// the string properties (at any depth) of every event (rendered messages are built from properties, templates are constants). Log
/// statements already avoid logging headers and bodies; this catches what a library or a future message might pass.
/// Exception texts are not rewritten (Serilog keeps the exception object), so code never puts a credential there.
/// </summary>
internal sealed partial class SecretScrubber(IEnumerable<string?> secrets) : ILogEventEnricher
{
    public const string Mask = "***";

    private readonly string[] _secrets = [.. secrets.Where(s => !string.IsNullOrEmpty(s)).Cast<string>().Distinct(StringComparer.Ordinal)];

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? replaced = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            if (Scrub(value) is var clean && !ReferenceEquals(clean, value))
            {
                (replaced ??= []).Add(new LogEventProperty(name, clean));
            }
        }

        foreach (var property in replaced ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    /// <summary>A property value with secrets masked at any depth; the same instance when there was nothing to mask.</summary>
    private LogEventPropertyValue Scrub(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string text }:
                var clean = Scrub(text);
                return ReferenceEquals(clean, text) ? value : new ScalarValue(clean);
            case SequenceValue sequence:
                var elements = sequence.Elements.Select(Scrub).ToList();
                return elements.SequenceEqual(sequence.Elements, ReferenceEqualityComparer.Instance) ? value : new SequenceValue(elements);
            case StructureValue structure:
                var properties = structure.Properties.Select(p => Scrub(p.Value) is var v && ReferenceEquals(v, p.Value) ? p : new LogEventProperty(p.Name, v)).ToList();
                return properties.SequenceEqual(structure.Properties, ReferenceEqualityComparer.Instance) ? value : new StructureValue(properties, structure.TypeTag);
            case DictionaryValue dictionary:
                var entries = dictionary.Elements.Select(e => new KeyValuePair<ScalarValue, LogEventPropertyValue>(e.Key, Scrub(e.Value))).ToList();
                return entries.Zip(dictionary.Elements).All(pair => ReferenceEquals(pair.First.Value, pair.Second.Value)) ? value : new DictionaryValue(entries);
            default:
                return value;
        }
    }

    /// <summary>The text with every secret masked; the same instance when there was nothing to mask.</summary>
    public string Scrub(string text)
    {
        var result = text;
        foreach (var secret in _secrets)
        {
            if (result.Contains(secret, StringComparison.Ordinal))
            {
                result = result.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return result.Contains("eyJ", StringComparison.Ordinal) ? Jwt().Replace(result, Mask) : result;
    }

    // Header and claims segments of a JWT are base64url JSON objects, which always start with "eyJ" ("{\"").
    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]*\.eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();
}
