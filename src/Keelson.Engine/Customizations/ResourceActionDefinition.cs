namespace Keelson.Engine.Customizations;

/// <summary>One action of a resource override: its name and the <c>action.lua</c> that computes what it changes.</summary>
public sealed record ResourceActionDefinition(string Name, string ActionLua);
