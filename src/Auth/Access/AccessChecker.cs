namespace Citadel.Auth.Access;

/// <summary>Decides whether an <see cref="Access"/> meets a <see cref="Requirement"/>, with Qdrant's denial messages.</summary>
public static class AccessChecker
{
    /// <summary>Null when allowed, else the reason (without the "Forbidden: " prefix).</summary>
    public static string? Check(Access access, Requirement requirement, string? collection)
    {
        switch (requirement.Scope)
        {
            case RequirementScope.Public:
            case RequirementScope.Filtered:
                return null;
            case RequirementScope.Global:
                return access.Global switch
                {
                    null => "Global access is required",
                    GlobalAccessMode.Read when requirement.Write || requirement.Manage => "Global manage access is required",
                    _ => null,
                };
            default:
                return CheckCollection(access, requirement, collection ?? string.Empty);
        }
    }

    /// <summary>The collection-scoped check alone (also used for collections named inside bodies, e.g. <c>lookup_from</c>).</summary>
    public static string? CheckCollection(Access access, Requirement requirement, string collection)
    {
        if (access.Global is { } global)
        {
            return global == GlobalAccessMode.Read && (requirement.Write || requirement.Manage) ? "Global manage access is required" : null;
        }

        if (access.ModeFor(collection) is not { } mode)
        {
            return $"Access to collection {collection} is required";
        }

        if (requirement.Extras && mode == CollectionAccessMode.PointsReadWrite)
        {
            return $"Only points access is allowed for collection {collection}";
        }

        if (requirement.Write && mode == CollectionAccessMode.Read)
        {
            return $"Write access to collection {collection} is required";
        }

        return requirement.Manage ? "Manage access for this operation is required" : null;
    }
}
