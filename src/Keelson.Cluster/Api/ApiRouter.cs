using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Keelson.Cluster.Api;

/// <summary>
/// The single HTTP entry point: authenticates, serves version, discovery and OpenAPI, and hands resource paths
/// to <see cref="ResourceHandler"/>. Every refusal is a metav1.Status.
/// </summary>
internal sealed partial class ApiRouter(ResourceHandler resources, MetricsApi metrics, string token, ILogger logger)
{
    private static readonly byte[] EmptyProtobuf = [];
    private readonly byte[] _expectedAuthorization = Encoding.UTF8.GetBytes("Bearer " + token);

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            var path = context.Request.Path.Value ?? "/";
            if (path is not ("/version" or "/healthz" or "/livez" or "/readyz") && !IsAuthorized(context.Request))
            {
                throw ApiErrors.Unauthorized();
            }
            await RouteAsync(context, path);
        }
        catch (ApiException ex)
        {
            if (!context.Response.HasStarted) await ResourceHandler.WriteJsonAsync(context, ex.Code, ex.ToStatus());
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex)
        {
            if (!context.Response.HasStarted) await ResourceHandler.WriteJsonAsync(context, 400, ApiErrors.BadRequest(ex.Message).ToStatus());
        }
        catch (Exception ex)
        {
            LogUnhandled(logger, context.Request.Method, context.Request.Path.Value ?? "", ex);
            if (!context.Response.HasStarted) await ResourceHandler.WriteJsonAsync(context, 500, ApiErrors.Internal(ex.Message).ToStatus());
        }
    }

    private bool IsAuthorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length != _expectedAuthorization.Length || Encoding.UTF8.GetByteCount(header) != _expectedAuthorization.Length) return false;
        Span<byte> presented = header.Length <= 256 ? stackalloc byte[header.Length] : new byte[header.Length];
        Encoding.UTF8.GetBytes(header, presented);
        return CryptographicOperations.FixedTimeEquals(presented, _expectedAuthorization);
    }

    private Task RouteAsync(HttpContext context, string path)
    {
        var catalog = resources.Catalog;
        var trimmed = path.TrimEnd('/');
        var get = context.Request.Method is "GET" or "HEAD";
        switch (trimmed)
        {
            case "/version":
                return ResourceHandler.WriteJsonAsync(context, 200, VersionInfo.ToJson());
            case "/healthz" or "/livez" or "/readyz":
                context.Response.ContentType = "text/plain";
                return context.Response.WriteAsync("ok");
            case "/api" when get:
                return MediaTypes.WantsAggregatedDiscovery(context.Request.Headers.Accept)
                    ? WriteDiscoveryAsync(context, Discovery.AggregatedCore(catalog))
                    : ResourceHandler.WriteJsonAsync(context, 200, Discovery.LegacyApiVersions());
            case "/apis" when get:
                return MediaTypes.WantsAggregatedDiscovery(context.Request.Headers.Accept)
                    ? WriteDiscoveryAsync(context, Discovery.AggregatedGroups(catalog))
                    : ResourceHandler.WriteJsonAsync(context, 200, Discovery.LegacyGroupList(catalog));
            case "/openapi/v2" when get:
                // An empty protobuf document: kubectl then leaves validation to the server.
                context.Response.ContentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
                return context.Response.Body.WriteAsync(EmptyProtobuf).AsTask();
            case "/openapi/v3" when get:
                return ResourceHandler.WriteJsonAsync(context, 200, OpenApi.Index(catalog));
        }

        if (get && trimmed.StartsWith("/openapi/v3/", StringComparison.Ordinal))
        {
            var gvPath = trimmed["/openapi/v3/".Length..];
            var gv = gvPath.StartsWith("api/", StringComparison.Ordinal) ? new GroupVersion("", gvPath[4..])
                : gvPath.StartsWith("apis/", StringComparison.Ordinal) && gvPath.Split('/') is [_, var g, var v] ? new GroupVersion(g, v)
                : (GroupVersion?)null;
            var doc = gv is null ? null : OpenApi.ForGroupVersion(catalog, gv.Value);
            return doc is null ? throw NotFound() : ResourceHandler.WriteJsonAsync(context, 200, doc);
        }

        var segments = trimmed.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (get && segments is ["api", var coreVersion])
        {
            return ResourceHandler.WriteJsonAsync(context, 200, Discovery.LegacyResourceList(catalog, new GroupVersion("", coreVersion)) ?? throw NotFound());
        }
        if (get && segments is ["apis", var group])
        {
            var groups = Discovery.LegacyGroupList(catalog)["groups"] as JsonArray;
            var found = groups?.OfType<JsonObject>().FirstOrDefault(g => g.GetString("name") == group) ?? throw NotFound();
            var single = (JsonObject)found.DeepClone();
            single["kind"] = "APIGroup";
            single["apiVersion"] = "v1";
            return ResourceHandler.WriteJsonAsync(context, 200, single);
        }
        if (get && segments is ["apis", var g2, var v2])
        {
            return ResourceHandler.WriteJsonAsync(context, 200, Discovery.LegacyResourceList(catalog, new GroupVersion(g2, v2)) ?? throw NotFound());
        }

        if (segments is ["apis", MetricsApi.Group, "v1beta1", _, ..]) return metrics.HandleAsync(context, segments);

        var request = ResourceRequest.Parse(catalog, trimmed) ?? throw NotFound();
        return resources.HandleAsync(context, request);
    }

    private static Task WriteDiscoveryAsync(HttpContext context, JsonObject body)
    {
        return ResourceHandler.WriteJsonAsync(context, 200, body, MediaTypes.AggregatedDiscovery);
    }

    private static ApiException NotFound() => new(404, "NotFound", "the server could not find the requested resource", new JsonObject());

    [LoggerMessage(Level = LogLevel.Error, Message = "unhandled error serving {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);
}
