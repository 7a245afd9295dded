namespace Keelson.Server.Rbac;

/// <summary>
/// The RBAC policy in force as <c>argocd-rbac-cm</c> changes: each <see cref="Load"/> that reads a valid policy
/// replaces it and raises <see cref="Version"/>; one that does not keeps the last valid policy and records why in
/// <see cref="LastError"/>, so a typo in the ConfigMap never drops everyone's access. Thread-safe.
/// </summary>
public sealed class RbacPolicyHolder
{
    private readonly Lock _lock = new();
    private State _state;

    /// <summary>Starts with <paramref name="initial"/> (default: <see cref="RbacPolicy.Empty"/>, the built-in policy alone).</summary>
    public RbacPolicyHolder(RbacPolicy? initial = null) => _state = new State(initial ?? RbacPolicy.Empty, 0, null, []);

    public RbacPolicy Current => _state.Policy;

    /// <summary>Raised by each valid load; caches keyed on it stay right.</summary>
    public long Version => _state.Version;

    /// <summary>Why the last load was refused ("policy.csv line 4: a 'p' line has 6 fields, found 5"); null once a load succeeds.</summary>
    public string? LastError => _state.Error;

    /// <summary>The warnings of the policy in force.</summary>
    public IReadOnlyList<string> Warnings => _state.Warnings;

    /// <summary>Reads the ConfigMap's data; returns the result, whose errors (if any) <see cref="LastError"/> now holds.</summary>
    public RbacPolicyParseResult Load(IReadOnlyDictionary<string, string> configMapData)
    {
        var result = RbacPolicy.Parse(configMapData);
        lock (_lock)
        {
            _state = result.Policy is { } policy
                ? new State(policy, _state.Version + 1, null, result.Warnings)
                : _state with { Error = result.ErrorMessage };
        }
        return result;
    }

    private sealed record State(RbacPolicy Policy, long Version, string? Error, IReadOnlyList<string> Warnings);
}
