using System.Net;
using System.Text;

namespace Keelson.Cluster.Tests.Api;

/// <summary>Client input never causes a 500: every malformed body gets a 4xx Status.</summary>
public sealed class MalformedInputTests(RunningCluster server) : IClassFixture<RunningCluster>
{
    public static TheoryData<string, string, string, string> Bodies => new()
    {
        { "POST", "api/v1/namespaces/default/configmaps", "application/json", "[]" },
        { "POST", "api/v1/namespaces/default/configmaps", "application/json", "\"text\"" },
        { "POST", "api/v1/namespaces/default/configmaps", "application/json", "{\"metadata\":\"x\"}" },
        { "POST", "api/v1/namespaces/default/configmaps", "application/json", "{\"metadata\":{\"name\":5}}" },
        { "POST", "api/v1/namespaces/default/configmaps", "application/json", "{\"metadata\":{\"name\":\"a\",\"labels\":[1]}}" },
        { "POST", "api/v1/namespaces/default/configmaps", "application/json", "{\"metadata\":{\"name\":\"a\",\"annotations\":{\"k\":1}}}" },
        { "POST", "api/v1/namespaces/default/configmaps", "application/json", "{\"metadata\":{\"name\":\"a\",\"finalizers\":\"x\"}}" },
        { "POST", "api/v1/namespaces/default/configmaps", "application/json", "{\"metadata\":{\"name\":\"a\"},\"data\":[1,2]}" },
        { "POST", "api/v1/namespaces/default/configmaps", "application/json", "{\"metadata\":{\"name\":\"a\"},\"data\":{\"k\":{\"x\":1}}}" },
        { "POST", "api/v1/namespaces/default/configmaps", "application/json", "{\"apiVersion\":5,\"kind\":[]}" },
        { "POST", "api/v1/namespaces/default/configmaps", "application/yaml", "metadata: [unclosed" },
        { "POST", "api/v1/namespaces/default/configmaps", "application/yaml", "a: 1\n---\nb: 2\n" },
        { "POST", "apis/apps/v1/namespaces/default/deployments", "application/json", "{\"metadata\":{\"name\":\"d\"},\"spec\":\"x\"}" },
        { "POST", "apis/apps/v1/namespaces/default/deployments", "application/json", "{\"metadata\":{\"name\":\"d\"},\"spec\":{\"replicas\":\"many\",\"template\":[]}}" },
        { "POST", "apis/apps/v1/namespaces/default/deployments", "application/json", "{\"metadata\":{\"name\":\"d\"},\"spec\":{\"selector\":{\"matchLabels\":{\"a\":\"b\"}},\"template\":{\"metadata\":{\"labels\":{\"a\":\"b\"}},\"spec\":{\"containers\":[\"x\",null]}}}}" },
        { "POST", "apis/apps/v1/namespaces/default/deployments", "application/json", "{\"metadata\":{\"name\":\"d\"},\"spec\":{\"selector\":{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"Bogus\"}]},\"template\":{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\",\"ports\":[{\"containerPort\":\"eighty\"}]}]}}}}" },
        { "POST", "api/v1/namespaces/default/services", "application/json", "{\"metadata\":{\"name\":\"s\"},\"spec\":{\"ports\":[{\"port\":\"x\"}],\"clusterIP\":7}}" },
        { "POST", "api/v1/namespaces/default/pods", "application/json", "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\",\"livenessProbe\":\"x\"}],\"volumes\":[{\"name\":\"v\",\"configMap\":\"x\"}]}}" },
        { "POST", "apis/apiextensions.k8s.io/v1/customresourcedefinitions", "application/json", "{\"metadata\":{\"name\":\"x.y\"},\"spec\":{\"versions\":\"v1\"}}" },
        { "POST", "apis/apiextensions.k8s.io/v1/customresourcedefinitions", "application/json", "{\"metadata\":{\"name\":\"things.y.io\"},\"spec\":{\"group\":\"y.io\",\"names\":{\"plural\":\"things\",\"kind\":\"Thing\"},\"scope\":\"Namespaced\",\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,\"schema\":{\"openAPIV3Schema\":{\"type\":5}}}]}}" },
        { "PATCH", "api/v1/namespaces/default", "application/json-patch+json", "{}" },
        { "PATCH", "api/v1/namespaces/default", "application/json-patch+json", "[{\"op\":\"explode\",\"path\":\"/x\"}]" },
        { "PATCH", "api/v1/namespaces/default", "application/json-patch+json", "[{\"op\":\"add\",\"path\":\"\",\"value\":[]}]" },
        { "PATCH", "api/v1/namespaces/default", "application/json-patch+json", "[{\"op\":\"replace\",\"path\":\"/metadata\",\"value\":7}]" },
        { "PATCH", "api/v1/namespaces/default", "application/json-patch+json", "[5]" },
        { "PATCH", "api/v1/namespaces/default", "application/merge-patch+json", "[]" },
        { "PATCH", "api/v1/namespaces/default", "application/merge-patch+json", "{\"metadata\":{\"name\":\"other\"}}" },
        { "PATCH", "api/v1/namespaces/default", "application/strategic-merge-patch+json", "{\"$patch\":\"explode\"}" },
        { "PATCH", "api/v1/namespaces/default", "application/strategic-merge-patch+json", "{\"spec\":{\"finalizers\":5}}" },
        { "PATCH", "api/v1/namespaces/default", "application/apply-patch+yaml", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\"}" },
        { "PATCH", "api/v1/namespaces/default?fieldManager=m", "application/apply-patch+yaml", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"default\",\"labels\":[]}}" },
        { "PATCH", "api/v1/namespaces/default?fieldManager=m", "application/apply-patch+yaml", "not: [valid" },
        { "PATCH", "api/v1/namespaces/default?fieldManager=m", "application/apply-patch+yaml", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"default\",\"managedFields\":[{\"manager\":5}]}}" },
        { "PUT", "api/v1/namespaces/default", "application/json", "{\"metadata\":{\"name\":\"default\",\"resourceVersion\":\"abc\"}}" },
        { "PUT", "api/v1/namespaces/default/status", "application/json", "{\"status\":\"x\"}" },
        { "PUT", "apis/apps/v1/namespaces/default/deployments/none/scale", "application/json", "{\"spec\":{\"replicas\":-1}}" },
        { "DELETE", "api/v1/namespaces/default/configmaps/none", "application/json", "{\"propagationPolicy\":\"Sideways\"}" },
        { "DELETE", "api/v1/namespaces/default/configmaps/none", "application/json", "{\"preconditions\":\"x\"}" },
        { "DELETE", "api/v1/namespaces/default/configmaps", "application/json", "[1]" },
        { "GET", "api/v1/namespaces/default/configmaps?watch=true&resourceVersion=abc", "application/json", "" },
        { "GET", "api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=-5", "application/json", "" },
        { "GET", "api/v1/namespaces/default/configmaps?resourceVersion=-3&resourceVersionMatch=Exact", "application/json", "" },
        { "GET", "api/v1/namespaces/default/configmaps?labelSelector=%21%21", "application/json", "" },
        { "GET", "apis/apps/v1/namespaces/default/deployments/x/bogus", "application/json", "" },
        { "GET", "openapi/v3/apis/nothing/v9", "application/json", "" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Malformed_request_gets_a_4xx_Status_not_a_500(string method, string path, string contentType, string body)
    {
        using var http = server.Cluster.CreateHttpClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body.Length > 0)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{method} {path} {body} → {(int)response.StatusCode}: {text}");
        Assert.Contains("\"kind\":\"Status\"", text);
        Assert.True(response.StatusCode != HttpStatusCode.InternalServerError);
    }
}
