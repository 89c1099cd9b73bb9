using System.Net;
using Citadel.Node.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Citadel.Node.Hosting;

/// <summary>Binds a Kestrel port on <c>service.host</c>: an IP literal, or <c>localhost</c> for loopback.</summary>
internal static class Listen
{
    public static void On(KestrelServerOptions kestrel, ServiceSettings service, int port, Action<ListenOptions> configure)
    {
        if (string.Equals(service.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(port, configure);
        }
        else if (IPAddress.TryParse(service.Host, out var ip))
        {
            kestrel.Listen(ip, port, configure);
        }
        else
        {
            throw new ConfigurationException($"Invalid configuration: `service.host` must be an IP address or `localhost`, got `{service.Host}`", "service.host", null);
        }
    }
}
