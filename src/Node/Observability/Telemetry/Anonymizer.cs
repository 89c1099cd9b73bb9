using System.Security.Cryptography;
using System.Text;

namespace Citadel.Node.Observability.Telemetry;

/// <summary>
/// <c>anonymize=true</c>: names (collections, peers' URIs, directories) are replaced by a stable hash, so reports can
/// be shared and still be compared with each other; numbers are kept.
/// </summary>
internal sealed class Anonymizer(bool enabled)
{
    public string Name(string value) =>
        enabled ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 8)) : value;
}
