namespace Keelson.Server.Rbac;

/// <summary>A JWT issued for a project role, as the AppProject lists it: issued-at and expiry (Unix seconds), and its id (<c>jti</c>).</summary>
public sealed record ProjectToken(long IssuedAt, long? ExpiresAt = null, string? Id = null);
