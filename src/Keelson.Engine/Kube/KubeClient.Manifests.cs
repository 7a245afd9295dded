using System.Text.Json.Nodes;
using Keelson.Resources;
using Keelson.Resources.Serialization;

namespace Keelson.Engine.Kube;

public sealed partial class KubeClient
{
    /// <summary>Server-side applies every document of a YAML stream (forcing conflicts), in order; <paramref name="source"/> names it in errors.</summary>
    public async Task<IReadOnlyList<JsonObject>> ApplyManifestsAsync(string yaml, string fieldManager, string? source = null, CancellationToken cancellationToken = default)
    {
        var applied = new List<JsonObject>();
        foreach (var doc in YamlDocuments.Parse(yaml, source).OfType<JsonObject>())
        {
            var type = await FindAsync(doc.GetApiVersion() ?? "", doc.GetKind() ?? "", cancellationToken)
                ?? throw new InvalidOperationException($"{source ?? "manifest"}: {doc.GetKind()}/{doc.GetName()}: kind {doc.GetKind()} is not served in {doc.GetApiVersion()}");
            applied.Add(await ApplyAsync(type, doc, fieldManager, force: true, cancellationToken: cancellationToken));
        }
        return applied;
    }

    /// <summary>GET by apiVersion and kind; null when the object does not exist. Throws when the kind is not served.</summary>
    public async Task<JsonObject?> GetAsync(string apiVersion, string kind, string? ns, string name, CancellationToken cancellationToken = default)
    {
        var type = await FindAsync(apiVersion, kind, cancellationToken) ?? throw new InvalidOperationException($"kind {kind} is not served in {apiVersion}");
        return await GetAsync(type, type.Namespaced ? ns : null, name, cancellationToken);
    }
}
