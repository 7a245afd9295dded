using System.Text.Json.Nodes;
using Keelson.Cluster.Tests.Api;

namespace Keelson.Cluster.Tests.Workloads;

/// <summary>Services: Endpoints and EndpointSlices of the selected pods, LoadBalancer and Ingress status.</summary>
public sealed class ServiceTests(WorkloadCluster w) : IClassFixture<WorkloadCluster>
{
    private Kubectl.KubectlCluster K => w.Kubectl;

    private async Task<JsonObject> GetAsync(string ns, string what) =>
        JsonNode.Parse(await K.OkAsync($"get {what} -n {ns} -o json"))!.AsObject();

    private static string Service(string ns, string type = "ClusterIP") => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: {ns}
          labels:
            team: a
        spec:
          type: {type}
          selector:
            app: web
          ports:
          - name: http
            port: 80
            targetPort: http
          - name: metrics
            port: 9090
            targetPort: 9091
        """;

    private static string UnreadyPod(string ns) => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: slow
          namespace: {ns}
          labels:
            app: web
          annotations:
            {SimulationAnnotations.Ready}: "false"
        spec:
          containers:
          - name: web
            image: nginx
            ports:
            - name: http
              containerPort: 8080
        """;

    [Fact]
    public async Task Endpoints_and_slices_list_ready_pods_and_resolve_named_target_ports()
    {
        var ns = await w.NamespaceAsync("svc");
        await K.OkAsync("apply -f -", Manifests.Deployment(ns, "web", replicas: 2));
        await K.OkAsync("apply -f -", Service(ns));
        await K.OkAsync("apply -f -", UnreadyPod(ns));
        await K.OkAsync($"rollout status deploy/web -n {ns} --timeout=30s");

        var readyIps = JsonNode.Parse(await K.OkAsync($"get pods -n {ns} -l pod-template-hash -o json"))!["items"]!.AsArray()
            .Select(p => p!["status"]!["podIP"]!.ToString()).Order().ToList();
        await Eventually.HoldsAsync(async () =>
        {
            var ep = await GetAsync(ns, "endpoints/web");
            var subset = (ep["subsets"] as JsonArray)?.SingleOrDefault();
            return subset?["addresses"] is JsonArray a && a.Count == 2 && subset["notReadyAddresses"] is JsonArray { Count: 1 };
        }, "two ready addresses and one not ready");
        var endpoints = await GetAsync(ns, "endpoints/web");
        var only = endpoints["subsets"]![0]!;
        Assert.Equal(readyIps, only["addresses"]!.AsArray().Select(a => a!["ip"]!.ToString()).Order());
        Assert.Equal("slow", only["notReadyAddresses"]![0]!["targetRef"]!["name"]!.ToString());
        var ports = only["ports"]!.AsArray().ToDictionary(p => p!["name"]!.ToString(), p => p!["port"]!.GetValue<int>());
        Assert.Equal(8080, ports["http"]);
        Assert.Equal(9091, ports["metrics"]);
        Assert.Equal("a", endpoints["metadata"]!["labels"]!["team"]!.ToString());
        Assert.Contains(":8080", await K.OkAsync($"get endpoints web -n {ns}"));

        var slices = JsonNode.Parse(await K.OkAsync($"get endpointslices -n {ns} -l kubernetes.io/service-name=web -o json"))!["items"]!.AsArray();
        var slice = Assert.Single(slices)!;
        Assert.Equal("endpointslice-controller.k8s.io", slice["metadata"]!["labels"]!["endpointslice.kubernetes.io/managed-by"]!.ToString());
        Assert.Equal("IPv4", slice["addressType"]!.ToString());
        Assert.Equal(3, slice["endpoints"]!.AsArray().Count);
        Assert.Equal(2, slice["endpoints"]!.AsArray().Count(e => e!["conditions"]!["ready"]!.GetValue<bool>()));
        Assert.Equal("Service", slice["metadata"]!["ownerReferences"]![0]!["kind"]!.ToString());

        // Scaling to zero empties the endpoints of the deployment's pods.
        await K.OkAsync($"scale deploy/web -n {ns} --replicas=0");
        await Eventually.HoldsAsync(async () =>
        {
            var ep = await GetAsync(ns, "endpoints/web");
            return ep["subsets"]?[0]?["addresses"] is null;
        }, "no ready addresses after scaling to zero");
    }

    [Fact]
    public async Task LoadBalancer_services_and_ingresses_get_an_address()
    {
        var ns = await w.NamespaceAsync("lb");
        await K.OkAsync("apply -f -", Service(ns, "LoadBalancer"));
        await K.OkAsync("apply -f -", $"""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: web
              namespace: {ns}
            spec:
              rules:
              - host: web.example
                http:
                  paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: web
                        port:
                          number: 80
            """);
        await Eventually.HoldsAsync(async () => (await GetAsync(ns, "svc/web"))["status"]?["loadBalancer"]?["ingress"]?[0]?["ip"]?.ToString() == "127.0.0.1",
            "service load balancer ingress 127.0.0.1");
        await Eventually.HoldsAsync(async () => (await GetAsync(ns, "ingress/web"))["status"]?["loadBalancer"]?["ingress"]?[0]?["ip"]?.ToString() == "127.0.0.1",
            "ingress load balancer ingress 127.0.0.1");
        Assert.Contains("127.0.0.1", await K.OkAsync($"get svc web -n {ns}"));
    }
}
