using System.Text;

namespace Citadel.Node.Configuration;

/// <summary>Start-up warnings about settings that are valid but probably not what the operator wants (Qdrant's <c>validate_and_warn</c>).</summary>
internal static class SettingsWarnings
{
    // JWTs are HMAC-SHA256; a secret shorter than the hash is weaker than the algorithm allows.
    private const int RecommendedJwtSecretBytes = 256 / 8;

    public static void Collect(NodeSettings settings, ICollection<LoadMessage> messages)
    {
        var service = settings.Service;
        if (!service.JwtRbac)
        {
            return;
        }

        var secrets = new[] { service.ApiKey, service.AltApiKey }.OfType<string>().ToList();
        if (secrets.Count == 0)
        {
            messages.Add(LoadMessage.Warning("JWT RBAC configured but no API key set, JWT RBAC is not enabled"));
        }
        else if (secrets.Min(Encoding.UTF8.GetByteCount) < RecommendedJwtSecretBytes)
        {
            messages.Add(LoadMessage.Warning(
                $"It is highly recommended to use an API key of {RecommendedJwtSecretBytes} bytes when JWT RBAC is enabled"));
        }
    }
}
