using System.Text.Json.Nodes;
using Keelson.Engine.Kube;
using Keelson.Resources;

namespace Keelson.Server.Projects;

/// <summary>
/// Kubernetes Events about AppProjects, as Argo CD's audit logger writes them (<c>admin created project</c>, reason
/// <c>ResourceCreated</c>) and as <c>GET /api/v1/projects/{name}/events</c> lists them.
/// </summary>
internal static class ProjectEvents
{
    /// <summary>Records "<paramref name="user"/> <paramref name="action"/>" about the project. An audit Event that cannot be written does not undo the change.</summary>
    public static async Task RecordAsync(KubeClient control, JsonObject project, string user, string action, CancellationToken cancellationToken)
    {
        if (await control.FindAsync("v1", "Event", cancellationToken) is not { } type) return;
        var ns = project.GetNamespace() ?? "argocd";
        var now = KubeTime.Format(DateTimeOffset.UtcNow);
        var reason = action.StartsWith("created", StringComparison.Ordinal) ? "ResourceCreated"
            : action.StartsWith("deleted", StringComparison.Ordinal) ? "ResourceDeleted" : "ResourceUpdated";
        var evt = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = $"{project.GetName()}.{Guid.NewGuid():N}", ["namespace"] = ns },
            ["involvedObject"] = new JsonObject
            {
                ["kind"] = "AppProject",
                ["namespace"] = ns,
                ["name"] = project.GetName(),
                ["uid"] = project.GetUid(),
                ["apiVersion"] = "argoproj.io/v1alpha1",
                ["resourceVersion"] = project.GetResourceVersion(),
            },
            ["reason"] = reason,
            ["message"] = $"{(user.Length > 0 ? user : "Unknown user")} {action}",
            ["source"] = new JsonObject { ["component"] = "argocd-server" },
            ["firstTimestamp"] = now,
            ["lastTimestamp"] = now,
            ["count"] = 1,
            ["type"] = "Normal",
        };
        try
        {
            await control.CreateAsync(type, evt, "argocd-server", cancellationToken: cancellationToken);
        }
        catch (KubeApiException)
        {
            // Argo CD's audit logger also only logs when an Event cannot be written.
        }
    }

    /// <summary>The Events whose involved object is this AppProject (by name and uid), oldest first.</summary>
    public static async Task<IReadOnlyList<JsonObject>> ListAsync(KubeClient control, JsonObject project, CancellationToken cancellationToken)
    {
        if (await control.FindAsync("v1", "Event", cancellationToken) is not { } type) return [];
        var (items, _) = await control.ListAsync(type, project.GetNamespace(), null, cancellationToken);
        return items.Where(e => e.GetPath("involvedObject", "kind")?.ToString() == "AppProject"
                && e.GetPath("involvedObject", "name")?.ToString() == project.GetName()
                && e.GetPath("involvedObject", "uid")?.ToString() == project.GetUid())
            .OrderBy(e => e["lastTimestamp"]?.ToString(), StringComparer.Ordinal).ToList();
    }
}
