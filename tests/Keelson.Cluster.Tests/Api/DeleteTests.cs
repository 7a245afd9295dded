using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Keelson.Cluster.Tests.Api;

public sealed class DeleteTests(RunningCluster server) : IClassFixture<RunningCluster>
{
    private IKubernetes Client => server.Client;

    [Fact]
    public async Task Finalizers_hold_an_object_with_a_deletion_timestamp_until_removed()
    {
        var ns = await server.NewNamespaceAsync();
        var cm = Manifests.ConfigMap("held", ns);
        cm.Metadata.Finalizers = ["example.com/hold"];
        await Client.CoreV1.CreateNamespacedConfigMapAsync(cm, ns);
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("held", ns);

        var marked = await Client.CoreV1.ReadNamespacedConfigMapAsync("held", ns);
        Assert.NotNull(marked.Metadata.DeletionTimestamp);

        var addMore = new V1Patch("{\"metadata\":{\"finalizers\":[\"example.com/hold\",\"example.com/more\"]}}", V1Patch.PatchType.MergePatch);
        var ex = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.PatchNamespacedConfigMapAsync(addMore, "held", ns));
        Assert.Equal(HttpStatusCode.Forbidden, ex.Response.StatusCode);

        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"metadata\":{\"finalizers\":null}}", V1Patch.PatchType.MergePatch), "held", ns);
        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReadNamespacedConfigMapAsync("held", ns));
        Assert.Equal(HttpStatusCode.NotFound, gone.Response.StatusCode);
    }

    [Fact]
    public async Task Background_deletion_removes_dependents()
    {
        var ns = await server.NewNamespaceAsync();
        var owner = await Client.CoreV1.CreateNamespacedConfigMapAsync(Manifests.ConfigMap("owner", ns), ns);
        var dependent = Manifests.ConfigMap("dependent", ns);
        dependent.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = owner.Metadata.Uid }];
        await Client.CoreV1.CreateNamespacedConfigMapAsync(dependent, ns);

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns, propagationPolicy: "Background");
        await Eventually.HoldsAsync(async () => (await Client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items.Count == 0, "dependent ConfigMap deleted by the garbage collector");
    }

    [Fact]
    public async Task Orphan_deletion_keeps_dependents_without_the_reference()
    {
        var ns = await server.NewNamespaceAsync();
        var owner = await Client.CoreV1.CreateNamespacedConfigMapAsync(Manifests.ConfigMap("owner", ns), ns);
        var dependent = Manifests.ConfigMap("dependent", ns);
        dependent.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = owner.Metadata.Uid }];
        await Client.CoreV1.CreateNamespacedConfigMapAsync(dependent, ns);

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns, propagationPolicy: "Orphan");
        await Eventually.HoldsAsync(async () => (await Client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items.Select(i => i.Metadata.Name).SequenceEqual(["dependent"]), "owner gone, dependent kept");
        var kept = await Client.CoreV1.ReadNamespacedConfigMapAsync("dependent", ns);
        Assert.Null(kept.Metadata.OwnerReferences);
    }

    [Fact]
    public async Task Deleting_a_namespace_empties_it_and_then_removes_it()
    {
        var ns = await server.NewNamespaceAsync();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(Manifests.ConfigMap("a", ns), ns);
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Manifests.Deployment("d", ns), ns);
        await Client.CoreV1.DeleteNamespaceAsync(ns);
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                await Client.CoreV1.ReadNamespaceAsync(ns);
                return false;
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return true;
            }
        }, $"namespace {ns} removed");
        Assert.Empty((await Client.AppsV1.ListNamespacedDeploymentAsync(ns)).Items);
    }

    [Fact]
    public async Task Delete_collection_honours_the_label_selector()
    {
        var ns = await server.NewNamespaceAsync();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(Manifests.ConfigMap("x", ns, new() { ["drop"] = "yes" }), ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(Manifests.ConfigMap("y", ns), ns);
        await Client.CoreV1.DeleteCollectionNamespacedConfigMapAsync(ns, labelSelector: "drop=yes");
        Assert.Equal(["y"], (await Client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items.Select(i => i.Metadata.Name));
    }
}
