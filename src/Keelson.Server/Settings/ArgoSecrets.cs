using System.Text.Json.Nodes;
using Keelson.Engine.Kube;
using Keelson.Engine.Model;
using Keelson.Resources;
using Keelson.Server.Auth;

namespace Keelson.Server.Settings;

/// <summary>
/// The Secrets of the control namespace that Argo CD reads as settings — clusters and repositories — found by the
/// label <c>argocd.argoproj.io/secret-type</c>. Reads and writes whole Secrets; never logs or formats their data.
/// </summary>
public static class ArgoSecrets
{
    public const string ClusterType = "cluster";
    public const string RepositoryType = "repository";

    /// <summary>The Secrets of one type in the namespace, by name.</summary>
    public static async Task<IReadOnlyList<JsonObject>> ListAsync(KubeClient control, string ns, string secretType, CancellationToken cancellationToken)
    {
        var type = await SecretTypeAsync(control, cancellationToken);
        var (items, _) = await control.ListAsync(type, ns, $"{ArgoAnnotations.SecretTypeLabel}={secretType}", cancellationToken);
        return items.OrderBy(s => s.GetName(), StringComparer.Ordinal).ToList();
    }

    /// <summary>A Secret of the type, named <paramref name="name"/>, with <paramref name="data"/> and the caller's labels and annotations.</summary>
    public static JsonObject Build(string ns, string name, string secretType, SecretData data, JsonObject? labels = null, JsonObject? annotations = null)
    {
        var allLabels = labels?.DeepClone().AsObject() ?? [];
        allLabels[ArgoAnnotations.SecretTypeLabel] = secretType;
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = allLabels };
        if (annotations is { Count: > 0 }) metadata["annotations"] = annotations.DeepClone();
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = metadata,
            ["type"] = "Opaque",
            ["data"] = data.ToJson(),
        };
    }

    /// <summary>Creates the Secret, or replaces the one of that name (keeping its resourceVersion as the precondition).</summary>
    public static async Task<JsonObject> SaveAsync(KubeClient control, JsonObject secret, JsonObject? existing, CancellationToken cancellationToken)
    {
        var type = await SecretTypeAsync(control, cancellationToken);
        if (existing is null) return await control.CreateAsync(type, secret, "argocd-server", cancellationToken: cancellationToken);
        secret.Metadata()["resourceVersion"] = existing.GetResourceVersion();
        return await control.ReplaceAsync(type, secret, "argocd-server", cancellationToken: cancellationToken);
    }

    public static async Task DeleteAsync(KubeClient control, string ns, string name, CancellationToken cancellationToken) =>
        await control.DeleteAsync(await SecretTypeAsync(control, cancellationToken), ns, name, cancellationToken: cancellationToken);

    /// <summary>A string of the Secret's labels or annotations (the secret-type label left out) as a JSON object.</summary>
    public static JsonObject UserMetadata(JsonObject secret, string field)
    {
        var values = (secret.GetPath("metadata", field) as JsonObject)?.DeepClone().AsObject() ?? [];
        values.Remove(ArgoAnnotations.SecretTypeLabel);
        values.Remove(ArgoAnnotations.LastAppliedConfiguration);
        return values;
    }

    /// <summary>Argo CD's name for a Secret it creates: <c>&lt;prefix&gt;-&lt;FNV-1a 32 of the parts&gt;</c>.</summary>
    public static string NameFor(string prefix, params string[] parts)
    {
        var hash = 2166136261u;
        foreach (var b in parts.SelectMany(System.Text.Encoding.UTF8.GetBytes))
        {
            hash ^= b;
            hash *= 16777619u;
        }
        return $"{prefix}-{hash}";
    }

    private static async Task<ApiResource> SecretTypeAsync(KubeClient control, CancellationToken cancellationToken) =>
        await control.FindAsync("v1", "Secret", cancellationToken) ?? throw new InvalidOperationException("the control cluster serves no v1 Secret");
}
