namespace Keelson.Server.Rbac;

/// <summary>
/// The outcome of reading an RBAC policy: the policy when every line is valid, else no policy and every error (the
/// policy is refused whole). Warnings do not refuse it: patterns that cannot match, roles bound but never granted.
/// </summary>
public sealed record RbacPolicyParseResult(RbacPolicy? Policy, IReadOnlyList<PolicyError> Errors, IReadOnlyList<string> Warnings)
{
    public bool IsValid => Policy is not null;

    /// <summary>The errors, one a line ("policy.csv line 4: a 'p' line has 6 fields, found 5"); empty when valid.</summary>
    public string ErrorMessage => string.Join("\n", Errors);
}
