using System.Diagnostics.CodeAnalysis;
using Citadel.Storage.Points;
using Citadel.Storage.Segments;

namespace Citadel.Storage.Index.Payload.Planning;

/// <summary>Where a live point is stored, for <c>has_id</c> conditions; false when there is no such point.</summary>
internal delegate bool PointLocator(PointId id, [NotNullWhen(true)] out Segment? segment, out int offset);
