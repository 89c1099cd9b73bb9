using System.Text.Json;
using Citadel.Storage.Filtering;
using Citadel.Storage.Payloads;

namespace Citadel.Storage.Operations;

/// <summary>A change to the points of a collection. Each is logged to the shard WAL before it is applied.</summary>
public abstract record UpdateOperation
{
    /// <summary>The operation name used in audit entries and telemetry (Qdrant's names).</summary>
    public abstract string Name { get; }
}

/// <summary>How an upsert treats points that exist already or do not exist yet.</summary>
public enum UpdateMode
{
    /// <summary>Insert new points and replace existing ones (the default).</summary>
    Upsert,

    /// <summary>Only insert points that do not exist yet.</summary>
    InsertOnly,

    /// <summary>Only replace points that exist already.</summary>
    UpdateOnly,
}

/// <summary>Insert or replace whole points. With <see cref="UpdateFilter"/>, existing points are replaced only if they match.</summary>
public sealed record UpsertPoints(IReadOnlyList<PointStruct> Points, Filter? UpdateFilter = null, UpdateMode Mode = UpdateMode.Upsert) : UpdateOperation
{
    /// <inheritdoc />
    public override string Name => UpdateFilter is null ? "upsert_points" : "upsert_points_conditional";
}

/// <summary>Delete points.</summary>
public sealed record DeletePoints(PointsSelector Selector) : UpdateOperation
{
    /// <inheritdoc />
    public override string Name => Selector is FilterSelector ? "delete_points_by_filter" : "delete_points";
}

/// <summary>Merge keys into the payload (at <see cref="Key"/> when given).</summary>
public sealed record SetPayload(JsonElement Payload, PointsSelector Selector, JsonPath? Key = null) : UpdateOperation
{
    /// <inheritdoc />
    public override string Name => "set_payload";
}

/// <summary>Replace the whole payload.</summary>
public sealed record OverwritePayload(JsonElement Payload, PointsSelector Selector) : UpdateOperation
{
    /// <inheritdoc />
    public override string Name => "overwrite_payload";
}

/// <summary>Remove keys from the payload.</summary>
public sealed record DeletePayload(IReadOnlyList<JsonPath> Keys, PointsSelector Selector) : UpdateOperation
{
    /// <inheritdoc />
    public override string Name => "delete_payload";
}

/// <summary>Remove the whole payload.</summary>
public sealed record ClearPayload(PointsSelector Selector) : UpdateOperation
{
    /// <inheritdoc />
    public override string Name => Selector is FilterSelector ? "clear_payload_by_filter" : "clear_payload";
}

/// <summary>Replace some named vectors of existing points.</summary>
public sealed record UpdateVectors(IReadOnlyList<PointVectors> Points, Filter? UpdateFilter = null) : UpdateOperation
{
    /// <inheritdoc />
    public override string Name => "update_vectors";
}

/// <summary>Remove named vectors from points.</summary>
public sealed record DeleteVectors(PointsSelector Selector, IReadOnlyList<string> VectorNames) : UpdateOperation
{
    /// <inheritdoc />
    public override string Name => Selector is FilterSelector ? "delete_vectors_by_filter" : "delete_vectors";
}
