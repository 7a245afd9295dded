using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Keelson.Cluster.Tests.Api;

public sealed class PatchTests(RunningCluster server) : IClassFixture<RunningCluster>
{
    private IKubernetes Client => server.Client;

    [Fact]
    public async Task Json_patch_replaces_a_path()
    {
        var ns = await server.NewNamespaceAsync();
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Manifests.Deployment("web", ns), ns);
        var patch = "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":3}]";
        var d = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.JsonPatch), "web", ns);
        Assert.Equal(3, d.Spec.Replicas);
    }

    [Fact]
    public async Task Merge_patch_replaces_lists_whole()
    {
        var ns = await server.NewNamespaceAsync();
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Manifests.Deployment("web", ns), ns);
        var patch = "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"image\":\"busybox:1.36\"}]}}}}";
        var d = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), "web", ns);
        Assert.Equal(["sidecar"], d.Spec.Template.Spec.Containers.Select(c => c.Name));
    }

    [Fact]
    public async Task Strategic_merge_patch_merges_containers_by_name()
    {
        var ns = await server.NewNamespaceAsync();
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Manifests.Deployment("web", ns), ns);
        var patch = "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.28\"},{\"name\":\"sidecar\",\"image\":\"busybox:1.36\"}]}}}}";
        var d = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), "web", ns);
        Assert.Equal(["web", "sidecar"], d.Spec.Template.Spec.Containers.Select(c => c.Name));
        Assert.Equal("nginx:1.28", d.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal(80, d.Spec.Template.Spec.Containers[0].Ports[0].ContainerPort);
        Assert.Equal(2, d.Metadata.Generation);
    }

    [Fact]
    public async Task Patch_carrying_a_stale_resource_version_is_409()
    {
        var ns = await server.NewNamespaceAsync();
        var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(Manifests.ConfigMap("cfg", ns), ns);
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"data\":{\"key\":\"2\"}}", V1Patch.PatchType.MergePatch), "cfg", ns);
        var stale = $"{{\"metadata\":{{\"resourceVersion\":\"{cm.Metadata.ResourceVersion}\"}},\"data\":{{\"key\":\"3\"}}}}";
        var ex = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(stale, V1Patch.PatchType.MergePatch), "cfg", ns));
        Assert.Equal(HttpStatusCode.Conflict, ex.Response.StatusCode);
    }

    [Fact]
    public async Task Server_side_apply_creates_then_updates_and_records_the_manager()
    {
        var ns = await server.NewNamespaceAsync();
        var body = Apply(ns, "web", replicas: 2);
        var created = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(body, V1Patch.PatchType.ApplyPatch), "web", ns, fieldManager: "keelson");
        Assert.Equal(2, created.Spec.Replicas);
        var entry = Assert.Single(created.Metadata.ManagedFields);
        Assert.Equal("keelson", entry.Manager);
        Assert.Equal("Apply", entry.Operation);

        var updated = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(Apply(ns, "web", replicas: 3), V1Patch.PatchType.ApplyPatch), "web", ns, fieldManager: "keelson");
        Assert.Equal(3, updated.Spec.Replicas);
        Assert.Equal(2, updated.Metadata.Generation);
    }

    [Fact]
    public async Task Server_side_apply_conflict_is_409_with_field_causes_and_force_takes_over()
    {
        var ns = await server.NewNamespaceAsync();
        await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(Apply(ns, "web", replicas: 2), V1Patch.PatchType.ApplyPatch), "web", ns, fieldManager: "first");
        var ex = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(Apply(ns, "web", replicas: 5), V1Patch.PatchType.ApplyPatch), "web", ns, fieldManager: "second"));
        Assert.Equal(HttpStatusCode.Conflict, ex.Response.StatusCode);
        Assert.Contains("FieldManagerConflict", ex.Response.Content);
        Assert.Contains(".spec.replicas", ex.Response.Content);
        Assert.Contains("first", ex.Response.Content);

        var forced = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(Apply(ns, "web", replicas: 5), V1Patch.PatchType.ApplyPatch), "web", ns, fieldManager: "second", force: true);
        Assert.Equal(5, forced.Spec.Replicas);
    }

    [Fact]
    public async Task Apply_without_field_manager_is_rejected()
    {
        var ns = await server.NewNamespaceAsync();
        var ex = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(Apply(ns, "web", 1), V1Patch.PatchType.ApplyPatch), "web", ns));
        Assert.Equal((HttpStatusCode)422, ex.Response.StatusCode);
    }

    [Fact]
    public async Task Strategic_merge_on_a_custom_resource_is_415()
    {
        var ns = await server.NewNamespaceAsync();
        await Widgets.InstallAsync(Client);
        var widgets = new GenericClient(Client, "example.com", "v1", "widgets", disposeClient: false);
        await widgets.CreateNamespacedAsync(Widgets.Widget("w1", ns), ns);
        var ex = await Assert.ThrowsAsync<HttpOperationException>(() =>
            widgets.PatchNamespacedAsync<Widgets.WidgetObject>(new V1Patch("{\"spec\":{\"size\":2}}", V1Patch.PatchType.StrategicMergePatch), ns, "w1"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, ex.Response.StatusCode);
    }

    private static string Apply(string ns, string name, int replicas) => """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"__NAME__","namespace":"__NS__"},
         "spec":{"replicas":__REPLICAS__,"selector":{"matchLabels":{"app":"__NAME__"}},
         "template":{"metadata":{"labels":{"app":"__NAME__"}},"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}
        """.Replace("__NAME__", name.ToString(), StringComparison.Ordinal).Replace("__NS__", ns.ToString(), StringComparison.Ordinal).Replace("__REPLICAS__", replicas.ToString(), StringComparison.Ordinal);
}
