namespace Keelson.Engine.Customizations;

/// <summary>
/// What argocd-cm customizes for one key (<c>group/Kind</c>, <c>Kind</c> for the core group, or a wildcard such as
/// <c>*.crossplane.io/*</c>): a health script, actions, fields to ignore, fields of known types. Argo CD's
/// <c>ResourceOverride</c>.
/// </summary>
public sealed record ResourceOverride
{
    public string HealthLua { get; init; } = "";

    /// <summary>The health script also gets string, math, coroutine and utf8.</summary>
    public bool UseOpenLibs { get; init; }

    /// <summary>The actions, or null when none are configured.</summary>
    public ResourceActions? Actions { get; init; }

    public OverrideIgnoreDiff IgnoreDifferences { get; init; } = OverrideIgnoreDiff.Empty;

    public OverrideIgnoreDiff IgnoreResourceUpdates { get; init; } = OverrideIgnoreDiff.Empty;

    public IReadOnlyList<KnownTypeField> KnownTypeFields { get; init; } = [];
}
