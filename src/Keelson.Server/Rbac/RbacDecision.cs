namespace Keelson.Server.Rbac;

/// <summary>An enforcer's answer: whether the subject may, and the request it was checked as (for the denial message).</summary>
public readonly record struct RbacDecision(bool Allowed, RbacRequest Request, string Subject)
{
    /// <summary>
    /// Argo CD's message for a denial: <c>permission denied: applications, sync, default/guestbook-dev, sub: alice</c>
    /// (without the subject when it is empty); null when allowed. The HTTP layer adds the token's <c>iat</c>.
    /// </summary>
    public string? DenialMessage => Allowed ? null : RbacEnforcer.PermissionDenied(Request, Subject);
}
