using Citadel.Auth.Tls;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Serilog;

namespace Citadel.Node.Hosting;

/// <summary>
/// What every public server (REST, gRPC, metrics) starts from: a slim host logging through Serilog and one Kestrel
/// endpoint on <c>service.host</c>, without a Server header, speaking TLS when <c>service.enable_tls</c> is on.
/// </summary>
internal static class PublicListener
{
    public static WebApplicationBuilder CreateBuilder(
        NodeServices node,
        NodeLogging logging,
        int port,
        HttpProtocols protocols,
        Func<ServerTls, TlsHandshakeCallbackOptions> tls,
        Action<KestrelServerOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(logging.Serilog, dispose: false);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            configure?.Invoke(k);
            Listen.On(k, node.Settings.Service, port, o =>
            {
                o.Protocols = protocols;
                if (node.Tls is { } material)
                {
                    o.UseHttps(tls(material));
                }
            });
        });
        return builder;
    }
}
