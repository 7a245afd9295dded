namespace Keelson.Server.Rbac;

/// <summary>
/// A <c>p, &lt;subject&gt;, &lt;resource&gt;, &lt;action&gt;, &lt;object&gt;, &lt;effect&gt;</c> line. The subject is compared
/// exactly (through <c>g</c> inheritance); resource, action and object are patterns in the policy's match mode.
/// </summary>
public sealed record PolicyRule(string Subject, string Resource, string Action, string Object, PolicyEffect Effect, PolicySource Source);
