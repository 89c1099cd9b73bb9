using System.Net.Security;
using Citadel.Auth.Tls;
using Citadel.Node.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Citadel.Node.Hosting;

/// <summary>
/// TLS for the public listeners (<c>service.enable_tls</c>): one reloading certificate shared by REST and gRPC, and
/// client-certificate verification on both when <c>service.verify_https_client_certificate</c> is set (Qdrant applies
/// it to REST only; Citadel to every public port).
/// </summary>
internal static class NodeTls
{
    private static readonly List<SslApplicationProtocol> RestProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];
    private static readonly List<SslApplicationProtocol> GrpcProtocols = [SslApplicationProtocol.Http2];

    /// <summary>The public TLS material, or null when TLS is off. Fails start-up naming the key when files are unusable.</summary>
    public static ServerTls? Create(NodeSettings settings, ILogger log)
    {
        if (!settings.Service.EnableTls)
        {
            return null;
        }

        var tls = settings.Tls ?? throw new ConfigurationException("Invalid configuration: `service.enable_tls` is true but the `tls` section is missing", "tls", null);
        System.Security.Cryptography.X509Certificates.X509Certificate2Collection? clientCas = null;
        if (settings.Service.VerifyHttpsClientCertificate)
        {
            var ca = tls.CaCert ?? throw new ConfigurationException("Invalid configuration: `service.verify_https_client_certificate` needs `tls.ca_cert`", "tls.ca_cert", null);
            clientCas = Load(() => CertificateFiles.LoadBundle(ca), "tls.ca_cert", ca);
        }

        var ttl = tls.CertTtlSec is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        return Load(() => new ServerTls(tls.Cert, tls.Key, ttl, clientCas, TimeProvider.System, e => TlsLog.ReloadFailed(log, tls.Cert, e)), "tls.cert", tls.Cert);
    }

    public static TlsHandshakeCallbackOptions ForRest(ServerTls tls) => Options(tls, RestProtocols);

    public static TlsHandshakeCallbackOptions ForGrpc(ServerTls tls) => Options(tls, GrpcProtocols);

    private static TlsHandshakeCallbackOptions Options(ServerTls tls, List<SslApplicationProtocol> protocols) => new()
    {
        OnConnection = _ => ValueTask.FromResult(tls.OptionsFor(protocols)),
        HandshakeTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>Loads TLS material, turning any failure into a start-up error that names the key and the file.</summary>
    public static T Load<T>(Func<T> load, string key, string path)
    {
        try
        {
            return load();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or InvalidDataException or ArgumentException)
        {
            throw new ConfigurationException($"Invalid configuration: `{key}` ({path}) could not be loaded: {e.Message}", key, null);
        }
    }
}

/// <summary>Log messages of the TLS setup.</summary>
internal static partial class TlsLog
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "Reloading the TLS certificate {Path} failed; still serving the previous one")]
    public static partial void ReloadFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "API keys are configured but `service.enable_tls` is false while listening on {Host}: keys and tokens travel in clear text. Enable TLS or put a TLS proxy in front")]
    public static partial void KeysOverPlainHttp(ILogger logger, string host);
}
