using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Segments;

namespace Citadel.Storage.Index.Payload.Fields;

/// <summary>Creates and builds the index a schema describes.</summary>
internal static class FieldIndexFactory
{
    /// <summary>Builds the index of <paramref name="field"/> over <paramref name="segment"/>'s live points.</summary>
    public static FieldIndex Build(PayloadIndexField field, Segment segment, bool mutable)
    {
        ArgumentNullException.ThrowIfNull(field);
        FieldIndex index = field.Schema.Type switch
        {
            PayloadSchemaType.Keyword => new KeywordFieldIndex(field),
            PayloadSchemaType.Integer => new IntegerFieldIndex(field),
            PayloadSchemaType.Float => new FloatFieldIndex(field),
            PayloadSchemaType.Geo => new GeoFieldIndex(field),
            PayloadSchemaType.Text => new TextFieldIndex(field),
            PayloadSchemaType.Bool => new BoolFieldIndex(field),
            PayloadSchemaType.Datetime => new DatetimeFieldIndex(field),
            _ => new UuidFieldIndex(field),
        };
        index.Build(segment, mutable);
        return index;
    }
}
