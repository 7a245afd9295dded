namespace Keelson.Engine.Customizations;

/// <summary>
/// The fields a resource override leaves out of the comparison (<c>ignoreDifferences</c>) or out of the decision to
/// reconcile on a change (<c>ignoreResourceUpdates</c>), as argocd-cm spells them.
/// </summary>
public sealed record OverrideIgnoreDiff
{
    public static OverrideIgnoreDiff Empty { get; } = new();

    public IReadOnlyList<string> JsonPointers { get; init; } = [];

    public IReadOnlyList<string> JqPathExpressions { get; init; } = [];

    public IReadOnlyList<string> ManagedFieldsManagers { get; init; } = [];

    public bool IsEmpty => JsonPointers.Count == 0 && JqPathExpressions.Count == 0 && ManagedFieldsManagers.Count == 0;

    /// <summary>Both lists of each kind, this one's first.</summary>
    public OverrideIgnoreDiff Concat(OverrideIgnoreDiff other) => new()
    {
        JsonPointers = [.. JsonPointers, .. other.JsonPointers],
        JqPathExpressions = [.. JqPathExpressions, .. other.JqPathExpressions],
        ManagedFieldsManagers = [.. ManagedFieldsManagers, .. other.ManagedFieldsManagers],
    };

    /// <summary>As Argo CD prints the value (Go's <c>%s</c> of the struct): <c>{[/a /b] [] []}</c>.</summary>
    public override string ToString() =>
        $"{{[{string.Join(' ', JsonPointers)}] [{string.Join(' ', JqPathExpressions)}] [{string.Join(' ', ManagedFieldsManagers)}]}}";
}
