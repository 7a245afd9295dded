using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using Keelson.Engine.Kube;
using Keelson.Engine.Model;

namespace Keelson.Server.Clusters;

/// <summary>
/// Whether each cluster answers, and its version, as Argo CD's cluster cache reports them
/// (<c>connectionState {status, message, attemptedAt}</c>, <c>serverVersion</c> "1.31"): asked with the cluster's own
/// config, kept for <see cref="CacheFor"/>. One per control client. Messages never hold the config's credentials.
/// </summary>
public sealed class ClusterConnections
{
    private static readonly ConditionalWeakTable<KubeClient, ClusterConnections> PerControl = [];
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly KubeClient _control;
    private readonly ConcurrentDictionary<string, ClusterConnection> _known = new(StringComparer.Ordinal);

    private ClusterConnections(KubeClient control) => _control = control;

    public static ClusterConnections For(KubeClient control) => PerControl.GetValue(control, c => new ClusterConnections(c));

    /// <summary>The cluster's state, asked again when older than <see cref="CacheFor"/> or when <paramref name="fresh"/>.</summary>
    public async Task<ClusterConnection> CheckAsync(ClusterSecret cluster, bool fresh, CancellationToken cancellationToken)
    {
        var key = cluster.Server + "\n" + cluster.Config.ToJsonString();
        if (!fresh && _known.TryGetValue(key, out var known) && DateTimeOffset.UtcNow - known.AttemptedAt < CacheFor) return known;
        var state = await ConnectAsync(cluster, cancellationToken);
        _known[key] = state;
        return state;
    }

    private async Task<ClusterConnection> ConnectAsync(ClusterSecret cluster, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        KubeClient? own = null;
        try
        {
            var client = cluster.SecretName is null && cluster.Server == ArgoAnnotations.InClusterServer ? _control : own = KubeClient.FromConfiguration(Configuration(cluster));
            var version = await client.GetRawAsync("version", deadline.Token);
            var minor = (version["minor"]?.ToString() ?? "").TrimEnd('+');
            return new ClusterConnection(true, "", now, $"{version["major"]}.{minor}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ClusterConnection(false, $"Unable to connect to cluster: no answer from {cluster.Server} within {Timeout.TotalSeconds:0} s", now, "");
        }
        catch (Exception ex) when (ex is KubeApiException or HttpRequestException or IOException or FormatException or ArgumentException or System.Security.Authentication.AuthenticationException or k8s.Exceptions.KubeConfigException)
        {
            return new ClusterConnection(false, $"Unable to connect to cluster: {Scrub(ex.Message, cluster.Config)}", now, "");
        }
        finally
        {
            own?.Dispose();
        }
    }

    /// <summary>The client configuration for the cluster's <c>config</c>: bearer token or basic auth, TLS client certificate, CA and server name.</summary>
    private static KubernetesClientConfiguration Configuration(ClusterSecret cluster)
    {
        var config = cluster.Config;
        var tls = config["tlsClientConfig"] as JsonObject ?? [];
        var configuration = new KubernetesClientConfiguration
        {
            Host = cluster.Server,
            AccessToken = Text(config["bearerToken"]),
            Username = Text(config["username"]),
            Password = Text(config["password"]),
            SkipTlsVerify = tls["insecure"] is JsonValue v && v.TryGetValue<bool>(out var insecure) && insecure,
            TlsServerName = Text(tls["serverName"]),
            ClientCertificateData = Text(tls["certData"]),
            ClientCertificateKeyData = Text(tls["keyData"]),
        };
        if (Text(tls["caData"]) is { Length: > 0 } ca)
        {
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPem(Encoding.UTF8.GetString(Convert.FromBase64String(ca)));
            configuration.SslCaCerts = certificates;
        }
        return configuration;
    }

    // A server may echo what it was sent; none of the config's strings may reach a message.
    private static string Scrub(string message, JsonObject config)
    {
        foreach (var secret in new[] { Text(config["bearerToken"]), Text(config["password"]), Text(config["tlsClientConfig"]?["keyData"]) })
        {
            if (secret is { Length: > 3 }) message = message.Replace(secret, "***", StringComparison.Ordinal);
        }
        return message;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}

/// <summary>One answer about a cluster: Argo CD's <c>ConnectionState</c> and the server version.</summary>
public sealed record ClusterConnection(bool Successful, string Message, DateTimeOffset AttemptedAt, string ServerVersion)
{
    public JsonObject State() => new()
    {
        ["status"] = Successful ? "Successful" : "Failed",
        ["message"] = Message,
        ["attemptedAt"] = Keelson.Resources.KubeTime.Format(AttemptedAt),
    };
}
