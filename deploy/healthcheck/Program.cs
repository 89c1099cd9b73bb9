using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Citadel.Deploy.Healthcheck;

/// <summary>
/// Probes the node's REST health endpoint on the loopback interface and exits 0 when it answers 200, 1 otherwise.
/// Usage: <c>citadel-healthcheck [path]</c> (default <c>/readyz</c>). It never sends credentials: <c>/livez</c>,
/// <c>/readyz</c> and <c>/healthz</c> are public endpoints. The port comes from <c>QDRANT__SERVICE__HTTP_PORT</c>
/// (default 6333), the scheme from <c>QDRANT__SERVICE__ENABLE_TLS</c> (HTTPS when "true"; when the variable is unset
/// HTTPS is tried first, then HTTP). The server certificate is not verified (the probe talks to its own container over
/// loopback); when <c>QDRANT__TLS__CERT</c>/<c>QDRANT__TLS__KEY</c> name readable files the node's own certificate is
/// offered as client certificate, so the probe also passes <c>verify_https_client_certificate: true</c>.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var path = args.Length > 0 ? args[0] : "/readyz";
        if (!path.StartsWith('/'))
        {
            path = "/" + path;
        }

        var port = Environment.GetEnvironmentVariable("QDRANT__SERVICE__HTTP_PORT") is { Length: > 0 } p ? p : "6333";
        var tls = Environment.GetEnvironmentVariable("QDRANT__SERVICE__ENABLE_TLS")?.Trim().ToLowerInvariant();
        string[] schemes = tls switch
        {
            "true" => ["https"],
            "false" => ["http"],
            _ => ["https", "http"],
        };

        foreach (var scheme in schemes)
        {
            try
            {
                using var client = CreateClient();
                using var response = await client.GetAsync(new Uri($"{scheme}://127.0.0.1:{port}{path}"));
                await Console.Out.WriteLineAsync($"{scheme} {path}: {(int)response.StatusCode}");
                return response.IsSuccessStatusCode ? 0 : 1;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                await Console.Error.WriteLineAsync($"{scheme} {path}: {e.Message}");
            }
        }

        return 1;
    }

    private static HttpClient CreateClient()
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(2),
            SslOptions = new SslClientAuthenticationOptions
            {
                // Loopback probe of the container's own server: there is nothing to authenticate.
#pragma warning disable CA5359
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
#pragma warning restore CA5359
            },
        };

        var cert = Environment.GetEnvironmentVariable("QDRANT__TLS__CERT");
        var key = Environment.GetEnvironmentVariable("QDRANT__TLS__KEY");
        if (cert is { Length: > 0 } && key is { Length: > 0 } && File.Exists(cert) && File.Exists(key))
        {
            try
            {
                handler.SslOptions.ClientCertificates = [X509Certificate2.CreateFromPemFile(cert, key)];
            }
            catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"client certificate not used: {e.Message}");
            }
        }

        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(4) };
    }
}
