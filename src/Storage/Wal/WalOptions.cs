namespace Citadel.Storage.Wal;

/// <summary>Tuning for a <see cref="WriteAheadLog"/>.</summary>
/// <param name="SegmentSizeBytes">
/// Roll to a new segment file once the active one holds at least this many bytes (from <c>wal_capacity_mb</c>).
/// A segment can exceed it by one record, because a record is never split across files.
/// </param>
public sealed record WalOptions(long SegmentSizeBytes);
