using k8s;
using k8s.Models;
using Keelson.Cluster.Kubelet;
using Keelson.Cluster.Tests.Api;

namespace Keelson.Cluster.Tests.Kubelet;

/// <summary>Run-to-completion pods, image pulls under the catalog policy, and many pods at once.</summary>
public sealed class PodOutcomeTests(KubeletCluster cluster) : IClassFixture<KubeletCluster>
{
    private readonly IKubernetes _client = cluster.Client;

    [Fact]
    public async Task Never_pod_with_exit_code_1_goes_Failed_and_exit_code_0_Succeeded()
    {
        var ns = await cluster.NewNamespaceAsync();
        await _client.CoreV1.CreateNamespacedPodAsync(Pods.New("fails", "busybox:1.36", new() { [SimulationAnnotations.ExitCode] = "1" }, "Never"), ns);
        await _client.CoreV1.CreateNamespacedPodAsync(Pods.New("works", "busybox:1.36", new() { [SimulationAnnotations.RunFor] = "500ms" }, "Never"), ns);
        var failed = await Pods.WaitAsync(_client, ns, "fails", p => p.Status.Phase == "Failed", "Failed");
        var terminated = failed.Status.ContainerStatuses.Single().State.Terminated;
        Assert.Equal(1, terminated.ExitCode);
        Assert.Equal("Error", terminated.Reason);
        Assert.Contains(failed.Status.Conditions, c => c.Type == "Ready" && c.Status == "False" && c.Reason == "PodFailed");
        var succeeded = await Pods.WaitAsync(_client, ns, "works", p => p.Status.Phase == "Succeeded", "Succeeded");
        Assert.Equal("Completed", succeeded.Status.ContainerStatuses.Single().State.Terminated.Reason);
        var table = await cluster.Kubectl.OkAsync($"get pods -n {ns}");
        Assert.Matches(@"fails\s+0/1\s+Error", table);
        Assert.Matches(@"works\s+0/1\s+Completed", table);
        // A finished pod is deleted at once, without a grace period.
        await _client.CoreV1.DeleteNamespacedPodAsync("works", ns);
        Assert.DoesNotContain((await _client.CoreV1.ListNamespacedPodAsync(ns)).Items, p => p.Metadata.Name == "works");
    }

    [Fact]
    public async Task OnFailure_pod_restarts_a_failing_container()
    {
        var ns = await cluster.NewNamespaceAsync();
        await _client.CoreV1.CreateNamespacedPodAsync(Pods.New("retry", "busybox:1.36", new() { [SimulationAnnotations.ExitCode] = "2" }, "OnFailure"), ns);
        var pod = await Pods.WaitAsync(_client, ns, "retry", p => p.Status.ContainerStatuses?.FirstOrDefault()?.RestartCount >= 2, "2 restarts");
        Assert.Equal(2, pod.Status.ContainerStatuses.Single().LastState.Terminated.ExitCode);
        Assert.NotEqual("Failed", pod.Status.Phase);
    }

