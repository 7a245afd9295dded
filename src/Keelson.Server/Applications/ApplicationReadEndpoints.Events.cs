using System.Text.Json.Nodes;
using Keelson.Engine.Kube;
using Keelson.Engine.Model;
using Keelson.Resources;
using Keelson.Server.Http;
using Keelson.Server.Rbac;
using Keelson.Server.Settings;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Applications;

public static partial class ApplicationReadEndpoints
{
    /// <summary>
    /// GET …/events: a core/v1 EventList. Without <c>resourceName</c>/<c>resourceUID</c>, the Application's own events
    /// (control cluster, its namespace); with them, the events of that object, which must be a node of the
    /// Application's resource tree (name, namespace and uid all matching), read from the destination cluster.
    /// </summary>
    private static async Task<IResult> EventsAsync(HttpContext context, string name, ApplicationCache cache, RbacService rbac, ServerOptions options,
        KubeClient control, ApplicationSources sources)
    {
        var (cached, denied) = Find(context, cache, rbac, options, name);
        if (cached is null) return denied!;
        var query = context.Request.Query;
        var resourceName = query["resourceName"].ToString();
        var resourceUid = query["resourceUID"].ToString();
        var resourceNamespace = query["resourceNamespace"].ToString();
        KubeClient cluster;
        string ns, selector;
        if (resourceName.Length == 0 && resourceUid.Length == 0)
        {
            (cluster, ns) = (control, cached.Namespace);
            selector = Selector(cached.Name, cached.Object.GetPath("metadata", "uid")?.ToString() ?? "", cached.Namespace);
        }
        else
        {
            if (sources.Clusters.Resolve(Application.Parse(cached.Object).Spec.Destination) is not { } destination)
                return ArgoError.InvalidArgument($"application {name}: its destination cluster is not known to Keelson");
            var tree = await ResourceTree.BuildAsync(cached.Object, destination.Client, context.RequestAborted);
            var found = (tree["nodes"] as JsonArray ?? []).OfType<JsonObject>().Any(n =>
                n["uid"]?.ToString() == resourceUid && n["name"]?.ToString() == resourceName && (n["namespace"]?.ToString() ?? "") == resourceNamespace);
            if (!found) return ArgoError.InvalidArgument($"{resourceName} not found as part of application {name}");
            (cluster, ns) = (destination.Client, resourceNamespace);
            selector = Selector(resourceName, resourceUid, resourceNamespace);
        }
        var path = (ns.Length == 0 ? "api/v1/events" : $"api/v1/namespaces/{Uri.EscapeDataString(ns)}/events") + "?fieldSelector=" + Uri.EscapeDataString(selector);
        var list = await cluster.GetRawAsync(path, context.RequestAborted);
        return ApplicationEndpoints.Json(new JsonObject
        {
            ["metadata"] = list["metadata"]?.DeepClone() ?? new JsonObject(),
            ["items"] = list["items"]?.DeepClone() ?? new JsonArray(),
        });
    }

    private static string Selector(string name, string uid, string ns) =>
        $"involvedObject.name={name},involvedObject.uid={uid},involvedObject.namespace={ns}";
}
