namespace Keelson.Server.Rbac;

/// <summary>A <c>g, &lt;member&gt;, &lt;role&gt;</c> line: the member (user, group or role) has every permission of the role.</summary>
public sealed record RoleBinding(string Member, string Role, PolicySource Source);
