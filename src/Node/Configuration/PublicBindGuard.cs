using System.Net;

namespace Citadel.Node.Configuration;

/// <summary>
/// Citadel's secure-by-default rule: a node that would be reachable from other machines without any API
/// key does not start unless <c>service.allow_insecure_public_bind</c> says that is intended.
/// </summary>
internal static class PublicBindGuard
{
    public static void Enforce(ServiceSettings service, ICollection<LoadMessage> messages)
    {
        if (IsLoopback(service.Host) || service.AuthEnabled)
        {
            return;
        }

        if (service.AllowInsecurePublicBind)
        {
            messages.Add(LoadMessage.Warning(
                $"Listening on `{service.Host}` without an API key because `service.allow_insecure_public_bind` is true: anyone who can reach this address has full access"));
            return;
        }

        throw new ConfigurationException(
            $"Invalid configuration: `service.host` is `{service.Host}`, which is not a loopback address, and no API key is set "
            + "(`service.api_key`, `service.alt_api_key` or `service.read_only_api_key`). Refusing to serve an unauthenticated database "
            + "to the network: set an API key, bind to 127.0.0.1, or set `service.allow_insecure_public_bind: true` to accept the risk",
            "service.host",
            null);
    }

    /// <summary>True for 127.0.0.0/8, ::1 and the name <c>localhost</c>; any other name may resolve to a public address.</summary>
    public static bool IsLoopback(string host)
    {
        var trimmed = host.Trim().TrimStart('[').TrimEnd(']');
        if (string.Equals(trimmed, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(trimmed, out var address) && IPAddress.IsLoopback(address);
    }
}
