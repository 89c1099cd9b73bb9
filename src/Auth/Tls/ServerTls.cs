using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Citadel.Auth.Tls;

/// <summary>
/// Server TLS for one listener: the certificate chain from <c>tls.cert</c>/<c>tls.key</c>, reloaded from disk once
/// <c>tls.cert_ttl</c> has passed (checked on each handshake; a failed reload keeps the old certificate), TLS 1.2+,
/// and optional client-certificate verification against <c>tls.ca_cert</c>.
/// </summary>
public sealed class ServerTls : IDisposable
{
    private readonly string _certPath;
    private readonly string _keyPath;
    private readonly TimeSpan? _ttl;
    private readonly TimeProvider _time;
    private readonly PeerCertificateValidator? _clientValidator;
    private readonly Action<Exception>? _onReloadFailure;
    private readonly object _gate = new();
    private SslStreamCertificateContext _context;
    private X509Certificate2 _leaf;
    private DateTimeOffset _loadedAt;

    public ServerTls(string certPath, string keyPath, TimeSpan? ttl, X509Certificate2Collection? clientCas, TimeProvider time, Action<Exception>? onReloadFailure = null)
        : this(certPath, keyPath, ttl, clientCas is null ? null : new PeerCertificateValidator(clientCas, clientAuthentication: true), time, onReloadFailure)
    {
    }

    /// <summary>TLS whose clients are checked by <paramref name="clientValidator"/> (peer links add an identity allow-list).</summary>
    public ServerTls(string certPath, string keyPath, TimeSpan? ttl, PeerCertificateValidator? clientValidator, TimeProvider time, Action<Exception>? onReloadFailure = null)
    {
        _certPath = certPath;
        _keyPath = keyPath;
        _ttl = ttl is { TotalSeconds: > 0 } t ? t : null;
        _time = time;
        _onReloadFailure = onReloadFailure;
        _clientValidator = clientValidator;
        (_context, _leaf) = Load();
        _loadedAt = time.GetUtcNow();
    }

    /// <summary>True when clients must present a certificate signed by the CA.</summary>
    public bool RequiresClientCertificate => _clientValidator is not null;

    /// <summary>The certificate currently served (after any due reload).</summary>
    public X509Certificate2 Current
    {
        get
        {
            RefreshIfDue();
            return _leaf;
        }
    }

    /// <summary>Options for one handshake; <paramref name="alpn"/> lists the protocols this listener speaks.</summary>
    public SslServerAuthenticationOptions OptionsFor(List<SslApplicationProtocol> alpn)
    {
        RefreshIfDue();
        return new SslServerAuthenticationOptions
        {
            ServerCertificateContext = _context,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ClientCertificateRequired = _clientValidator is not null,
            RemoteCertificateValidationCallback = _clientValidator is null ? null : _clientValidator.Callback,
            ApplicationProtocols = alpn,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
    }

    /// <summary>
    /// This node's certificate as a TLS client (peer links present the same certificate they serve), current after any
    /// due reload.
    /// </summary>
    public SslStreamCertificateContext ClientContext
    {
        get
        {
            RefreshIfDue();
            return _context;
        }
    }

    public void Dispose() => _leaf.Dispose();

    private void RefreshIfDue()
    {
        if (_ttl is not { } ttl || _time.GetUtcNow() - _loadedAt < ttl)
        {
            return;
        }

        lock (_gate)
        {
            if (_time.GetUtcNow() - _loadedAt < ttl)
            {
                return;
            }

            _loadedAt = _time.GetUtcNow();
            try
            {
                var (context, leaf) = Load();
                _context = context;
                _leaf = leaf;
            }
            catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
            {
                // Keep serving the old certificate; the next handshake after the TTL tries again.
                _onReloadFailure?.Invoke(e);
            }
        }
    }

    private (SslStreamCertificateContext Context, X509Certificate2 Leaf) Load()
    {
        var (leaf, intermediates) = CertificateFiles.LoadChain(_certPath, _keyPath);
        return (SslStreamCertificateContext.Create(leaf, intermediates, offline: true), leaf);
    }
}
