namespace Keelson.Engine.Customizations;

/// <summary>
/// The <c>actions</c> of a resource override: <c>discovery.lua</c> (which actions an object offers, disabled or not)
/// and one <c>action.lua</c> per action; with <see cref="MergeBuiltinActions"/>, the built-in actions of the kind are
/// offered as well (the override's winning a name both have).
/// </summary>
public sealed record ResourceActions
{
    public string DiscoveryLua { get; init; } = "";

    public IReadOnlyList<ResourceActionDefinition> Definitions { get; init; } = [];

    public bool MergeBuiltinActions { get; init; }
}
