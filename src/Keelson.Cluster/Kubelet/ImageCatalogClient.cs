using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Keelson.Cluster.Kubelet;

/// <summary>
/// Reads and extends a running cluster's image catalog through its API (what `keelson cluster image push|list` run).
/// </summary>
public sealed class ImageCatalogClient(IKubernetes kubernetes)
{
    /// <summary>A client for the cluster a kubeconfig file points at (its current context).</summary>
    public static ImageCatalogClient FromKubeconfig(string path) =>
        new(new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path)));

    /// <summary>Adds an image to the catalog (creating the catalog if needed); returns its normalised reference.</summary>
    public async Task<string> PushAsync(string image, CancellationToken cancellationToken = default)
    {
        var reference = ImageReference.Normalize(image);
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["data"] = new System.Text.Json.Nodes.JsonObject { [ImageReference.CatalogKey(reference)] = reference },
        };
        var patch = new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch);
        try
        {
            await kubernetes.CoreV1.PatchNamespacedConfigMapAsync(patch, ImageCatalog.ConfigMapName, ImageCatalog.Namespace, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            var configMap = new V1ConfigMap
            {
                Metadata = new V1ObjectMeta
                {
                    Name = ImageCatalog.ConfigMapName,
                    NamespaceProperty = ImageCatalog.Namespace,
                    Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "keelson" },
                },
                Data = new Dictionary<string, string> { [ImageReference.CatalogKey(reference)] = reference },
            };
            await kubernetes.CoreV1.CreateNamespacedConfigMapAsync(configMap, ImageCatalog.Namespace, cancellationToken: cancellationToken);
        }
        return reference;
    }

    /// <summary>The catalog's references, sorted; empty when there is no catalog.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var configMap = await kubernetes.CoreV1.ReadNamespacedConfigMapAsync(ImageCatalog.ConfigMapName, ImageCatalog.Namespace, cancellationToken: cancellationToken);
            return (configMap.Data ?? new Dictionary<string, string>())
                .Select(e => ImageReference.Normalize(e.Value.Length > 0 ? e.Value : e.Key))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }
    }
}
