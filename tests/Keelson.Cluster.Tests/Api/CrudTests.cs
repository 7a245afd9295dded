using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Keelson.Cluster.Tests.Api;

public sealed class CrudTests(RunningCluster server) : IClassFixture<RunningCluster>
{
    private IKubernetes Client => server.Client;

    [Fact]
    public async Task Created_deployment_reads_back_with_uid_version_generation_and_defaults()
    {
        var ns = await server.NewNamespaceAsync();
        var created = await Client.AppsV1.CreateNamespacedDeploymentAsync(Manifests.Deployment("web", ns), ns);

        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.False(string.IsNullOrEmpty(created.Metadata.ResourceVersion));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal("RollingUpdate", created.Spec.Strategy.Type);
        Assert.Equal(10, created.Spec.RevisionHistoryLimit);
        Assert.Equal(600, created.Spec.ProgressDeadlineSeconds);
        var container = created.Spec.Template.Spec.Containers[0];
        Assert.Equal("IfNotPresent", container.ImagePullPolicy);
        Assert.Equal("/dev/termination-log", container.TerminationMessagePath);
        Assert.Equal("TCP", container.Ports[0].Protocol);
        Assert.Equal("Always", created.Spec.Template.Spec.RestartPolicy);

        var read = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        // The deployment controller may have written since (revision annotation, status): never older.
        Assert.True(long.Parse(read.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture) >= long.Parse(created.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(created.Metadata.Uid, read.Metadata.Uid);
    }

    [Fact]
    public async Task Generate_name_gets_a_random_suffix()
    {
        var ns = await server.NewNamespaceAsync();
        var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { GenerateName = "cfg-" } }, ns);
        Assert.StartsWith("cfg-", cm.Metadata.Name);
        Assert.Equal(9, cm.Metadata.Name.Length);
    }

