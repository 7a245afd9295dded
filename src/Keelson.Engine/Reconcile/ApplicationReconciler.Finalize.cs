using System.Text.Json.Nodes;
using Keelson.Engine.Kube;
using Keelson.Engine.Model;
using Keelson.Resources;

namespace Keelson.Engine.Reconcile;

public sealed partial class ApplicationReconciler
{
    /// <summary>
    /// An Application being deleted with Argo CD's resources finalizer: deletes every object it deployed (and still
    /// owns, by tracking id), waits until they are gone, then removes the finalizer so the Application goes too.
    /// </summary>
    private async Task FinalizeAsync(Application app, CancellationToken cancellationToken)
    {
        var finalizers = app.Finalizers;
        var ours = finalizers.Where(f => f.StartsWith(ArgoAnnotations.ResourcesFinalizer, StringComparison.Ordinal)).ToList();
        if (ours.Count == 0) return;
        var cluster = _clusters.Resolve(app.Spec.Destination);
        if (cluster is not null)
        {
            var remaining = 0;
            foreach (var r in app.Status.Resources ?? [])
            {
                var apiVersion = r.Group.Length == 0 ? r.Version : $"{r.Group}/{r.Version}";
                var type = await cluster.Client.FindAsync(apiVersion, r.Kind, cancellationToken) ?? await cluster.Client.FindPreferredAsync(r.Group, r.Kind, cancellationToken);
                if (type is null) continue;
                var ns = type.Namespaced ? r.Namespace : null;
                var live = await cluster.Client.GetAsync(type, ns, r.Name, cancellationToken);
                var id = new ResourceId(r.Group, r.Kind, r.Namespace ?? "", r.Name);
                if (live is null || live.GetAnnotations().GetValueOrDefault(ArgoAnnotations.TrackingId) != id.TrackingId(app.Name)) continue;
                if (live.GetMetadata()?["deletionTimestamp"] is null)
                {
                    var propagation = ours.Contains(ArgoAnnotations.ResourcesFinalizerBackground) ? "Background" : "Foreground";
                    await cluster.Client.DeleteAsync(type, ns, r.Name, propagation, cancellationToken: cancellationToken);
                }
                remaining++;
            }
            if (remaining > 0)
            {
                // Foreground deletions finish asynchronously: look again shortly.
                Requeue?.Invoke(app.Name, TimeSpan.FromMilliseconds(500));
                return;
            }
        }
        var type2 = (await _control.FindAsync(ArgoAnnotations.ApiVersion, "Application", cancellationToken))!;
        var kept = new JsonArray(finalizers.Where(f => !ours.Contains(f)).Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
        try
        {
            await _control.MergePatchAsync(type2, app.Namespace, app.Name, new JsonObject { ["metadata"] = new JsonObject { ["finalizers"] = kept } }, cancellationToken: cancellationToken);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
        }
        Forget(app.Name);
    }
}
