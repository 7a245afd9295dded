using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Engine.Model;
using Keelson.Resources;
using Keelson.Server.Auth;
using Keelson.Server.Settings;

namespace Keelson.Server.Clusters;

/// <summary>
/// A cluster as Argo CD's declarative setup stores it: a Secret labelled <c>argocd.argoproj.io/secret-type: cluster</c>
/// with data <c>name</c>, <c>server</c>, <c>config</c> (the connection JSON, credentials included) and optionally
/// <c>namespaces</c>, <c>clusterResources</c>, <c>shard</c>, <c>project</c>; its other labels and annotations are the
/// cluster's. <see cref="Sanitized"/> is the only shape that leaves the server.
/// </summary>
public sealed record ClusterSecret(string? SecretName, string Server, string Name, JsonObject Config)
{
    public string Project { get; init; } = "";

    public IReadOnlyList<string> Namespaces { get; init; } = [];

    public bool ClusterResources { get; init; }

    public long? Shard { get; init; }

    public JsonObject Labels { get; init; } = [];

    public JsonObject Annotations { get; init; } = [];

    /// <summary>The built-in destination: the control cluster, reached as <c>https://kubernetes.default.svc</c>.</summary>
    public static ClusterSecret InCluster { get; } = new(null, ArgoAnnotations.InClusterServer, ArgoAnnotations.InClusterName, new JsonObject { ["tlsClientConfig"] = new JsonObject { ["insecure"] = false } });

