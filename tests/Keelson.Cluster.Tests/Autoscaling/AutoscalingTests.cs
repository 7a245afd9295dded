using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Keelson.Cluster.Tests.Api;
using Keelson.Cluster.Tests.Simulation;

namespace Keelson.Cluster.Tests.Autoscaling;

/// <summary>HorizontalPodAutoscalers and metrics.k8s.io through real kubectl, driven by simulated CPU load.</summary>
public sealed class AutoscalingTests(SimulatedCluster k) : IClassFixture<SimulatedCluster>
{
    private static string Deployment(string ns, string name, int replicas, string cpu, bool requests = true) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          replicas: {replicas}
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
              annotations:
                sim.keelson.dev/cpu: "{cpu}"
                sim.keelson.dev/memory: "50%"
            spec:
              containers:
              - name: web
                image: nginx:1.27
                resources:
                  requests:
                    {(requests ? "cpu: 100m" : "")}
                    memory: 128Mi
        """;

    private static string Hpa(string ns, string name) => $"""
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          scaleTargetRef:
            apiVersion: apps/v1
            kind: Deployment
            name: {name}
          minReplicas: 3
          maxReplicas: 10
          metrics:
          - type: Resource
            resource:
              name: cpu
              target:
                type: Utilization
                averageUtilization: 50
          behavior:
            scaleUp:
              policies:
              - type: Pods
                value: 10
                periodSeconds: 1
            scaleDown:
              stabilizationWindowSeconds: 1
              policies:
              - type: Percent
                value: 100
                periodSeconds: 1
        """;

    private async Task<JsonNode> GetAsync(string what, string ns) => JsonNode.Parse(await k.OkAsync($"get {what} -n {ns} -o json"))!;

    private static JsonNode? Condition(JsonNode hpa, string type) =>
        hpa["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c!["type"]!.ToString() == type);

    [Fact]
    public async Task Hpa_scales_up_under_load_and_back_down_when_it_drops()
    {
        var ns = await k.NamespaceAsync("hpa");
        await k.OkAsync("apply -f -", Deployment(ns, "web", 3, "140%"));
        await k.OkAsync("apply -f -", Hpa(ns, "web"));

        await Eventually.HoldsAsync(async () => (int?)(await GetAsync("deployment web", ns))["spec"]!["replicas"] == 10,
            "the Deployment scaled to maxReplicas 10 under 140 % CPU", TimeSpan.FromSeconds(30));
        var hpa = await GetAsync("hpa web", ns);
        Assert.Equal(140, (int)hpa["status"]!["currentMetrics"]![0]!["resource"]!["current"]!["averageUtilization"]!);
        Assert.Equal("140m", hpa["status"]!["currentMetrics"]![0]!["resource"]!["current"]!["averageValue"]!.ToString());
        Assert.NotNull(hpa["status"]!["lastScaleTime"]);
        Assert.Equal("ValidMetricFound", Condition(hpa, "ScalingActive")!["reason"]!.ToString());
        await Eventually.HoldsAsync(async () => Condition(await GetAsync("hpa web", ns), "ScalingLimited")?["reason"]?.ToString() == "TooManyReplicas",
            "ScalingLimited TooManyReplicas at the maximum");
        var events = await k.OkAsync($"get events -n {ns} --field-selector involvedObject.kind=HorizontalPodAutoscaler");
        Assert.Contains("New size: 9; reason: cpu resource utilization (percentage of request) above target", events);
        Assert.Contains("SuccessfulRescale", events);

        // Live load, as `keelson cluster load web --cpu 10%` stores it: the Deployment itself is not touched.
        await k.OkAsync("apply -f -", $"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: keelson-load
              namespace: kube-system
            data:
              {ns}.web.cpu: "10%"
            """);

        await Eventually.HoldsAsync(async () => (int?)(await GetAsync("deployment web", ns))["spec"]!["replicas"] == 3,
            "the Deployment scaled back to minReplicas 3 after load dropped", TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(async () => Condition(await GetAsync("hpa web", ns), "ScalingLimited")?["reason"]?.ToString() == "TooFewReplicas",
            "ScalingLimited TooFewReplicas at the minimum");
        Assert.Contains("All metrics below target", await k.OkAsync($"get events -n {ns}"));
        // The HPA's status (currentReplicas, what kubectl shows as REPLICAS) follows the Deployment on its next pass.
        await Eventually.HoldsAsync(async () => Regex.IsMatch(await k.OkAsync($"get hpa web -n {ns}"), @"web\s+Deployment/web\s+cpu: 10%/50%\s+3\s+10\s+3"),
            "kubectl get hpa showing 3 replicas at 10% of the 50% target");
    }

    [Fact]
    public async Task Pods_without_requests_leave_the_hpa_unable_to_compute()
    {
        var ns = await k.NamespaceAsync("noreq");
        await k.OkAsync("apply -f -", Deployment(ns, "api", 3, "90%", requests: false));
        await k.OkAsync("apply -f -", Hpa(ns, "api"));

        // Until the pods report metrics the HPA may fail for that reason first; the missing request is what it settles on.
        await Eventually.HoldsAsync(async () => Condition(await GetAsync("hpa api", ns), "ScalingActive") is { } c
                && c["status"]?.ToString() == "False" && c["message"]?.ToString().Contains("missing request for cpu", StringComparison.Ordinal) == true,
            "ScalingActive False for pods without cpu requests, naming the missing request");
        var active = Condition(await GetAsync("hpa api", ns), "ScalingActive")!;
        Assert.Equal("FailedGetResourceMetric", active["reason"]!.ToString());
        Assert.Contains("missing request for cpu", active["message"]!.ToString());
        Assert.Equal(3, (int)(await GetAsync("deployment api", ns))["spec"]!["replicas"]!);
    }

    [Fact]
    public async Task Kubectl_top_shows_simulated_usage()
    {
        var ns = await k.NamespaceAsync("top");
        await k.OkAsync("apply -f -", Deployment(ns, "shop", 2, "85%"));
        await Eventually.HoldsAsync(async () => (await GetAsync("pods --field-selector=status.phase=Running", ns))["items"]!.AsArray().Count == 2,
            "two running pods");

        var pods = await k.OkAsync($"top pods -n {ns}");
        Assert.Matches(@"shop-[a-z0-9]+-[a-z0-9]{5}\s+85m\s+64Mi", pods);
        var nodes = await k.OkAsync("top nodes");
        Assert.Matches(@"keelson-node\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%", nodes);
        var raw = JsonNode.Parse(await k.OkAsync($"get --raw /apis/metrics.k8s.io/v1beta1/namespaces/{ns}/pods"))!;
        Assert.Equal("PodMetricsList", raw["kind"]!.ToString());
        Assert.Equal("85m", raw["items"]![0]!["containers"]![0]!["usage"]!["cpu"]!.ToString());
        Assert.Equal("65536Ki", raw["items"]![0]!["containers"]![0]!["usage"]!["memory"]!.ToString());
    }
}
