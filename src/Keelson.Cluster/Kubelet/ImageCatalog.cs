using System.Text.Json.Nodes;
using Keelson.Cluster.Controllers;
using Keelson.Resources;

namespace Keelson.Cluster.Kubelet;

/// <summary>
/// The cluster's image catalog: the ConfigMap kube-system/keelson-images, one data entry per image reference (the key a
/// ConfigMap-safe form of it, the value the normalised reference). Under <see cref="ImagePolicy.Catalog"/> only these
/// images pull. Kept in the store, so it persists with the cluster and kubectl can read it.
/// </summary>
public sealed class ImageCatalog
{
    public const string Namespace = "kube-system";
    public const string ConfigMapName = "keelson-images";

    /// <summary>The tag that stands for every tag of a repository in the catalog (<c>ghcr.io/org/app:*</c>).</summary>
    public const string AnyTag = ":*";

    private readonly ClusterClient _client;
    private string? _seenVersion;
    private HashSet<string> _images = new(StringComparer.Ordinal);

    public ImageCatalog(ClusterClient client) => _client = client;

    /// <summary>The references in the catalog now (re-read only when the ConfigMap changed).</summary>
    public IReadOnlySet<string> Current()
    {
        var configMap = _client.Get(_client.Type("", "v1", "configmaps"), Namespace, ConfigMapName);
        var version = configMap?.GetResourceVersion();
        if (version == _seenVersion) return _images;
        _images = ReadImages(configMap);
        _seenVersion = version;
        return _images;
    }

    /// <summary>Whether an image (as written in a pod) is in the catalog.</summary>
    public bool Contains(string image) => Matches(Current(), ImageReference.Normalize(image));

    /// <summary>
    /// Whether a normalised reference is in a catalog: listed itself, or its repository listed with the tag
    /// <c>*</c> (<c>ghcr.io/org/app:*</c>: every tag and digest of that repository pulls).
    /// </summary>
    public static bool Matches(IReadOnlySet<string> catalog, string reference) =>
        catalog.Contains(reference) || catalog.Contains(ImageReference.Repository(reference) + AnyTag);

    /// <summary>The references a catalog ConfigMap holds (its values; keys normalised as a fallback).</summary>
    public static HashSet<string> ReadImages(JsonObject? configMap)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (configMap?["data"] is not JsonObject data) return set;
        foreach (var (key, value) in data)
        {
            var reference = value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : key;
            set.Add(ImageReference.Normalize(reference));
        }
        return set;
    }

    /// <summary>Creates the empty catalog when it does not exist yet (at cluster start).</summary>
    public static async Task EnsureExistsAsync(ClusterClient client, CancellationToken cancellationToken)
    {
        var type = client.Type("", "v1", "configmaps");
        if (client.Get(type, Namespace, ConfigMapName) is not null) return;
        var configMap = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = ConfigMapName,
                ["namespace"] = Namespace,
                ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "keelson" },
            },
            ["data"] = new JsonObject(),
        };
        try
        {
            await client.CreateAsync(type, configMap, "keelson-kubelet", cancellationToken);
        }
        catch (Api.ApiException ex) when (ex.Code == 409)
        {
            // Created meanwhile.
        }
    }
}
