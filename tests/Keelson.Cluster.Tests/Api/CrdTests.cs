using System.Net;
using System.Text.Json.Serialization;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Keelson.Cluster.Tests.Api;

public sealed class CrdTests(RunningCluster server) : IClassFixture<RunningCluster>
{
    private IKubernetes Client => server.Client;

    [Fact]
    public async Task Creating_a_crd_serves_its_kind_at_once()
    {
        var ns = await server.NewNamespaceAsync();
        await Widgets.InstallAsync(Client);
        var crd = await Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("widgets.example.com");
        Assert.Contains(crd.Status.Conditions, c => c.Type == "Established" && c.Status == "True");

        var widgets = new GenericClient(Client, "example.com", "v1", "widgets", disposeClient: false);
        var created = await widgets.CreateNamespacedAsync(Widgets.Widget("w1", ns, 3), ns);
        Assert.Equal(1, created.Metadata.Generation);
        var read = await widgets.ReadNamespacedAsync<Widgets.WidgetObject>(ns, "w1");
        Assert.Equal("3", read.Spec!["size"].ToString());
        var patched = await widgets.PatchNamespacedAsync<Widgets.WidgetObject>(new V1Patch("{\"spec\":{\"size\":4}}", V1Patch.PatchType.MergePatch), ns, "w1");
        Assert.Equal(2, patched.Metadata.Generation);
        await widgets.DeleteNamespacedAsync<Widgets.WidgetObject>(ns, "w1");
        var ex = await Assert.ThrowsAsync<HttpOperationException>(() => widgets.ReadNamespacedAsync<Widgets.WidgetObject>(ns, "w1"));
        Assert.Equal(HttpStatusCode.NotFound, ex.Response.StatusCode);
    }

    [Fact]
    public async Task Custom_resource_status_subresource_keeps_spec_and_status_apart()
    {
        var ns = await server.NewNamespaceAsync();
        await Widgets.InstallAsync(Client);
        var widgets = new GenericClient(Client, "example.com", "v1", "widgets", disposeClient: false);
        var w = Widgets.Widget("s1", ns);
        w.Status = new() { ["phase"] = "Ready" };
        var created = await widgets.CreateNamespacedAsync(w, ns);
        Assert.Null(created.Status);

        var status = await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch("{\"status\":{\"phase\":\"Ready\"}}", V1Patch.PatchType.MergePatch), "example.com", "v1", ns, "widgets", "s1");
        var read = await widgets.ReadNamespacedAsync<Widgets.WidgetObject>(ns, "s1");
        Assert.Equal("Ready", read.Status!["phase"].ToString());
        Assert.Equal(1, read.Metadata.Generation);
        Assert.NotNull(status);
    }

    [Fact]
    public async Task Discovery_lists_the_custom_group()
    {
        await Widgets.InstallAsync(Client);
        var groups = await Client.Apis.GetAPIVersionsAsync();
        Assert.Contains(groups.Groups, g => g.Name == "example.com");
    }
}
