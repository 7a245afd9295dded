namespace Keelson.Server.Rbac;

/// <summary>Why a policy was refused, at which key and line: "policy.csv line 4: a 'p' line has 6 fields, found 5".</summary>
public sealed record PolicyError(PolicySource Source, string Reason)
{
    public override string ToString() => $"{Source}: {Reason}";
}
