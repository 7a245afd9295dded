using System.Threading.Channels;
using k8s;
using k8s.Models;

namespace Keelson.Cluster.Tests.Api;

public sealed class WatchTests(RunningCluster server) : IClassFixture<RunningCluster>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private IKubernetes Client => server.Client;

    [Fact]
    public async Task Watch_from_a_resource_version_delivers_later_changes_in_order()
    {
        var ns = await server.NewNamespaceAsync();
        var first = await Client.CoreV1.CreateNamespacedConfigMapAsync(Manifests.ConfigMap("a", ns), ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(Manifests.ConfigMap("b", ns), ns);
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("a", ns);

        using var cts = new CancellationTokenSource(Deadline);
        var seen = new List<(WatchEventType, string)>();
        await foreach (var (type, cm) in Client.CoreV1.WatchListNamespacedConfigMapAsync(ns, resourceVersion: first.Metadata.ResourceVersion, cancellationToken: cts.Token))
        {
            seen.Add((type, cm.Metadata.Name));
            if (seen.Count == 2) break;
        }
        Assert.Equal([(WatchEventType.Added, "b"), (WatchEventType.Deleted, "a")], seen);
    }

    [Fact]
    public async Task Watch_without_version_starts_with_current_state_then_follows_changes()
    {
        var ns = await server.NewNamespaceAsync();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(Manifests.ConfigMap("existing", ns), ns);
        var events = Channel.CreateUnbounded<(WatchEventType, V1ConfigMap)>();
        using var cts = new CancellationTokenSource(Deadline);
        var reader = Task.Run(async () =>
        {
            await foreach (var e in Client.CoreV1.WatchListNamespacedConfigMapAsync(ns, cancellationToken: cts.Token)) await events.Writer.WriteAsync(e);
        });

        var (t1, o1) = await events.Reader.ReadAsync(cts.Token);
        Assert.Equal((WatchEventType.Added, "existing"), (t1, o1.Metadata.Name));
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"data\":{\"key\":\"2\"}}", V1Patch.PatchType.MergePatch), "existing", ns);
        var (t2, o2) = await events.Reader.ReadAsync(cts.Token);
        Assert.Equal(WatchEventType.Modified, t2);
        Assert.Equal("2", o2.Data["key"]);
        await cts.CancelAsync();
    }

    [Fact]
    public async Task Watch_with_label_selector_sees_objects_leave_the_selection_as_deleted()
    {
        var ns = await server.NewNamespaceAsync();
        var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(Manifests.ConfigMap("sel", ns, new() { ["watched"] = "yes" }), ns);
        using var cts = new CancellationTokenSource(Deadline);
        var patchTask = Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"metadata\":{\"labels\":{\"watched\":\"no\"}}}", V1Patch.PatchType.MergePatch), "sel", ns);
        await patchTask;
        await foreach (var (type, obj) in Client.CoreV1.WatchListNamespacedConfigMapAsync(ns, labelSelector: "watched=yes", resourceVersion: cm.Metadata.ResourceVersion, cancellationToken: cts.Token))
        {
            Assert.Equal(WatchEventType.Deleted, type);
            Assert.Equal("no", obj.Metadata.Labels["watched"]);
            break;
        }
    }

    [Fact]
    public async Task Watch_honours_timeout_seconds()
    {
        var ns = await server.NewNamespaceAsync();
        using var http = server.Cluster.CreateHttpClient();
        using var cts = new CancellationTokenSource(Deadline);
        var started = DateTime.UtcNow;
        using var response = await http.GetAsync($"api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion=1&timeoutSeconds=1", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(cts.Token);
        Assert.False(cts.IsCancellationRequested, "the server should have ended the watch after timeoutSeconds=1");
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9), "the watch ended before its timeout");
        Assert.Equal("", body);
    }

    [Fact]
    public async Task Watch_of_a_custom_resource_through_generic_client()
    {
        var ns = await server.NewNamespaceAsync();
        await Widgets.InstallAsync(Client);
        var widgets = new GenericClient(Client, "example.com", "v1", "widgets", disposeClient: false);
        using var cts = new CancellationTokenSource(Deadline);
        var events = Channel.CreateUnbounded<(WatchEventType, Widgets.WidgetObject)>();
        var reader = Task.Run(async () =>
        {
            await foreach (var e in widgets.WatchNamespacedAsync<Widgets.WidgetObject>(ns, cancel: cts.Token)) await events.Writer.WriteAsync(e);
        });
        await widgets.CreateNamespacedAsync(Widgets.Widget("w", ns), ns);
        var (type, obj) = await events.Reader.ReadAsync(cts.Token);
        Assert.Equal(WatchEventType.Added, type);
        Assert.Equal("w", obj.Metadata.Name);
        await cts.CancelAsync();
    }
}
