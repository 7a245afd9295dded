using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Keelson.Cluster.Tests.Api;

public sealed class ValidationTests(RunningCluster server) : IClassFixture<RunningCluster>
{
    private IKubernetes Client => server.Client;

    private HttpClient Http() => server.Cluster.CreateHttpClient();

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, string body, string contentType = "application/json")
    {
        using var http = Http();
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Strict_field_validation_rejects_unknown_fields_with_400_naming_the_field()
    {
        var ns = await server.NewNamespaceAsync();
        var body = """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"__NS__"},"spec":{"bogusField":1,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx"}]}}}}""".Replace("__NS__", ns.ToString(), StringComparison.Ordinal);
        var (status, text) = await SendAsync(HttpMethod.Post, $"apis/apps/v1/namespaces/{ns}/deployments?fieldValidation=Strict", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("spec.bogusField", text);
    }

    [Fact]
    public async Task Invalid_name_is_422_naming_metadata_name()
    {
        var ns = await server.NewNamespaceAsync();
        var ex = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedConfigMapAsync(Manifests.ConfigMap("Not_Valid", ns), ns));
        Assert.Equal((HttpStatusCode)422, ex.Response.StatusCode);
        Assert.Contains("metadata.name", ex.Response.Content);
    }

    [Fact]
    public async Task Deployment_without_image_is_422_naming_the_field()
    {
        var ns = await server.NewNamespaceAsync();
        var d = Manifests.Deployment("noimg", ns);
        d.Spec.Template.Spec.Containers[0].Image = null;
        var ex = await Assert.ThrowsAsync<HttpOperationException>(() => Client.AppsV1.CreateNamespacedDeploymentAsync(d, ns));
        Assert.Equal((HttpStatusCode)422, ex.Response.StatusCode);
        Assert.Contains("spec.template.spec.containers[0].image", ex.Response.Content);
    }

    [Fact]
    public async Task Malformed_json_is_400()
    {
        var (status, text) = await SendAsync(HttpMethod.Post, "api/v1/namespaces/default/configmaps", "{\"metadata\": ");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("\"kind\":\"Status\"", text);
    }

    [Fact]
    public async Task Unknown_content_type_is_415()
    {
        var (status, _) = await SendAsync(HttpMethod.Patch, "api/v1/namespaces/default", "{}", "application/xml");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
    }

    [Fact]
    public async Task Body_over_3_MiB_is_413()
    {
        var big = new string('x', 3 * 1024 * 1024 + 10);
        var (status, _) = await SendAsync(HttpMethod.Post, "api/v1/namespaces/default/configmaps", """{"metadata":{"name":"big"},"data":{"k":"__BIG__"}}""".Replace("__BIG__", big.ToString(), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task Unknown_resource_is_404()
    {
        using var http = Http();
        var response = await http.GetAsync("apis/apps/v1/namespaces/default/gizmos");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var unknownGroup = await http.GetAsync("apis/nothing.example/v1/things");
        Assert.Equal(HttpStatusCode.NotFound, unknownGroup.StatusCode);
    }

    [Fact]
    public async Task Kind_mismatch_between_body_and_path_is_400()
    {
        var (status, text) = await SendAsync(HttpMethod.Post, "api/v1/namespaces/default/configmaps", """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"x"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("kind", text);
    }

    [Fact]
    public async Task Service_gets_a_cluster_ip_and_defaults()
    {
        var ns = await server.NewNamespaceAsync();
        var svc = await Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new() { Name = "web" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = [new V1ServicePort { Port = 80 }] },
        }, ns);
        Assert.StartsWith("10.43.", svc.Spec.ClusterIP);
        Assert.Equal("ClusterIP", svc.Spec.Type);
        Assert.Equal("None", svc.Spec.SessionAffinity);
        Assert.Equal("TCP", svc.Spec.Ports[0].Protocol);
        Assert.Equal("80", svc.Spec.Ports[0].TargetPort.Value);
    }
}
