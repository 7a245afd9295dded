using k8s;
using k8s.Models;
using Keelson.Cluster.Kubelet;
using Keelson.Cluster.Tests.Api;

namespace Keelson.Cluster.Tests.Kubelet;

/// <summary>The node, the scheduler and the kubelet seen through real kubectl and a KubernetesClient.</summary>
public sealed class PodLifecycleTests(KubeletCluster cluster) : IClassFixture<KubeletCluster>
{
    private readonly IKubernetes _client = cluster.Client;

    [Fact]
    public async Task Kubectl_get_nodes_shows_keelson_node_Ready_at_v1_32()
    {
        var output = await cluster.Kubectl.OkAsync("get nodes -o wide");
        var line = output.Split('\n').Single(l => l.StartsWith("keelson-node", StringComparison.Ordinal));
        Assert.Matches(@"keelson-node\s+Ready\s+control-plane\s+\S+\s+v1\.32\.0\s+127\.0\.0\.1", line);
        var node = await _client.CoreV1.ReadNodeAsync(SimulatedNode.Name);
        Assert.Equal("linux", node.Metadata.Labels["kubernetes.io/os"]);
        Assert.Equal(4m, node.Status.Allocatable["cpu"].ToDecimal());
        Assert.Equal(5000m, node.Status.Capacity["pods"].ToDecimal());
        Assert.StartsWith("keelson://", node.Status.NodeInfo.ContainerRuntimeVersion);
        Assert.Contains(node.Status.Conditions, c => c.Type == "MemoryPressure" && c.Status == "False");
    }

    [Fact]
    public async Task Pod_applied_with_kubectl_becomes_Ready_with_the_status_a_kubelet_writes()
    {
        var ns = await cluster.NewNamespaceAsync();
        // imagePullPolicy Always: the image is pulled (and Pulling recorded) even when an earlier test pulled it.
        await cluster.Kubectl.OkAsync("apply -f -", Pods.Yaml(ns, "web", extraContainerFields: "imagePullPolicy: Always"));
        await cluster.Kubectl.OkAsync($"wait --for=condition=Ready pod/web -n {ns} --timeout=20s");

        var table = await cluster.Kubectl.OkAsync($"get pods -n {ns} -o wide");
        Assert.Matches(@"web\s+1/1\s+Running\s+0\s+\S+\s+10\.42\.\d+\.\d+\s+keelson-node", table);

        var pod = await _client.CoreV1.ReadNamespacedPodAsync("web", ns);
        Assert.Equal("Running", pod.Status.Phase);
        Assert.Equal(SimulatedNode.Name, pod.Spec.NodeName);
        Assert.StartsWith("10.42.", pod.Status.PodIP);
        Assert.Equal(pod.Status.PodIP, pod.Status.PodIPs.Single().Ip);
        Assert.Equal("127.0.0.1", pod.Status.HostIP);
        Assert.NotNull(pod.Status.StartTime);
        Assert.Equal("BestEffort", pod.Status.QosClass);
        Assert.Equal(["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"], pod.Status.Conditions.Select(c => c.Type));
        Assert.All(pod.Status.Conditions, c => Assert.Equal("True", c.Status));
        Assert.All(pod.Status.Conditions, c => Assert.NotNull(c.LastTransitionTime));
        var container = pod.Status.ContainerStatuses.Single();
        Assert.True(container.Ready);
        Assert.True(container.Started);
        Assert.Equal(0, container.RestartCount);
        Assert.NotNull(container.State.Running.StartedAt);
        Assert.Equal("docker.io/library/nginx:1.27", container.Image);
        Assert.Matches("^docker-pullable://docker.io/library/nginx@sha256:[0-9a-f]{64}$", container.ImageID);
        Assert.Matches("^keelson://[0-9a-f]{64}$", container.ContainerID);

        // Events are written off the status path, a few at a time: wait until all are there.
        string[] expected = [$"Successfully assigned {ns}/web to keelson-node", "Pulling image \"nginx:1.27\"", "Created container: app", "Started container app"];
        var describe = "";
        await Eventually.HoldsAsync(async () =>
        {
            describe = await cluster.Kubectl.OkAsync($"describe pod web -n {ns}");
            return expected.All(e => describe.Contains(e, StringComparison.Ordinal));
        }, "describe pod lists the scheduler's and the kubelet's events", TimeSpan.FromSeconds(30));
        Assert.Matches(@"Normal\s+Scheduled\s+.*default-scheduler", describe);
        Assert.Matches(@"Normal\s+Started\s+.*kubelet", describe);
    }

