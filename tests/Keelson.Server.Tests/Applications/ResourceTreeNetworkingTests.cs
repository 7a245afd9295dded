using System.Text.Json.Nodes;
using Keelson.Server.Applications;

namespace Keelson.Server.Tests.Applications;

/// <summary>The networking hints of the resource tree's nodes, as Argo CD's controller gives them (the web UI's network view reads them).</summary>
public sealed class ResourceTreeNetworkingTests
{
    [Fact]
    public void An_Ingress_names_its_backend_Services_and_the_URLs_of_its_rules()
    {
        var ingress = JsonNode.Parse("""
            {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"web","namespace":"shop"},
             "spec":{"defaultBackend":{"service":{"name":"fallback","port":{"number":80}}},
                     "rules":[{"host":"shop.example","http":{"paths":[
                                {"path":"/","pathType":"Prefix","backend":{"service":{"name":"frontend","port":{"name":"http"}}}},
                                {"path":"/api","pathType":"Prefix","backend":{"service":{"name":"api","port":{"number":8080}}}}]}},
                              {"http":{"paths":[{"path":"/status","pathType":"Exact","backend":{"service":{"name":"frontend","port":{"number":80}}}}]}}]},
             "status":{"loadBalancer":{"ingress":[{"ip":"10.0.0.7"}]}}}
            """)!.AsObject();

        var info = ResourceTree.Networking(ingress, "Ingress")!;

        Assert.Equal(["fallback", "frontend", "api"], info["targetRefs"]!.AsArray().Select(r => r!["name"]!.ToString()));
        Assert.All(info["targetRefs"]!.AsArray(), r => Assert.Equal("Service", r!["kind"]!.ToString()));
        Assert.All(info["targetRefs"]!.AsArray(), r => Assert.Equal("shop", r!["namespace"]!.ToString()));
        // A rule without a host is served at the load balancer's address.
        Assert.Equal(["http://shop.example/", "http://shop.example/api", "http://10.0.0.7/status"], info["externalURLs"]!.AsArray().Select(u => u!.ToString()));
        Assert.Equal("10.0.0.7", info["ingress"]![0]!["ip"]!.ToString());
    }

    [Fact]
    public void An_Ingress_with_tls_serves_https_and_a_wildcard_host_no_URL()
    {
        var ingress = JsonNode.Parse("""
            {"kind":"Ingress","metadata":{"name":"web","namespace":"shop"},
             "spec":{"tls":[{"hosts":["shop.example"],"secretName":"shop-tls"}],
                     "rules":[{"host":"shop.example","http":{"paths":[{"path":"/","backend":{"service":{"name":"frontend"}}}]}},
                              {"host":"*.shop.example","http":{"paths":[{"path":"/","backend":{"service":{"name":"tenants"}}}]}}]}}
            """)!.AsObject();

        var info = ResourceTree.Networking(ingress, "Ingress")!;

        Assert.Equal(["https://shop.example/"], info["externalURLs"]!.AsArray().Select(u => u!.ToString()));
        Assert.Equal(["frontend", "tenants"], info["targetRefs"]!.AsArray().Select(r => r!["name"]!.ToString()));
        Assert.Null(info["ingress"]);
    }

    [Fact]
    public void A_Service_names_the_labels_it_selects_and_its_load_balancer()
    {
        var service = JsonNode.Parse("""
            {"kind":"Service","metadata":{"name":"frontend","namespace":"shop"},"spec":{"type":"LoadBalancer","selector":{"app":"frontend"}},
             "status":{"loadBalancer":{"ingress":[{"hostname":"lb.example"}]}}}
            """)!.AsObject();

        var info = ResourceTree.Networking(service, "Service")!;

        Assert.Equal("frontend", info["targetLabels"]!["app"]!.ToString());
        Assert.Equal("lb.example", info["ingress"]![0]!["hostname"]!.ToString());
    }
}
