using Citadel.Storage.Filtering;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Index.Payload.Text;
using Citadel.Storage.Payloads;

namespace Citadel.Storage.Index.Payload.Planning;

/// <summary>
/// Gives text matches on fields with a full-text index the index's semantics, as Qdrant does: <c>text</c>,
/// <c>text_any</c> and <c>phrase</c> on such a field become <see cref="TokenizedTextMatch"/>es with its tokenizer.
/// Keys inside <c>nested</c> filters are resolved to their full path to find the index. Everything else is kept,
/// and a filter without such matches comes back as the same instance.
/// </summary>
internal static class FilterRewriter
{
    public static Filter Rewrite(Filter filter, PayloadSchema schema)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(schema);
        return schema.Fields.Any(f => f.Schema.Type == PayloadSchemaType.Text) ? RewriteFilter(filter, schema, null) : filter;
    }

    private static Filter RewriteFilter(Filter filter, PayloadSchema schema, JsonPath? prefix)
    {
        var must = RewriteList(filter.Must, schema, prefix);
        var should = RewriteList(filter.Should, schema, prefix);
        var mustNot = RewriteList(filter.MustNot, schema, prefix);
        var minShould = filter.MinShould is { } ms && RewriteList(ms.Conditions, schema, prefix) is var conditions && !ReferenceEquals(conditions, ms.Conditions)
            ? ms with { Conditions = conditions }
            : filter.MinShould;
        return ReferenceEquals(must, filter.Must) && ReferenceEquals(should, filter.Should) && ReferenceEquals(mustNot, filter.MustNot) && ReferenceEquals(minShould, filter.MinShould)
            ? filter
            : new Filter(must, should, mustNot, minShould);
    }

    private static IReadOnlyList<Condition> RewriteList(IReadOnlyList<Condition> conditions, PayloadSchema schema, JsonPath? prefix)
    {
        Condition[]? changed = null;
        for (var i = 0; i < conditions.Count; i++)
        {
            var rewritten = RewriteCondition(conditions[i], schema, prefix);
            if (!ReferenceEquals(rewritten, conditions[i]))
            {
                changed ??= [.. conditions];
                changed[i] = rewritten;
            }
        }

        return changed ?? conditions;
    }

    private static Condition RewriteCondition(Condition condition, PayloadSchema schema, JsonPath? prefix)
    {
        switch (condition)
        {
            case FieldCondition { ValuesCount: null, IsEmpty: null, IsNull: null, Match: MatchText or MatchTextAny or MatchPhrase } field:
                var path = prefix is null ? field.Key : prefix.NestedKey(field.Key);
                if (schema.Find(path) is not { Schema.Type: PayloadSchemaType.Text } index)
                {
                    return condition;
                }

                var tokenizer = new TextTokenizer(index.Schema.Params as TextIndexParams);
                var match = field.Match switch
                {
                    MatchText t => new TokenizedTextMatch(TextMatchKind.All, t.Text, tokenizer),
                    MatchTextAny t => new TokenizedTextMatch(TextMatchKind.Any, t.Text, tokenizer),
                    MatchPhrase p => new TokenizedTextMatch(TextMatchKind.Phrase, p.Phrase, tokenizer),
                    _ => throw new InvalidOperationException("unreachable"),
                };
                return field with { Match = match };
            case FilterCondition inner:
                var filter = RewriteFilter(inner.Filter, schema, prefix);
                return ReferenceEquals(filter, inner.Filter) ? condition : new FilterCondition(filter);
            case NestedCondition nested:
                var nestedFilter = RewriteFilter(nested.Filter, schema, prefix is null ? nested.Key : prefix.NestedKey(nested.Key));
                return ReferenceEquals(nestedFilter, nested.Filter) ? condition : nested with { Filter = nestedFilter };
            default:
                return condition;
        }
    }
}