    [Fact]
    public async Task Pod_goes_ContainerCreating_then_Running_after_its_start_delay()
    {
        var ns = await cluster.NewNamespaceAsync();
        await _client.CoreV1.CreateNamespacedPodAsync(Pods.New("slow", annotations: new() { [SimulationAnnotations.StartDelay] = "1500ms" }), ns);
        var creating = await Pods.WaitAsync(_client, ns, "slow", p => Pods.WaitingReason(p) == "ContainerCreating", "ContainerCreating");
        Assert.Equal("Pending", creating.Status.Phase);
        Assert.Null(creating.Status.PodIP);
        Assert.Contains(creating.Status.Conditions, c => c.Type == "Ready" && c.Status == "False" && c.Reason == "ContainersNotReady");
        var table = await cluster.Kubectl.OkAsync($"get pods -n {ns}");
        Assert.Matches(@"slow\s+0/1\s+ContainerCreating", table);
        await Pods.WaitAsync(_client, ns, "slow", Pods.IsReady, "Ready");
    }

    [Fact]
    public async Task Readiness_waits_for_ready_after_and_ready_false_keeps_the_pod_unready()
    {
        var ns = await cluster.NewNamespaceAsync();
        await _client.CoreV1.CreateNamespacedPodAsync(Pods.New("later", annotations: new() { [SimulationAnnotations.ReadyAfter] = "1500ms" }), ns);
        await _client.CoreV1.CreateNamespacedPodAsync(Pods.New("never", annotations: new() { [SimulationAnnotations.Ready] = "false" }), ns);
        var running = await Pods.WaitAsync(_client, ns, "later", p => p.Status.Phase == "Running", "Running");
        Assert.False(Pods.IsReady(running));
        Assert.False(running.Status.ContainerStatuses.Single().Ready);
        await Pods.WaitAsync(_client, ns, "later", Pods.IsReady, "Ready after 1.5s");
        var never = await _client.CoreV1.ReadNamespacedPodAsync("never", ns);
        Assert.Equal("Running", never.Status.Phase);
        Assert.False(Pods.IsReady(never));
        Assert.Contains(never.Status.Conditions, c => c.Type == "ContainersReady" && c.Message == "containers with unready status: [app]");
    }

    [Fact]
    public async Task Readiness_probe_makes_the_pod_Ready_after_its_scaled_initial_delay()
    {
        var ns = await cluster.NewNamespaceAsync();
        var pod = Pods.New("probed");
        pod.Spec.Containers[0].ReadinessProbe = new V1Probe { InitialDelaySeconds = 10, HttpGet = new V1HTTPGetAction { Path = "/", Port = 80 } };
        await _client.CoreV1.CreateNamespacedPodAsync(pod, ns);
        var running = await Pods.WaitAsync(_client, ns, "probed", p => p.Status.Phase == "Running", "Running");
        Assert.False(Pods.IsReady(running));
        // initialDelaySeconds 10 × ProbeDelayScale 0.1 = 1 s.
        await Pods.WaitAsync(_client, ns, "probed", Pods.IsReady, "Ready after the probe's delay");
    }

