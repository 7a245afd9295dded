namespace Keelson.Server.Rbac;

/// <summary>The last field of a <c>p</c> line. Deny wins: a request is allowed when some rule allows it and none denies it.</summary>
public enum PolicyEffect
{
    Allow,
    Deny,
}
