namespace Keelson.Server.Rbac;

/// <summary>Where a policy line came from: the ConfigMap key (<c>policy.csv</c>, <c>policy.team-a.csv</c>, a project) and its 1-based line.</summary>
public readonly record struct PolicySource(string Key, int Line)
{
    public override string ToString() => Line > 0 ? $"{Key} line {Line}" : Key;
}
