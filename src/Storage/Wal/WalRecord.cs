namespace Citadel.Storage.Wal;

/// <summary>One record read back from the log: its index and the payload that was appended.</summary>
public readonly record struct WalRecord(ulong Index, ReadOnlyMemory<byte> Payload);
