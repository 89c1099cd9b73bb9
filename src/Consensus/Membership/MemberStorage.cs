using System.Buffers.Binary;
using System.Net;
using System.Text;
using DotNext.Buffers;
using DotNext.Net.Cluster.Consensus.Raft.Membership;

namespace Citadel.Consensus.Membership;

/// <summary>
/// Durable Raft membership (which endpoints are voters), so a full-cluster restart remembers its members. Every member
/// is a <see cref="DnsEndPoint"/> built from the host and port of its peer URI: Raft identifies members by endpoint
/// value, so all nodes must name a member the same way.
/// </summary>
internal sealed class MemberStorage(string fileName) : PersistentClusterConfigurationStorage<EndPoint>(fileName)
{
    protected override void Encode(EndPoint address, ref BufferWriterSlim<byte> output)
    {
        var text = Format(address);
        var bytes = Encoding.UTF8.GetBytes(text);
        var span = output.GetSpan(sizeof(ushort) + bytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(span, checked((ushort)bytes.Length));
        bytes.CopyTo(span[sizeof(ushort)..]);
        output.Advance(sizeof(ushort) + bytes.Length);
    }

    protected override EndPoint Decode(ref SequenceReader input)
    {
        var length = input.ReadLittleEndian<ushort>();
        Span<byte> bytes = stackalloc byte[length];
        input.Read(bytes);
        return Parse(Encoding.UTF8.GetString(bytes));
    }

    /// <summary><c>host:port</c>, the canonical text of a member endpoint.</summary>
    public static string Format(EndPoint address) => address switch
    {
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        IPEndPoint ip => $"{ip.Address}:{ip.Port}",
        _ => throw new ArgumentException($"unsupported endpoint {address}", nameof(address)),
    };

    /// <summary>Parses <see cref="Format"/>'s output (hosts may be IPv6 literals in brackets).</summary>
    public static DnsEndPoint Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        return new DnsEndPoint(text[..colon].Trim('[', ']'), int.Parse(text[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
