using System.Text.Json;

namespace Keelson.Engine.Model;

/// <summary>
/// A set of sync windows (an AppProject's, or those of it assigned to one Application) and Argo CD's rules for them:
/// with no window a sync is allowed; an active deny window blocks (a manual sync passes when every active deny window
/// has <c>manualSync</c>); otherwise an active allow window allows; otherwise, when there are allow windows, none of
/// them open, a sync is blocked (a manual sync passes when every inactive allow window has <c>manualSync</c>).
/// </summary>
/// <remarks>
/// <c>syncOverrun</c> (letting a running sync finish across a window's edge) needs the operation's start and is not
/// evaluated here. Pure: time is passed in.
/// </remarks>
public sealed class SyncWindows(IReadOnlyList<SyncWindow> windows)
{
    public IReadOnlyList<SyncWindow> Windows { get; } = windows;

    /// <summary>The windows of <paramref name="project"/>; throws <see cref="FormatException"/> when they cannot be read.</summary>
    public static SyncWindows Of(AppProject project)
    {
        try
        {
            return new SyncWindows(ArgoJson.Read<List<SyncWindow>>(project.Spec.SyncWindows) ?? []);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"AppProject {project.Name}: spec.syncWindows{ex.Path?.TrimStart('$')}: {ex.Message}", ex);
        }
    }

    /// <summary>Every invalid window, as <c>syncWindows[i]: reason</c>; empty when all are valid.</summary>
    public IReadOnlyList<string> Errors() =>
        Windows.Select((w, i) => w.Validate() is { } error ? $"syncWindows[{i}]: {error}" : null).OfType<string>().ToList();

    /// <summary>The windows assigned to an Application (see <see cref="SyncWindow.AppliesTo"/>).</summary>
    public SyncWindows AssignedTo(Application app) => AssignedTo(app.Name, app.Spec.Destination);

    public SyncWindows AssignedTo(string application, ApplicationDestination destination) =>
        new(Windows.Where(w => w.AppliesTo(application, destination)).ToList());

    /// <summary>The windows open at <paramref name="now"/>. Throws <see cref="FormatException"/> when a window is invalid.</summary>
    public IReadOnlyList<SyncWindow> ActiveAt(DateTimeOffset now) => Windows.Where(w => w.IsActiveAt(now)).ToList();

    /// <summary>
    /// Whether a sync (<paramref name="manual"/>: asked for by a person, not auto-sync) may start at
    /// <paramref name="now"/>. Throws <see cref="FormatException"/> when a window is invalid.
    /// </summary>
    public bool CanSync(bool manual, DateTimeOffset now)
    {
        if (Windows.Count == 0) return true;
        var active = ActiveAt(now);
        var activeDeny = active.Where(w => w.Kind == SyncWindow.Deny).ToList();
        if (activeDeny.Count > 0) return manual && activeDeny.All(w => w.ManualSync);
        if (active.Any(w => w.Kind == SyncWindow.Allow)) return true;
        var inactiveAllow = Windows.Where(w => w.Kind == SyncWindow.Allow).ToList();
        if (inactiveAllow.Count == 0) return true;
        return manual && inactiveAllow.All(w => w.ManualSync);
    }
}
