namespace Keelson.Engine.Customizations;

/// <summary>An action an object offers, as the API lists it (Argo CD's <c>ResourceAction</c>).</summary>
/// <param name="Name">What it is run by.</param>
/// <param name="Disabled">Offered, but pointless in the object's state (pausing a paused rollout).</param>
/// <param name="IconClass">The UI's icon (<c>fa fa-fw fa-redo</c>), or null.</param>
/// <param name="DisplayName">The name the UI shows, or null for <paramref name="Name"/>.</param>
/// <param name="Params">The names of the parameters it takes.</param>
public sealed record ResourceActionInfo(string Name, bool Disabled = false, string? IconClass = null, string? DisplayName = null, IReadOnlyList<string>? Params = null);
