using System.Collections.Immutable;
using Citadel.Common.Errors;

namespace Citadel.Storage.Collections;

/// <summary>
/// Collection metadata as a pure value: collections, aliases, payload schemas and placement. Applying a
/// <see cref="CollectionMetaOperation"/> validates it against this value only and returns the next value, so every
/// replica of the cluster computes the same catalog and the same answer. <see cref="CollectionManager"/> makes the
/// node's files and open shards match a catalog.
/// </summary>
public sealed partial record CollectionCatalog(
    ImmutableSortedDictionary<string, CatalogEntry> Collections,
    ImmutableSortedDictionary<string, string> Aliases)
{
    /// <summary>No collections, no aliases.</summary>
    public static readonly CollectionCatalog Empty = new(
        ImmutableSortedDictionary.Create<string, CatalogEntry>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal));

    /// <summary>The collection an alias or a name refers to, or null.</summary>
    public CatalogEntry? Resolve(string nameOrAlias) =>
        Collections.GetValueOrDefault(Aliases.TryGetValue(nameOrAlias, out var target) ? target : nameOrAlias);

    /// <summary>
    /// Applies one operation. Throws <see cref="CitadelException"/> (and changes nothing) when it is invalid against this
    /// catalog; otherwise returns the next catalog and Qdrant's boolean answer.
    /// </summary>
    public (CollectionCatalog Next, bool Result) Apply(CollectionMetaOperation operation) => operation switch
    {
        CreateCollectionOperation c => Create(c),
        UpdateCollectionOperation u => Update(u),
        DeleteCollectionOperation d => Delete(d.CollectionName),
        ChangeAliasesOperation a => (this with { Aliases = ChangeAliases(a.Actions) }, true),
        CreatePayloadIndexOperation p => CreatePayloadIndex(p),
        DropPayloadIndexOperation p => DropPayloadIndex(p),
        AdoptCatalogOperation a => (a.Catalog, true),
        _ => throw new ArgumentException($"Unknown operation {operation.GetType().Name}", nameof(operation)),
    };

    private (CollectionCatalog, bool) Create(CreateCollectionOperation op)
    {
        NameRules.Validate(op.CollectionName);
        if (Collections.ContainsKey(op.CollectionName))
        {
            throw new CitadelException(ErrorKind.AlreadyExists, $"Collection `{op.CollectionName}` already exists!");
        }

        if (Aliases.ContainsKey(op.CollectionName))
        {
            throw new CitadelException(ErrorKind.AlreadyExists, $"Alias `{op.CollectionName}` already exists!");
        }

        CollectionConfigRules.Validate(op.Config);
        var entry = new CatalogEntry(op.CollectionName, op.Uuid, op.Owner, op.Config, Index.Payload.Schema.PayloadSchema.Empty);
        return (this with { Collections = Collections.SetItem(op.CollectionName, entry) }, true);
    }

    private (CollectionCatalog, bool) Update(UpdateCollectionOperation op)
    {
        var entry = Existing(op.CollectionName);
        var updated = CollectionUpdates.Apply(entry.Config, op.Update);
        CollectionConfigRules.Validate(updated);
        return (this with { Collections = Collections.SetItem(entry.Name, entry with { Config = updated }) }, true);
    }

    private (CollectionCatalog, bool) Delete(string name)
    {
        if (!Collections.ContainsKey(name))
        {
            return (this, false);
        }

        var aliases = Aliases.Where(kv => kv.Value != name).ToImmutableSortedDictionary(StringComparer.Ordinal);
        return (this with { Collections = Collections.Remove(name), Aliases = aliases }, true);
    }

    private (CollectionCatalog, bool) CreatePayloadIndex(CreatePayloadIndexOperation op)
    {
        var entry = Existing(op.CollectionName);
        op.FieldSchema.Validate();
        return (this with { Collections = Collections.SetItem(entry.Name, entry with { Schema = entry.Schema.With(op.FieldName, op.FieldSchema) }) }, true);
    }

    private (CollectionCatalog, bool) DropPayloadIndex(DropPayloadIndexOperation op)
    {
        var entry = Existing(op.CollectionName);
        return (this with { Collections = Collections.SetItem(entry.Name, entry with { Schema = entry.Schema.Without(op.FieldName) }) }, true);
    }

    private CatalogEntry Existing(string name) =>
        Collections.GetValueOrDefault(name) ?? throw CitadelException.NotFound($"Collection `{name}` doesn't exist!");

    private ImmutableSortedDictionary<string, string> ChangeAliases(IReadOnlyList<AliasAction> actions)
    {
        var aliases = Aliases;
        foreach (var action in actions)
        {
            switch (action)
            {
                case CreateAlias c:
                    NameRules.Validate(c.AliasName);
                    if (!Collections.ContainsKey(c.CollectionName))
                    {
                        throw CitadelException.NotFound($"Collection `{c.CollectionName}` doesn't exist!");
                    }

                    if (Collections.ContainsKey(c.AliasName))
                    {
                        throw new CitadelException(ErrorKind.AlreadyExists, $"Collection `{c.AliasName}` already exists!");
                    }

                    aliases = aliases.SetItem(c.AliasName, c.CollectionName);
                    break;
                case DeleteAlias d:
                    if (!aliases.ContainsKey(d.AliasName))
                    {
                        throw CitadelException.NotFound($"Alias {d.AliasName} does not exists!");
                    }

                    aliases = aliases.Remove(d.AliasName);
                    break;
                case RenameAlias r:
                    NameRules.Validate(r.NewAliasName);
                    if (!aliases.TryGetValue(r.OldAliasName, out var target))
                    {
                        throw CitadelException.NotFound($"Alias {r.OldAliasName} does not exists!");
                    }

                    if (Collections.ContainsKey(r.NewAliasName))
                    {
                        throw new CitadelException(ErrorKind.AlreadyExists, $"Collection `{r.NewAliasName}` already exists!");
                    }

                    aliases = aliases.Remove(r.OldAliasName).SetItem(r.NewAliasName, target);
                    break;
            }
        }

        return aliases;
    }
}
