using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace Citadel.Node.Observability.Logging;

/// <summary>
/// Last line of defence against credentials in logs: replaces configured API keys and anything shaped like a JWT in
/// string properties of every event (rendered messages are built from properties, templates are constants). Log
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
            if (value is ScalarValue { Value: string text } && Scrub(text) is var clean && !ReferenceEquals(clean, text))
            {
                (replaced ??= []).Add(new LogEventProperty(name, new ScalarValue(clean)));
            }
        }

        foreach (var property in replaced ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
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