    [Fact]
    public async Task Creating_twice_is_409_AlreadyExists()
    {
        var ns = await server.NewNamespaceAsync();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(Manifests.ConfigMap("dup", ns), ns);
        var ex = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedConfigMapAsync(Manifests.ConfigMap("dup", ns), ns));
        Assert.Equal(HttpStatusCode.Conflict, ex.Response.StatusCode);
        Assert.Contains("\"reason\":\"AlreadyExists\"", ex.Response.Content);
        Assert.Contains("configmaps \\\"dup\\\" already exists", ex.Response.Content);
    }

    [Fact]
    public async Task Missing_object_is_404_Status_naming_it()
    {
        var ns = await server.NewNamespaceAsync();
        var ex = await Assert.ThrowsAsync<HttpOperationException>(() => Client.AppsV1.ReadNamespacedDeploymentAsync("nope", ns));
        Assert.Equal(HttpStatusCode.NotFound, ex.Response.StatusCode);
        Assert.Contains("deployments.apps \\\"nope\\\" not found", ex.Response.Content);
    }

    [Fact]
    public async Task Create_in_missing_namespace_is_404_naming_the_namespace()
    {
        var ex = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedConfigMapAsync(Manifests.ConfigMap("x", "ghost"), "ghost"));
        Assert.Equal(HttpStatusCode.NotFound, ex.Response.StatusCode);
        Assert.Contains("namespaces \\\"ghost\\\" not found", ex.Response.Content);
    }

    [Fact]
    public async Task List_in_missing_namespace_is_empty()
    {
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync("ghost-too");
        Assert.Empty(list.Items);
    }

    [Fact]
    public async Task Update_with_stale_resource_version_is_409_Conflict()
    {
        var ns = await server.NewNamespaceAsync();
        var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(Manifests.ConfigMap("cfg", ns), ns);
        var stale = cm.Metadata.ResourceVersion;
        cm.Data["key"] = "v2";
        var updated = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "cfg", ns);
        Assert.NotEqual(stale, updated.Metadata.ResourceVersion);

        cm.Metadata.ResourceVersion = stale;
        cm.Data["key"] = "v3";
        var ex = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "cfg", ns));
        Assert.Equal(HttpStatusCode.Conflict, ex.Response.StatusCode);
        Assert.Contains("the object has been modified", ex.Response.Content);
    }

    [Fact]
    public async Task Spec_change_bumps_generation_but_label_change_does_not()
    {
        var ns = await server.NewNamespaceAsync();
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Manifests.Deployment("gen", ns), ns);
        var d = await ReplaceDeploymentAsync("gen", ns, d => d.Metadata.Labels["extra"] = "yes");
        Assert.Equal(1, d.Metadata.Generation);
        d = await ReplaceDeploymentAsync("gen", ns, d => d.Spec.Replicas = 4);
        Assert.Equal(2, d.Metadata.Generation);
    }

    [Fact]
    public async Task Status_changes_only_through_the_status_subresource()
    {
        var ns = await server.NewNamespaceAsync();
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Manifests.Deployment("st", ns), ns);
        var d = await ReplaceDeploymentAsync("st", ns, d => d.Status = new V1DeploymentStatus { Replicas = 7 });
        Assert.NotEqual(7, d.Status?.Replicas);

        d = await ReplaceDeploymentAsync("st", ns, d => d.Status = new V1DeploymentStatus { Replicas = 7, ObservedGeneration = 1 }, status: true);
        Assert.Equal(7, d.Status.Replicas);
        Assert.Equal(1, d.Metadata.Generation);
    }

    [Fact]
    public async Task Scale_subresource_reads_and_writes_replicas()
    {
        var ns = await server.NewNamespaceAsync();
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Manifests.Deployment("sc", ns, replicas: 2), ns);
        var scale = await Client.AppsV1.ReadNamespacedDeploymentScaleAsync("sc", ns);
        Assert.Equal("Scale", scale.Kind);
        Assert.Equal(2, scale.Spec.Replicas);

        var patched = await Client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("{\"spec\":{\"replicas\":5}}", V1Patch.PatchType.MergePatch), "sc", ns);
        Assert.Equal(5, patched.Spec.Replicas);
        var d = await Client.AppsV1.ReadNamespacedDeploymentAsync("sc", ns);
        Assert.Equal(5, d.Spec.Replicas);
    }

    [Fact]
    public async Task Label_selectors_filter_lists()
    {
        var ns = await server.NewNamespaceAsync();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(Manifests.ConfigMap("a", ns, new() { ["tier"] = "fe" }), ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(Manifests.ConfigMap("b", ns, new() { ["tier"] = "be" }), ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(Manifests.ConfigMap("c", ns), ns);

        Assert.Equal(["a"], (await Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: "tier=fe")).Items.Select(i => i.Metadata.Name));
        Assert.Equal(["a", "b"], (await Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: "tier in (fe,be)")).Items.Select(i => i.Metadata.Name));
        Assert.Equal(["c"], (await Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: "!tier")).Items.Select(i => i.Metadata.Name));
        Assert.Equal(["b"], (await Client.CoreV1.ListNamespacedConfigMapAsync(ns, fieldSelector: "metadata.name=b")).Items.Select(i => i.Metadata.Name));
    }

    [Fact]
    public async Task Invalid_selector_is_400()
    {
        var ex = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "a in (b"));
        Assert.Equal(HttpStatusCode.BadRequest, ex.Response.StatusCode);
        var ex2 = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ListNamespacedConfigMapAsync("default", fieldSelector: "spec.bogus=1"));
        Assert.Equal(HttpStatusCode.BadRequest, ex2.Response.StatusCode);
    }

    [Fact]
    public async Task Dry_run_create_and_patch_persist_nothing()
    {
        var ns = await server.NewNamespaceAsync();
        var would = await Client.CoreV1.CreateNamespacedConfigMapAsync(Manifests.ConfigMap("dry", ns), ns, dryRun: "All");
        Assert.Equal("dry", would.Metadata.Name);
        await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReadNamespacedConfigMapAsync("dry", ns));

        var real = await Client.CoreV1.CreateNamespacedConfigMapAsync(Manifests.ConfigMap("dry", ns), ns);
        var patched = await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"data\":{\"key\":\"changed\"}}", V1Patch.PatchType.MergePatch), "dry", ns, dryRun: "All");
        Assert.Equal("changed", patched.Data["key"]);
        var after = await Client.CoreV1.ReadNamespacedConfigMapAsync("dry", ns);
        Assert.Equal("value", after.Data["key"]);
        Assert.Equal(real.Metadata.ResourceVersion, after.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Requests_without_the_token_are_401()
    {
        using var http = server.Cluster.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = null;
        var response = await http.GetAsync("api/v1/namespaces");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var version = await http.GetStringAsync("version");
        Assert.Contains("\"minor\":\"32\"", version);
    }

    [Fact]
    public async Task Job_gets_a_generated_selector_and_template_labels_from_its_uid()
    {
        var ns = await server.NewNamespaceAsync();
        var job = await Client.BatchV1.CreateNamespacedJobAsync(new V1Job
        {
            Metadata = new V1ObjectMeta { Name = "migrate" },
            Spec = new V1JobSpec
            {
                Template = new V1PodTemplateSpec
                {
                    Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "m", Image = "busybox:1.36" }] },
                },
            },
        }, ns);
        var uid = job.Metadata.Uid;
        Assert.Equal(uid, job.Spec.Selector.MatchLabels["batch.kubernetes.io/controller-uid"]);
        Assert.Equal("migrate", job.Spec.Template.Metadata.Labels["job-name"]);
        Assert.Equal(uid, job.Metadata.Labels["controller-uid"]);
    }

    [Fact]
    public async Task Pod_template_metadata_reads_back_with_a_null_creation_timestamp_as_a_real_cluster()
    {
        var ns = await server.NewNamespaceAsync();
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Manifests.Deployment("tpl", ns), ns);
        using var http = server.Cluster.CreateHttpClient();
        var json = await http.GetStringAsync($"apis/apps/v1/namespaces/{ns}/deployments/tpl");
        Assert.Contains("\"template\":{\"metadata\":{\"labels\":{\"app\":\"tpl\"},\"creationTimestamp\":null}", json);
    }

    /// <summary>Read, change, replace, again on 409: the deployment controller writes to Deployments too.</summary>
    private async Task<V1Deployment> ReplaceDeploymentAsync(string name, string ns, Action<V1Deployment> change, bool status = false)
    {
        for (var attempt = 0; ; attempt++)
        {
            var d = await Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns);
            change(d);
            try
            {
                return status ? await Client.AppsV1.ReplaceNamespacedDeploymentStatusAsync(d, name, ns) : await Client.AppsV1.ReplaceNamespacedDeploymentAsync(d, name, ns);
            }
            catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.Conflict && attempt < 20)
            {
                // Written meanwhile: read again.
            }
        }
    }
}
