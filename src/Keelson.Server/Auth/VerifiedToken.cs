using System.Text.Json.Nodes;
using Keelson.Server.Rbac;

namespace Keelson.Server.Auth;

/// <summary>
/// A token the server issued and still accepts. <see cref="Subject"/> is what RBAC sees: the account name with
/// <c>:login</c> / <c>:apiKey</c> stripped (as Argo CD strips it), or <c>proj:&lt;project&gt;:&lt;role&gt;</c>.
/// <see cref="Claims"/> is the payload with that subject in <c>sub</c>.
/// </summary>
public sealed record VerifiedToken(string Subject, TokenKind Kind, string? Id, DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt, JsonObject Claims)
{
    /// <summary>
    /// A fresh login token when this one had less than <see cref="SessionOptions.RenewWithin"/> left: the HTTP layer
    /// sets it as the cookie (Argo CD's <c>renew-token</c>). Null otherwise.
    /// </summary>
    public string? RenewedToken { get; init; }

    public string Issuer => AuthNames.Issuer;

    /// <summary>
    /// The claims as the RBAC enforcer reads them (subject, groups, <c>iat</c>, <c>jti</c>). For a project-role token
    /// the enforcer checks that (iat, jti) is still listed in the AppProject; this type has not.
    /// </summary>
    public RbacClaims ToRbacClaims() => RbacClaims.FromJwtPayload(Claims);
}