    [Fact]
    public async Task Missing_image_gives_ImagePullBackOff_until_it_is_pushed()
    {
        var ns = await cluster.NewNamespaceAsync();
        await cluster.Kubectl.OkAsync("apply -f -", Pods.Yaml(ns, "typo", image: "nginx:1.99"));
        var failing = await Pods.WaitAsync(_client, ns, "typo", p => Pods.WaitingReason(p) is "ErrImagePull" or "ImagePullBackOff", "a pull failure");
        Assert.Contains("rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nginx:1.99\"", failing.Status.ContainerStatuses[0].State.Waiting.Message);
        Assert.Equal("Pending", failing.Status.Phase);
        await Eventually.HoldsAsync(async () => (await cluster.Kubectl.OkAsync($"get pods -n {ns}")).Contains("ImagePullBackOff", StringComparison.Ordinal),
            "kubectl get pods shows ImagePullBackOff");
        await Eventually.HoldsAsync(async () => (await cluster.Kubectl.OkAsync($"get pods -n {ns}")).Contains("ErrImagePull", StringComparison.Ordinal),
            "the status alternates back to ErrImagePull on the next pull");
        var events = await _client.CoreV1.ListNamespacedEventAsync(ns);
        Assert.Contains(events.Items, e => e.Type == "Warning" && e.Reason == "Failed" && e.Message.StartsWith("Failed to pull image \"nginx:1.99\": rpc error", StringComparison.Ordinal));
        Assert.Contains(events.Items, e => e.Reason == "BackOff" && e.Message == "Back-off pulling image \"nginx:1.99\"");

        // The same code `keelson cluster image push` runs, through the cluster's kubeconfig.
        var pushed = await ImageCatalogClient.FromKubeconfig(cluster.Kubectl.Kubeconfig).PushAsync("nginx:1.99");
        Assert.Equal("docker.io/library/nginx:1.99", pushed);
        Assert.Contains("docker.io/library/nginx:1.99", await ImageCatalogClient.FromKubeconfig(cluster.Kubectl.Kubeconfig).ListAsync());
        await cluster.Kubectl.OkAsync($"wait --for=condition=Ready pod/typo -n {ns} --timeout=20s");
        var catalog = await cluster.Kubectl.OkAsync("get configmap keelson-images -n kube-system -o yaml");
        Assert.Contains("docker.io/library/nginx:1.99", catalog);
    }

    [Fact]
    public async Task A_repository_pushed_with_tag_star_pulls_every_tag_of_it_and_no_other_repository()
    {
        var ns = await cluster.NewNamespaceAsync();
        await ImageCatalogClient.FromKubeconfig(cluster.Kubectl.Kubeconfig).PushAsync("ghcr.io/example/wild:*");
        await cluster.Kubectl.OkAsync("apply -f -", Pods.Yaml(ns, "any-tag", image: "ghcr.io/example/wild:9.9.9"));
        await cluster.Kubectl.OkAsync("apply -f -", Pods.Yaml(ns, "other-repo", image: "ghcr.io/example/wilder:9.9.9"));
        await cluster.Kubectl.OkAsync($"wait --for=condition=Ready pod/any-tag -n {ns} --timeout=20s");
        await Pods.WaitAsync(_client, ns, "other-repo", p => Pods.WaitingReason(p) is "ErrImagePull" or "ImagePullBackOff", "a pull failure for another repository");
    }

    [Fact]
    public async Task Init_containers_complete_before_the_app_starts()
    {
        var ns = await cluster.NewNamespaceAsync();
        var pod = Pods.New("init");
        pod.Spec.InitContainers = [new V1Container { Name = "setup", Image = "busybox:1.36" }];
        await _client.CoreV1.CreateNamespacedPodAsync(pod, ns);
        var ready = await Pods.WaitAsync(_client, ns, "init", Pods.IsReady, "Ready");
        var init = ready.Status.InitContainerStatuses.Single();
        Assert.Equal("Completed", init.State.Terminated.Reason);
        Assert.Contains(ready.Status.Conditions, c => c.Type == "Initialized" && c.Status == "True");
    }

    [Fact]
    public async Task Five_hundred_pods_all_come_up_with_unique_ips()
    {
        var ns = await cluster.NewNamespaceAsync();
        await Parallel.ForEachAsync(Enumerable.Range(0, 500), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            await _client.CoreV1.CreateNamespacedPodAsync(Pods.New($"p{i}"), ns));
        IList<V1Pod> pods = [];
        await Eventually.HoldsAsync(async () =>
        {
            pods = (await _client.CoreV1.ListNamespacedPodAsync(ns)).Items;
            return pods.Count == 500 && pods.All(Pods.IsReady);
        }, "500 pods Ready", TimeSpan.FromSeconds(30));
        Assert.Equal(500, pods.Select(p => p.Status.PodIP).Distinct().Count());
    }
}
