using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Keelson.Cluster.Tests.Api;

namespace Keelson.Cluster.Tests.Protobuf;

/// <summary>Protobuf request bodies over HTTP, with the headers kubectl sends: the answers are JSON.</summary>
public sealed class ProtobufRequestTests(RunningCluster server) : IClassFixture<RunningCluster>
{
    private async Task<(HttpStatusCode Status, string? ContentType, JsonNode? Body)> SendAsync(HttpMethod method, string path, byte[] body)
    {
        using var http = server.Cluster.CreateHttpClient();
        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.kubernetes.protobuf");
        request.Headers.TryAddWithoutValidation("Accept", "application/vnd.kubernetes.protobuf, */*");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private static byte[] ConfigMap(string ns, string name, string value) =>
        ProtoWriter.Envelope("v1", "ConfigMap", new ProtoWriter().Msg(1, ProtoWriter.Meta(name, ns)).Entry(2, "key", value));

    [Fact]
    public async Task Post_creates_the_object_and_answers_201_in_json()
    {
        var ns = await server.NewNamespaceAsync();
        var (status, contentType, body) = await SendAsync(HttpMethod.Post, $"api/v1/namespaces/{ns}/configmaps", ConfigMap(ns, "settings", "v1"));
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("application/json", contentType);
        Assert.Equal("v1", body!["data"]!["key"]!.ToString());
        Assert.False(string.IsNullOrEmpty(body["metadata"]!["uid"]?.ToString()));
    }

    [Fact]
    public async Task Put_replaces_the_object_from_protobuf()
    {
        var ns = await server.NewNamespaceAsync();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, $"api/v1/namespaces/{ns}/configmaps", ConfigMap(ns, "settings", "v1"))).Status);
        var (status, contentType, body) = await SendAsync(HttpMethod.Put, $"api/v1/namespaces/{ns}/configmaps/settings", ConfigMap(ns, "settings", "v2"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", contentType);
        Assert.Equal("v2", body!["data"]!["key"]!.ToString());
    }

    [Fact]
    public async Task Malformed_protobuf_is_400_with_a_status_naming_the_problem()
    {
        var ns = await server.NewNamespaceAsync();
        var body = ProtoWriter.Envelope("v1", "ConfigMap", new ProtoWriter().Msg(1, ProtoWriter.Meta("bad", ns)).Str(42, "x"));
        var (status, _, answer) = await SendAsync(HttpMethod.Post, $"api/v1/namespaces/{ns}/configmaps", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Status", answer!["kind"]!.ToString());
        Assert.Equal("BadRequest", answer["reason"]!.ToString());
        Assert.Contains("field 42", answer["message"]!.ToString());
        Assert.Contains("ConfigMap", answer["message"]!.ToString());

        var (truncated, _, _) = await SendAsync(HttpMethod.Post, $"api/v1/namespaces/{ns}/configmaps", body[..^2]);
        Assert.Equal(HttpStatusCode.BadRequest, truncated);
    }

    [Fact]
    public async Task Kind_without_a_schema_is_415()
    {
        var ns = await server.NewNamespaceAsync();
        var body = ProtoWriter.Envelope("v1", "Pod", new ProtoWriter().Msg(1, ProtoWriter.Meta("p", ns)));
        var (status, _, answer) = await SendAsync(HttpMethod.Post, $"api/v1/namespaces/{ns}/pods", body);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("UnsupportedMediaType", answer!["reason"]!.ToString());
    }
}
