namespace Citadel.Storage.Operations;

/// <summary>Qdrant's <c>UpdateStatus</c>.</summary>
public enum UpdateStatus
{
    /// <summary>Written to the WAL, not yet known durable.</summary>
    Acknowledged,

    /// <summary>Applied and durable.</summary>
    Completed,
}

/// <summary>The outcome of an update: the WAL index it was given and its status.</summary>
public sealed record UpdateResult(ulong OperationId, UpdateStatus Status);
