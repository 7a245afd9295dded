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

    private async Task<V1ConfigMap> DependentAsync(string ns, string name, V1ConfigMap owner, bool block = true, IList<string>? finalizers = null)
    {
        var dependent = Manifests.ConfigMap(name, ns);
        dependent.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = owner.Metadata.Name, Uid = owner.Metadata.Uid, BlockOwnerDeletion = block }];
        dependent.Metadata.Finalizers = finalizers;
        return await Client.CoreV1.CreateNamespacedConfigMapAsync(dependent, ns);
    }

    private async Task<bool> GoneAsync(string ns, string name)
    {
        try
        {
            await Client.CoreV1.ReadNamespacedConfigMapAsync(name, ns);
            return false;
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return true;
        }
    }

    [Fact]
    public async Task Foreground_deletion_holds_the_owner_until_its_last_blocking_dependent_is_gone()
    {
        var ns = await server.NewNamespaceAsync();
        var owner = await Client.CoreV1.CreateNamespacedConfigMapAsync(Manifests.ConfigMap("owner", ns), ns);
        await DependentAsync(ns, "held", owner, finalizers: ["example.com/hold"]);

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns, propagationPolicy: "Foreground");
        await Eventually.HoldsAsync(async () => (await Client.CoreV1.ReadNamespacedConfigMapAsync("held", ns)).Metadata.DeletionTimestamp is not null, "dependent marked for deletion");

        // A dependent created while the owner waits is deleted too.
        await DependentAsync(ns, "late", owner);
        await Eventually.HoldsAsync(() => GoneAsync(ns, "late"), "dependent created during the foreground deletion deleted");
        var waiting = await Client.CoreV1.ReadNamespacedConfigMapAsync("owner", ns);
        Assert.Contains("foregroundDeletion", waiting.Metadata.Finalizers);

        // The last blocking dependent going is what releases the owner.
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"metadata\":{\"finalizers\":null}}", V1Patch.PatchType.MergePatch), "held", ns);
        await Eventually.HoldsAsync(() => GoneAsync(ns, "owner"), "owner removed once its dependents are gone", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Foreground_deletion_does_not_wait_for_dependents_that_do_not_block()
    {
        var ns = await server.NewNamespaceAsync();
        var owner = await Client.CoreV1.CreateNamespacedConfigMapAsync(Manifests.ConfigMap("owner", ns), ns);
        await DependentAsync(ns, "free", owner, block: false, finalizers: ["example.com/hold"]);

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns, propagationPolicy: "Foreground");
        await Eventually.HoldsAsync(() => GoneAsync(ns, "owner"), "owner removed without waiting for a non-blocking dependent");
        Assert.NotNull((await Client.CoreV1.ReadNamespacedConfigMapAsync("free", ns)).Metadata.DeletionTimestamp);
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"metadata\":{\"finalizers\":null}}", V1Patch.PatchType.MergePatch), "free", ns);
    }

    [Fact]
    public async Task A_dependent_whose_owner_is_gone_is_collected()
    {
        var ns = await server.NewNamespaceAsync();
        var owner = await Client.CoreV1.CreateNamespacedConfigMapAsync(Manifests.ConfigMap("owner", ns), ns);
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns);
        await DependentAsync(ns, "dangling", owner);
        await Eventually.HoldsAsync(() => GoneAsync(ns, "dangling"), "dependent of an absent owner deleted");
    }

    [Fact]
    public async Task A_dependent_with_another_owner_loses_the_reference_to_a_deleted_one()
    {
        var ns = await server.NewNamespaceAsync();
        var first = await Client.CoreV1.CreateNamespacedConfigMapAsync(Manifests.ConfigMap("first", ns), ns);
        var second = await Client.CoreV1.CreateNamespacedConfigMapAsync(Manifests.ConfigMap("second", ns), ns);
        var dependent = Manifests.ConfigMap("shared", ns);
        dependent.Metadata.OwnerReferences =
        [
            new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "first", Uid = first.Metadata.Uid, BlockOwnerDeletion = true },
            new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "second", Uid = second.Metadata.Uid },
        ];
        await Client.CoreV1.CreateNamespacedConfigMapAsync(dependent, ns);

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("first", ns, propagationPolicy: "Foreground");
        await Eventually.HoldsAsync(() => GoneAsync(ns, "first"), "foreground owner removed: the dependent has another owner");
        await Eventually.HoldsAsync(async () => (await Client.CoreV1.ReadNamespacedConfigMapAsync("shared", ns)).Metadata.OwnerReferences?.Select(r => r.Name).SequenceEqual(["second"]) == true,
            "reference to the deleted owner dropped, the other kept");
        Assert.Null((await Client.CoreV1.ReadNamespacedConfigMapAsync("shared", ns)).Metadata.DeletionTimestamp);
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
