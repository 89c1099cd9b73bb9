namespace Citadel.Consensus.Transport;

/// <summary>
/// The eight bytes a Raft client sends first on the shared peer port. The peer server reads them to tell a Raft
/// connection from an HTTP/2 (internal gRPC) one, whose first bytes are the HTTP/2 preface "PRI * HTTP/2.0".
/// </summary>
public static class RaftPreamble
{
    /// <summary>"CTDLRFT1": protocol name and version.</summary>
    public static ReadOnlySpan<byte> Bytes => "CTDLRFT1"u8;

    /// <summary>Length of the preamble.</summary>
    public const int Length = 8;
}
