using Citadel.Node.Security;
using Citadel.Storage.Collections;

namespace Citadel.Node.Api;

/// <summary>Collection and alias operations shared by the REST and gRPC adapters.</summary>
internal sealed class CollectionsApi(CollectionManager collections, IMetaProposer meta)
{
    /// <summary>Collection names the caller may see (a scoped token sees only the collections it lists).</summary>
    public IReadOnlyList<string> List(RequestAuth auth) => collections.CollectionNames.Where(auth.Access.CanSee).ToList();

    public Collection Get(string name) => collections.Get(name);

    public bool Exists(string name) => collections.TryGet(name) is not null;

    public Task<bool> CreateAsync(string name, CreateCollectionRequest request, CancellationToken ct)
    {
        NameRules.Validate(name);
        return meta.ProposeAsync(new CreateCollectionOperation(name, collections.Defaults.Complete(request)), ct);
    }

    public Task<bool> UpdateAsync(string name, CollectionUpdate update, CancellationToken ct)
    {
        // Resolve aliases here so that the replicated operation names the real collection.
        var target = collections.Get(name).Name;
        return meta.ProposeAsync(new UpdateCollectionOperation(target, update), ct);
    }

    public Task<bool> DeleteAsync(string name, CancellationToken ct) => meta.ProposeAsync(new DeleteCollectionOperation(name), ct);

    public Task<bool> ChangeAliasesAsync(IReadOnlyList<AliasAction> actions, CancellationToken ct) =>
        meta.ProposeAsync(new ChangeAliasesOperation(actions), ct);

    /// <summary>Aliases the caller may see: a scoped token sees the aliases whose own name it lists.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ListAliases(RequestAuth auth) =>
        collections.Aliases.Where(a => auth.Access.CanSee(a.Key)).ToList();

    /// <summary>The aliases of one collection, filtered like <see cref="ListAliases(RequestAuth)"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ListAliases(RequestAuth auth, string collection)
    {
        var target = collections.Get(collection).Name;
        return collections.Aliases.Where(a => a.Value == target && auth.Access.CanSee(a.Key)).ToList();
    }
}
