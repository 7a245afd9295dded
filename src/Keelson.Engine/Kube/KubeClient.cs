using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Authentication;
using Keelson.Resources;

namespace Keelson.Engine.Kube;

/// <summary>
/// A dynamic (schema-less) client of one Kubernetes API server: objects are JSON, types are found through discovery.
/// The connection (address, TLS, credentials) comes from a kubeconfig through KubernetesClient; requests are plain
/// REST so that every kind, including custom resources, goes through the same few verbs.
/// </summary>
public sealed partial class KubeClient : IDisposable
{
    private readonly Kubernetes _kubernetes;
    private readonly HttpClient _http;
    private readonly ServiceClientCredentials? _credentials;
    private readonly SemaphoreSlim _discoveryLock = new(1, 1);
    private volatile DiscoveryIndex? _discovery;

    private KubeClient(Kubernetes kubernetes, string server)
    {
        _kubernetes = kubernetes;
        _http = kubernetes.HttpClient;
        _credentials = kubernetes.Credentials;
        Server = server;
        BaseUri = kubernetes.BaseUri;
    }

    /// <summary>The server URL as the kubeconfig names it.</summary>
    public string Server { get; }

    public Uri BaseUri { get; }

    /// <summary>Connects with a kubeconfig file and context (its current context when null).</summary>
    public static KubeClient FromKubeconfig(string path, string? context = null)
    {
        KubernetesClientConfiguration config;
        try
        {
            config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path, context);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"kubeconfig {path}: {ex.Message}", ex);
        }
        return FromConfiguration(config);
    }

    public static KubeClient FromConfiguration(KubernetesClientConfiguration config)
    {
        // Watches hold a request open indefinitely: per-request deadlines come from cancellation tokens instead.
        config.HttpClientTimeout = Timeout.InfiniteTimeSpan;
        return new KubeClient(new Kubernetes(config), config.Host);
    }

    /// <summary>The served type of an apiVersion and kind; rediscovers once on a miss (a CRD may just have been created).</summary>
    public async Task<ApiResource?> FindAsync(string apiVersion, string kind, CancellationToken cancellationToken = default)
    {
        var gv = GroupVersion.Parse(apiVersion);
        var index = await DiscoveryAsync(false, cancellationToken);
        if (index.Find(gv.Group, gv.Version, kind) is { } found) return found;
        index = await DiscoveryAsync(true, cancellationToken);
        return index.Find(gv.Group, gv.Version, kind);
    }

    /// <summary>The preferred served version of a group and kind.</summary>
    public async Task<ApiResource?> FindPreferredAsync(string group, string kind, CancellationToken cancellationToken = default)
    {
        var index = await DiscoveryAsync(false, cancellationToken);
        return index.FindPreferred(group, kind) ?? (await DiscoveryAsync(true, cancellationToken)).FindPreferred(group, kind);
    }

    /// <summary>Forgets discovery so the next lookup asks the server again.</summary>
    public void InvalidateDiscovery() => _discovery = null;

    public async Task<JsonObject?> GetAsync(ApiResource type, string? ns, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await SendAsync(HttpMethod.Get, type.ObjectPath(ns, name), null, null, cancellationToken);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Lists objects (in one namespace, or all when null); items carry apiVersion and kind.</summary>
    public async Task<(IReadOnlyList<JsonObject> Items, string ResourceVersion)> ListAsync(
        ApiResource type, string? ns = null, string? labelSelector = null, CancellationToken cancellationToken = default)
    {
        var path = type.CollectionPath(ns);
        if (labelSelector is not null) path += "?labelSelector=" + Uri.EscapeDataString(labelSelector);
        var list = await SendAsync(HttpMethod.Get, path, null, null, cancellationToken);
        var items = new List<JsonObject>();
        foreach (var item in list["items"] as JsonArray ?? [])
        {
            if (item is not JsonObject obj) continue;
            obj["apiVersion"] = type.ApiVersion;
            obj["kind"] = type.Kind;
            items.Add(obj);
        }
        return (items, list.GetMetadata()?.GetString("resourceVersion") ?? "");
    }

    /// <summary>
    /// Server-side apply of <paramref name="obj"/> as <paramref name="fieldManager"/>; with <paramref name="dryRun"/> the
    /// server answers with the object it would store and changes nothing.
    /// </summary>
    public Task<JsonObject> ApplyAsync(ApiResource type, JsonObject obj, string fieldManager, bool force = true, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        var name = obj.GetName() ?? throw new ArgumentException("the object has no metadata.name", nameof(obj));
        return SendAsync(HttpMethod.Patch, type.ObjectPath(type.Namespaced ? obj.GetNamespace() : null, name) + WriteQuery(fieldManager, dryRun, force), obj, "application/apply-patch+yaml", cancellationToken);
    }

    public Task<JsonObject> CreateAsync(ApiResource type, JsonObject obj, string fieldManager, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        return SendAsync(HttpMethod.Post, type.CollectionPath(type.Namespaced ? obj.GetNamespace() : null) + WriteQuery(fieldManager, dryRun), obj, "application/json", cancellationToken);
    }

    /// <summary>PUT: replaces the whole object (its resourceVersion, when set, is the precondition).</summary>
    public Task<JsonObject> ReplaceAsync(ApiResource type, JsonObject obj, string fieldManager, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        var name = obj.GetName() ?? throw new ArgumentException("the object has no metadata.name", nameof(obj));
        return SendAsync(HttpMethod.Put, type.ObjectPath(type.Namespaced ? obj.GetNamespace() : null, name) + WriteQuery(fieldManager, dryRun), obj, "application/json", cancellationToken);
    }

    /// <summary>The query of a write: who writes, strict field validation, and optionally force and dry run.</summary>
    private static string WriteQuery(string fieldManager, bool dryRun, bool force = false) =>
        $"?fieldManager={Uri.EscapeDataString(fieldManager)}&fieldValidation=Strict" + (force ? "&force=true" : "") + (dryRun ? "&dryRun=All" : "");

    /// <summary>A JSON merge patch (RFC 7386) of an object, or of its status subresource.</summary>
    public Task<JsonObject> MergePatchAsync(ApiResource type, string? ns, string name, JsonObject patch, bool status = false, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, type.ObjectPath(ns, name) + (status ? "/status" : ""), patch, "application/merge-patch+json", cancellationToken);

    /// <summary>A JSON patch (RFC 6902) of an object.</summary>
    public Task<JsonObject> JsonPatchAsync(ApiResource type, string? ns, string name, JsonArray patch, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, type.ObjectPath(ns, name), patch, "application/json-patch+json", cancellationToken);

    /// <summary>
    /// A patch of an object in the format <paramref name="contentType"/> names (<c>application/json-patch+json</c>,
    /// <c>application/merge-patch+json</c>, <c>application/strategic-merge-patch+json</c>), as the caller gave it.
    /// </summary>
    public Task<JsonObject> PatchAsync(ApiResource type, string? ns, string name, JsonNode patch, string contentType, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, type.ObjectPath(ns, name), patch, contentType, cancellationToken);

    /// <summary>Deletes an object; false when it was already gone.</summary>
    public async Task<bool> DeleteAsync(ApiResource type, string? ns, string name, string propagationPolicy = "Background", bool dryRun = false, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "v1", ["propagationPolicy"] = propagationPolicy };
        if (dryRun) body["dryRun"] = new JsonArray("All");
        try
        {
            await SendAsync(HttpMethod.Delete, type.ObjectPath(ns, name), body, "application/json", cancellationToken);
            return true;
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            return false;
        }
    }

    /// <summary>
    /// Watches a type from <paramref name="resourceVersion"/> until the server ends the stream or the token is
    /// cancelled. A 410 (expired version) surfaces as <see cref="KubeApiException"/>; callers relist.
    /// </summary>
    public async IAsyncEnumerable<KubeWatchEvent> WatchAsync(ApiResource type, string? ns, string resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = type.CollectionPath(ns) + $"?watch=true&allowWatchBookmarks=true&resourceVersion={Uri.EscapeDataString(resourceVersion)}";
        using var request = await RequestAsync(HttpMethod.Get, path, null, null, cancellationToken);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode) throw await ErrorAsync(response, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0) continue;
            if (JsonNode.Parse(line) is not JsonObject frame) continue;
            var kind = frame.GetString("type");
            if (frame["object"] is not JsonObject obj) continue;
            if (kind == "ERROR")
            {
                var code = obj["code"]?.GetValue<int>() ?? 500;
                throw new KubeApiException((HttpStatusCode)code, obj.GetString("reason") ?? "", obj.GetString("message") ?? "watch error", obj);
            }
            var type2 = kind switch
            {
                "ADDED" => WatchEventType.Added,
                "MODIFIED" => WatchEventType.Modified,
                "DELETED" => WatchEventType.Deleted,
                "BOOKMARK" => WatchEventType.Bookmark,
                _ => WatchEventType.Error,
            };
            if (type2 != WatchEventType.Bookmark)
            {
                obj["apiVersion"] ??= type.ApiVersion;
                obj["kind"] ??= type.Kind;
            }
            yield return new KubeWatchEvent(type2, obj);
        }
    }

    /// <summary>GET of an arbitrary path (discovery, /version); the body as JSON.</summary>
    public Task<JsonObject> GetRawAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, path, null, null, cancellationToken);

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, JsonNode? body, string? contentType, CancellationToken cancellationToken)
    {
        using var request = await RequestAsync(method, path, body, contentType, cancellationToken);
        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode) throw await ErrorAsync(response, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return JsonNode.Parse(text) as JsonObject ?? throw new KubeApiException(response.StatusCode, "InvalidResponse", $"{method} {path}: the server's answer is not a JSON object");
    }

    private async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string path, JsonNode? body, string? contentType, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, new Uri(BaseUri, path.TrimStart('/')));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/json");
        }
        if (_credentials is not null) await _credentials.ProcessHttpRequestAsync(request, cancellationToken);
        return request;
    }

    private static async Task<KubeApiException> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonObject? status = null;
        try
        {
            status = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
        }
        var reason = status?.GetString("reason") ?? response.ReasonPhrase ?? response.StatusCode.ToString();
        var message = status?.GetString("message") ?? (text.Length > 0 ? text : $"{(int)response.StatusCode} {response.ReasonPhrase}");
        return new KubeApiException(response.StatusCode, reason, message, status);
    }

    public void Dispose()
    {
        _kubernetes.Dispose();
        _discoveryLock.Dispose();
    }
}