    /// <summary>Argo CD's <c>SecretToCluster</c>. A <c>config</c> that is not JSON reads as empty (the connection then fails and says so).</summary>
    public static ClusterSecret Read(JsonObject secret)
    {
        var data = SecretData.FromSecret(secret);
        JsonObject config;
        try
        {
            config = JsonNode.Parse(data.GetString("config") ?? "{}") as JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            config = [];
        }
        return new ClusterSecret(secret.GetName(), (data.GetString("server") ?? "").TrimEnd('/'), data.GetString("name") ?? "", config)
        {
            Project = data.GetString("project") ?? "",
            Namespaces = (data.GetString("namespaces") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            ClusterResources = data.GetString("clusterResources") == "true",
            Shard = long.TryParse(data.GetString("shard"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var shard) ? shard : null,
            Labels = ArgoSecrets.UserMetadata(secret, "labels"),
            Annotations = ArgoSecrets.UserMetadata(secret, "annotations"),
        };
    }

    /// <summary>Reads a Cluster of the API (<c>{server, name, config, namespaces, project, labels, …}</c>); the problems name the fields.</summary>
    public static (ClusterSecret? Cluster, IReadOnlyList<string> Problems) FromApi(JsonObject body)
    {
        var problems = new List<string>();
        var server = (Text(body["server"]) ?? "").TrimEnd('/');
        if (server.Length == 0) problems.Add("cluster.server: the API server's URL is required, e.g. https://10.0.0.1:6443");
        else if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            problems.Add($"cluster.server '{server}': must be an absolute http(s) URL");
        var config = body["config"] switch
        {
            null => new JsonObject(),
            JsonObject c => c.DeepClone().AsObject(),
            _ => null,
        };
        if (config is null) problems.Add("cluster.config: must be an object ({bearerToken, username, password, tlsClientConfig:{…}})");
        var namespaces = new List<string>();
        if (body["namespaces"] is JsonArray list) namespaces.AddRange(list.Select(Text).OfType<string>());
        else if (body["namespaces"] is not null) problems.Add("cluster.namespaces: must be a list of namespace names");
        foreach (var field in new[] { "labels", "annotations" })
        {
            if (body[field] is not (null or JsonObject)) problems.Add($"cluster.{field}: must be an object of strings");
        }
        if (body["annotations"] is JsonObject a && a.ContainsKey(ArgoAnnotations.LastAppliedConfiguration))
            problems.Add($"cluster.annotations: annotation {ArgoAnnotations.LastAppliedConfiguration} cannot be set");
        if (problems.Count > 0) return (null, problems);
        var name = Text(body["name"]) is { Length: > 0 } n ? n : server;
        return (new ClusterSecret(null, server, name, config!)
        {
            Project = Text(body["project"]) ?? "",
            Namespaces = namespaces,
            ClusterResources = body["clusterResources"] is JsonValue cr && cr.TryGetValue<bool>(out var b) && b,
            Shard = body["shard"] is JsonValue s && s.TryGetValue<long>(out var shard) ? shard : null,
            Labels = body["labels"]?.DeepClone().AsObject() ?? [],
            Annotations = body["annotations"]?.DeepClone().AsObject() ?? [],
        }, []);
    }

    /// <summary>The Secret that stores the cluster (named as Argo CD names it unless it already has a name).</summary>
    public JsonObject ToSecret(string ns)
    {
        var data = new SecretData();
        data.Set("server", Server);
        data.Set("name", Name);
        data.Set("config", Config.ToJsonString());
        if (Namespaces.Count > 0) data.Set("namespaces", string.Join(",", Namespaces));
        if (ClusterResources) data.Set("clusterResources", "true");
        if (Shard is { } shard) data.Set("shard", shard.ToString(CultureInfo.InvariantCulture));
        if (Project.Length > 0) data.Set("project", Project);
        var host = Uri.TryCreate(Server, UriKind.Absolute, out var uri) ? uri.Host.ToLowerInvariant().Replace(':', '-') : "server";
        return ArgoSecrets.Build(ns, SecretName ?? ArgoSecrets.NameFor($"cluster-{host}", Server), ArgoSecrets.ClusterType, data, Labels, Annotations);
    }

    /// <summary>
    /// Argo CD's <c>Cluster.Sanitized</c>: the config keeps only <c>tlsClientConfig.{insecure, serverName}</c>,
    /// <c>awsAuthConfig</c>, <c>proxyUrl</c> and <c>disableCompression</c> — never a password, bearer token, key,
    /// certificate or exec provider.
    /// </summary>
    public JsonObject Sanitized()
    {
        var tls = new JsonObject { ["insecure"] = Config["tlsClientConfig"]?["insecure"] is JsonValue v && v.TryGetValue<bool>(out var insecure) && insecure };
        if (Text(Config["tlsClientConfig"]?["serverName"]) is { Length: > 0 } serverName) tls["serverName"] = serverName;
        var config = new JsonObject { ["tlsClientConfig"] = tls };
        foreach (var kept in new[] { "awsAuthConfig", "proxyUrl", "disableCompression" })
        {
            if (Config[kept] is { } value) config[kept] = value.DeepClone();
        }
        var json = new JsonObject { ["server"] = Server, ["name"] = Name, ["config"] = config };
        if (Namespaces.Count > 0) json["namespaces"] = new JsonArray(Namespaces.Select(n => (JsonNode)n).ToArray());
        if (Shard is { } shard) json["shard"] = shard;
        if (ClusterResources) json["clusterResources"] = true;
        if (Project.Length > 0) json["project"] = Project;
        if (Labels.Count > 0) json["labels"] = Labels.DeepClone();
        if (Annotations.Count > 0) json["annotations"] = Annotations.DeepClone();
        return json;
    }

    /// <summary>Whether two clusters would be stored alike (Argo CD's <c>Cluster.Equals</c>, credentials included).</summary>
    public bool SameAs(ClusterSecret other) =>
        Server == other.Server && Name == other.Name && Project == other.Project && ClusterResources == other.ClusterResources && Shard == other.Shard
        && Namespaces.SequenceEqual(other.Namespaces) && JsonNode.DeepEquals(Config, other.Config)
        && JsonNode.DeepEquals(Labels, other.Labels) && JsonNode.DeepEquals(Annotations, other.Annotations);

    /// <summary>The RBAC object: <c>&lt;project&gt;/&lt;server&gt;</c> for a project-scoped cluster, else the server URL.</summary>
    public string RbacObject => Project.Length > 0 ? $"{Project}/{Server}" : Server;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
