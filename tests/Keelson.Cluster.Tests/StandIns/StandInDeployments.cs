using System.Text.Json.Nodes;
using Keelson.Cluster.Controllers;
using Keelson.Resources;
using Keelson.Resources.Selection;

namespace Keelson.Cluster.Tests.StandIns;

/// <summary>
/// TEST-ONLY STAND-IN — delete once the real ReplicaSet/Deployment controllers merge. Keeps spec.replicas pods per
/// Deployment (owned by the Deployment directly, labels and annotations from its template) and reports
/// status.replicas/readyReplicas, so the HPA and metrics have pods to look at.
/// </summary>
internal sealed class StandInDeployments : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public StandInDeployments(ClusterClient client) => _loop = Task.Run(() => RunAsync(client));

    private async Task RunAsync(ClusterClient client)
    {
        var deployments = client.Type("apps", "v1", "deployments");
        var pods = client.Type("", "v1", "pods");
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                foreach (var deployment in client.List(deployments))
                {
                    var ns = deployment.GetNamespace()!;
                    var uid = deployment.GetUid();
                    var owned = client.List(pods, ns).Where(p => PodFacts.ControllerRef(p)?.GetString("uid") == uid && !PodFacts.IsDeleting(p)).ToList();
                    var wanted = PodFacts.Int(deployment.GetPath("spec", "replicas"), 1);
                    for (var i = owned.Count; i < wanted; i++)
                    {
                        var template = deployment.GetPath("spec", "template") as JsonObject ?? [];
                        var metadata = (JsonObject)(template["metadata"]?.DeepClone() ?? new JsonObject());
                        metadata.Remove("creationTimestamp");
                        metadata["generateName"] = deployment.GetName() + "-";
                        metadata["namespace"] = ns;
                        metadata["ownerReferences"] = new JsonArray(PodFacts.OwnerReference(deployment));
                        await client.CreateAsync(pods, new JsonObject { ["metadata"] = metadata, ["spec"] = template["spec"]?.DeepClone() }, "stand-in-deployments");
                    }
                    foreach (var extra in owned.Skip(wanted)) await client.DeleteAsync(pods, ns, extra.GetName()!);
                    var ready = owned.Take(wanted).Count(PodFacts.IsReady);
                    await client.MutateAsync(deployments, ns, deployment.GetName()!, d =>
                    {
                        var status = new JsonObject
                        {
                            ["observedGeneration"] = d.GetGeneration(),
                            ["replicas"] = Math.Min(owned.Count, wanted),
                            ["updatedReplicas"] = Math.Min(owned.Count, wanted),
                            ["readyReplicas"] = ready,
                            ["availableReplicas"] = ready,
                        };
                        if (JsonNode.DeepEquals(d["status"], status)) return false;
                        d["status"] = status;
                        return true;
                    });
                }
            }
            catch (Keelson.Cluster.Api.ApiException)
            {
                // A conflict or a vanished object: look again on the next pass.
            }
            try
            {
                await Task.Delay(50, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
