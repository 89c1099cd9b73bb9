using System.Text;
using System.Text.RegularExpressions;

namespace Citadel.Tests.Integration.Infrastructure;

/// <summary>
/// Every node the suite starts is checked when it is released: its output must not contain a key it was configured
/// with (<c>QDRANT__SERVICE__*API_KEY</c>) nor anything shaped like a JWT, so that the whole test run doubles as a
/// search for credentials in logs. Keys shorter than 8 characters are skipped: they would match ordinary words.
/// </summary>
public static partial class LogSecretCheck
{
    private static readonly string[] KeyVariables = ["QDRANT__SERVICE__API_KEY", "QDRANT__SERVICE__ALT_API_KEY", "QDRANT__SERVICE__READ_ONLY_API_KEY"];

    public static string[] SecretsOf(IDictionary<string, string>? env) =>
        env is null ? [] : [.. KeyVariables.Select(v => env.TryGetValue(v, out var value) ? value : null).OfType<string>().Where(v => v.Length >= 8)];

    /// <summary>A description of the first credential found in the file, or null.</summary>
    public static string? Find(string path, IReadOnlyList<string> secrets)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd();
        foreach (var secret in secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                return $"configured key `{secret[..4]}…` in {path}";
            }
        }

        return Jwt().Match(text) is { Success: true } m ? $"a JWT `{m.Value[..Math.Min(16, m.Value.Length)]}…` in {path}" : null;
    }

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")]
    private static partial Regex Jwt();
}
