namespace Keelson.Server.Rbac;

/// <summary>
/// One of an AppProject's <c>spec.roles</c>: its policy lines (subject <c>proj:&lt;project&gt;:&lt;role&gt;</c>), the
/// SSO groups that have it, and the tokens issued for it that are still valid (a token no longer listed is revoked).
/// </summary>
public sealed record ProjectRole(string Name)
{
    public string? Description { get; init; }

    public IReadOnlyList<string> Policies { get; init; } = [];

    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>The tokens of <c>spec.roles[].jwtTokens</c> and of <c>status.jwtTokensByRole</c> (where Argo CD 2.x+ keeps them).</summary>
    public IReadOnlyList<ProjectToken> JwtTokens { get; init; } = [];
}
