using System.Text.Json.Nodes;
using Keelson.Engine.Model;
using Keelson.Server.Http;
using Keelson.Server.Rbac;
using Keelson.Server.Settings;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Applications;

public static partial class ApplicationReadEndpoints
{
    /// <summary>
    /// GET …/syncwindows: the project's windows assigned to the Application, those open now, and whether a manual sync
    /// may start now (<see cref="SyncWindows.CanSync"/>, as Argo CD answers it for the UI).
    /// </summary>
    private static async Task<IResult> SyncWindowsAsync(HttpContext context, string name, ApplicationCache cache, RbacService rbac, ServerOptions options,
        ApplicationSources sources)
    {
        var (cached, denied) = Find(context, cache, rbac, options, name);
        if (cached is null) return denied!;
        var project = await sources.ProjectAsync(cached.Project, context.RequestAborted);
        if (project is null) return ArgoError.NotFound($"appprojects.argoproj.io \"{cached.Project}\" not found");
        SyncWindows assigned;
        try
        {
            assigned = SyncWindows.Of(project).AssignedTo(Application.Parse(cached.Object));
        }
        catch (FormatException ex)
        {
            return ArgoError.Result(GrpcCode.FailedPrecondition, $"invalid sync windows: {ex.Message}");
        }
        if (assigned.Errors() is { Count: > 0 } errors)
            return ArgoError.Result(GrpcCode.FailedPrecondition, $"invalid sync windows in project {project.Name}: {string.Join("; ", errors)}");
        var now = options.Time.GetUtcNow();
        var body = new JsonObject();
        // Go's omitempty: a list with no window is left out.
        if (Windows(assigned.ActiveAt(now)) is { } active) body["activeWindows"] = active;
        if (Windows(assigned.Windows) is { } all) body["assignedWindows"] = all;
        body["canSync"] = assigned.CanSync(manual: true, now);
        return ApplicationEndpoints.Json(body);
    }

    private static JsonArray? Windows(IReadOnlyList<SyncWindow> windows) => windows.Count == 0 ? null : new JsonArray(windows.Select(w => (JsonNode)new JsonObject
    {
        ["kind"] = w.Kind,
        ["schedule"] = w.Schedule,
        ["duration"] = w.Duration,
        ["manualSync"] = w.ManualSync,
    }).ToArray());
}