    [Fact]
    public async Task Crash_annotation_gives_CrashLoopBackOff_with_growing_restarts()
    {
        var ns = await cluster.NewNamespaceAsync();
        await cluster.Kubectl.OkAsync("apply -f -", Pods.Yaml(ns, "crash", annotations: "sim.keelson.dev/crash: \"true\""));
        var pod = await Pods.WaitAsync(_client, ns, "crash",
            p => Pods.WaitingReason(p) == "CrashLoopBackOff" && p.Status.ContainerStatuses[0].RestartCount >= 2, "CrashLoopBackOff with 2 restarts");
        var container = pod.Status.ContainerStatuses.Single();
        Assert.Equal(1, container.LastState.Terminated.ExitCode);
        Assert.Equal("Error", container.LastState.Terminated.Reason);
        Assert.Contains("restarting failed container=app", container.State.Waiting.Message);
        Assert.False(Pods.IsReady(pod));
        Assert.Equal("Running", pod.Status.Phase);
        await Eventually.HoldsAsync(async () => (await cluster.Kubectl.OkAsync($"get pods -n {ns}")).Contains("CrashLoopBackOff", StringComparison.Ordinal),
            "kubectl get pods shows CrashLoopBackOff");
        var events = await _client.CoreV1.ListNamespacedEventAsync(ns);
        Assert.Contains(events.Items, e => e.Reason == "BackOff" && e.Type == "Warning" && e.Message.StartsWith("Back-off restarting failed container app", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Requests_over_allocatable_leave_the_pod_Pending_with_FailedScheduling()
    {
        var ns = await cluster.NewNamespaceAsync();
        var pod = Pods.New("big");
        pod.Spec.Containers[0].Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("8") } };
        await _client.CoreV1.CreateNamespacedPodAsync(pod, ns);
        var pending = await Pods.WaitAsync(_client, ns, "big",
            p => p.Status.Conditions?.Any(c => c.Type == "PodScheduled" && c.Status == "False") == true, "PodScheduled=False");
        var scheduled = pending.Status.Conditions.Single(c => c.Type == "PodScheduled");
        Assert.Equal("Unschedulable", scheduled.Reason);
        Assert.StartsWith("0/1 nodes are available: 1 Insufficient cpu.", scheduled.Message);
        Assert.Null(pending.Spec.NodeName);
        Assert.Equal("Pending", pending.Status.Phase);
        await Eventually.HoldsAsync(async () =>
        {
            var describe = await cluster.Kubectl.OkAsync($"describe pod big -n {ns}");
            return describe.Contains("FailedScheduling", StringComparison.Ordinal) && describe.Contains("Insufficient cpu", StringComparison.Ordinal);
        }, "describe pod shows FailedScheduling");
        Assert.Matches(@"big\s+0/1\s+Pending", await cluster.Kubectl.OkAsync($"get pods -n {ns}"));
    }

    [Fact]
    public async Task Deleted_pod_shows_Terminating_then_goes()
    {
        var ns = await cluster.NewNamespaceAsync();
        await _client.CoreV1.CreateNamespacedPodAsync(Pods.New("bye"), ns);
        await Pods.WaitAsync(_client, ns, "bye", Pods.IsReady, "Ready");
        var deleted = await _client.CoreV1.DeleteNamespacedPodAsync("bye", ns);
        Assert.NotNull(deleted.Metadata.DeletionTimestamp);
        Assert.Equal(30, deleted.Metadata.DeletionGracePeriodSeconds);
        Assert.Matches(@"bye\s+\S+\s+Terminating", await cluster.Kubectl.OkAsync($"get pods -n {ns}"));
        var stopping = await _client.CoreV1.ReadNamespacedPodAsync("bye", ns);
        Assert.False(Pods.IsReady(stopping));
        await Eventually.HoldsAsync(async () => (await _client.CoreV1.ListNamespacedPodAsync(ns)).Items.Count == 0, "the kubelet removes the pod");
        var events = await _client.CoreV1.ListNamespacedEventAsync(ns);
        Assert.Contains(events.Items, e => e.Reason == "Killing" && e.Message == "Stopping container app");
    }

    [Fact]
    public async Task Kubectl_delete_pod_waits_until_it_is_gone()
    {
        var ns = await cluster.NewNamespaceAsync();
        await cluster.Kubectl.OkAsync("apply -f -", Pods.Yaml(ns, "gone"));
        await cluster.Kubectl.OkAsync($"wait --for=condition=Ready pod/gone -n {ns} --timeout=20s");
        var started = DateTime.UtcNow;
        var output = await cluster.Kubectl.OkAsync($"delete pod gone -n {ns} --wait=true");
        Assert.Contains("pod \"gone\" deleted", output);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), "kubectl delete returns within seconds");
        Assert.Empty((await _client.CoreV1.ListNamespacedPodAsync(ns)).Items);
    }

    [Fact]
    public async Task Grace_period_zero_and_unscheduled_pods_delete_at_once()
    {
        var ns = await cluster.NewNamespaceAsync();
        await _client.CoreV1.CreateNamespacedPodAsync(Pods.New("now"), ns);
        await Pods.WaitAsync(_client, ns, "now", Pods.IsReady, "Ready");
        await _client.CoreV1.DeleteNamespacedPodAsync("now", ns, gracePeriodSeconds: 0);
        await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => _client.CoreV1.ReadNamespacedPodAsync("now", ns));

        var pod = Pods.New("nowhere");
        pod.Spec.NodeSelector = new Dictionary<string, string> { ["disk"] = "ssd" };
        await _client.CoreV1.CreateNamespacedPodAsync(pod, ns);
        var pending = await Pods.WaitAsync(_client, ns, "nowhere", p => p.Status.Conditions?.Any(c => c.Reason == "Unschedulable") == true, "Unschedulable");
        Assert.Contains("didn't match Pod's node affinity/selector", pending.Status.Conditions.Single(c => c.Type == "PodScheduled").Message);
        await _client.CoreV1.DeleteNamespacedPodAsync("nowhere", ns);
        await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => _client.CoreV1.ReadNamespacedPodAsync("nowhere", ns));
    }
}
