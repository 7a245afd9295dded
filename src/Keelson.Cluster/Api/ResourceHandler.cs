using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Cluster.Registry;
using Keelson.Resources;
using Microsoft.AspNetCore.Http;

namespace Keelson.Cluster.Api;

/// <summary>
/// Serves the verbs on resource paths (get, list, watch, create, update, patch, delete, deletecollection)
/// and the status and scale subresources; the pod subresources of a kubelet are in <c>ResourceHandler.Pods.cs</c>.
/// One partial file per verb.
/// </summary>
internal sealed partial class ResourceHandler(
    ResourceCatalog catalog,
    ObjectRegistry registry,
    TimeProvider time,
    ClusterIPAllocator ipAllocator,
    ClusterEvents events)
{
    /// <summary>Compact JSON with quotes and HTML characters written as the apiserver writes them (\" rather than \u0022).</summary>
    private static readonly JsonSerializerOptions CompactJson = new()
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly ResourceType NamespaceType = new("", "v1", "Namespace", "namespaces", "namespace", false, [], [], true, null);

    public ResourceCatalog Catalog => catalog;

    public ObjectRegistry Registry => registry;

    public Task HandleAsync(HttpContext context, ResourceRequest request)
    {
        if (request.Subresource is "log" or "exec" or "attach" or "portforward") return PodSubresourceAsync(context, request);
        var method = context.Request.Method;
        var verb = (method, request.IsCollection) switch
        {
            ("GET", true) => IsWatch(context.Request) ? "watch" : "list",
            ("GET", false) => "get",
            ("POST", _) => "create",
            ("PUT", _) => "update",
            ("PATCH", _) => "patch",
            ("DELETE", true) => "deletecollection",
            ("DELETE", false) => "delete",
            _ => "",
        };
        if (request.Subresource is null && !request.Type.Verbs.Contains(verb))
        {
            throw ApiErrors.MethodNotAllowed($"{verb} is not supported on resources of kind \"{request.Type.Gvr.GroupResource}\"");
        }
        if (verb == "create" && ReviewResponder.Handles(request.Type)) return ReviewAsync(context, request);
        return (method, request.IsCollection) switch
        {
            ("GET", true) when IsWatch(context.Request) => WatchAsync(context, request),
            ("GET", true) => ListAsync(context, request),
            ("GET", false) => GetAsync(context, request),
            ("POST", true) => CreateAsync(context, request),
            ("PUT", false) => UpdateAsync(context, request),
            ("PATCH", false) => PatchAsync(context, request),
            ("DELETE", false) => DeleteAsync(context, request),
            ("DELETE", true) => DeleteCollectionAsync(context, request),
            _ => throw ApiErrors.MethodNotAllowed($"the server does not allow this method on the requested resource"),
        };
    }

    private async Task ReviewAsync(HttpContext context, ResourceRequest request)
    {
        var mediaType = MediaTypes.Essence(context.Request.ContentType);
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        // kubectl sends reviews as protobuf; the answer does not depend on what is asked, so the question need not be read.
        var review = mediaType == "application/vnd.kubernetes.protobuf"
            ? new JsonObject { ["metadata"] = new JsonObject(), ["spec"] = new JsonObject() }
            : RequestBody.DecodeObject(body, mediaType);
        CheckIdentity(request, review);
        await WriteJsonAsync(context, 201, ReviewResponder.Answer(request.Type, review, time.GetUtcNow()));
    }

    private static bool IsWatch(HttpRequest request) => request.Query["watch"].ToString() is "true" or "1";

    internal static Task WriteJsonAsync(HttpContext context, int status, JsonNode body, string contentType = MediaTypes.Json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, CompactJson);
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes).AsTask();
    }

    /// <summary>Sets the apiVersion and kind the request's version serves (custom resources may be stored at another version).</summary>
    private static JsonObject AsServed(ResourceType type, JsonObject obj)
    {
        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
        return obj;
    }

    private string Now() => KubeTime.Format(time.GetUtcNow());

    private void RequireNamespace(ResourceRequest request)
    {
        if (request.Type.Namespaced && string.IsNullOrEmpty(request.Namespace))
        {
            throw ApiErrors.BadRequest("the server could not find the requested resource: a namespaced resource needs a namespace in the path");
        }
    }
}
