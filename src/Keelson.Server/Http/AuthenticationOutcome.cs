using Keelson.Server.Rbac;

namespace Keelson.Server.Http;

/// <summary>The claims of an authenticated caller, or the message of a 401 ("no session information", "invalid session: …").</summary>
public readonly record struct AuthenticationOutcome(RbacClaims? Claims, string? Failure)
{
    public static AuthenticationOutcome Success(RbacClaims claims) => new(claims, null);

    public static AuthenticationOutcome Fail(string message) => new(null, message);
}
