using System.Reflection;
using System.Text.Json.Nodes;
using Keelson.Engine.Kube;
using Keelson.Engine.Model;
using Keelson.Resources.Serialization;

namespace Keelson.Engine;

/// <summary>Installs what the engine needs in its control cluster: Argo CD's CRDs, the control namespace and the default AppProject.</summary>
public static class ControlPlane
{
    /// <summary>The CustomResourceDefinitions Keelson serves for Argo CD's types (Application, AppProject, ApplicationSet).</summary>
    public static IReadOnlyList<JsonObject> CustomResourceDefinitions()
    {
        var assembly = typeof(ControlPlane).Assembly;
        return assembly.GetManifestResourceNames().Where(n => n.Contains(".Crds.", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (JsonObject)YamlDocuments.Parse(reader.ReadToEnd(), n).Single()!;
            }).ToList();
    }

    /// <summary>Applies the CRDs (server-side, idempotent), waits until they are served, and creates the namespace and default project when missing.</summary>
    public static async Task InstallAsync(KubeClient client, string controlNamespace, CancellationToken cancellationToken = default)
    {
        var crdType = await client.FindAsync("apiextensions.k8s.io/v1", "CustomResourceDefinition", cancellationToken)
            ?? throw new InvalidOperationException("the cluster does not serve apiextensions.k8s.io/v1 CustomResourceDefinitions");
        foreach (var crd in CustomResourceDefinitions())
            await client.ApplyAsync(crdType, crd, ArgoAnnotations.FieldManager, force: true, cancellationToken: cancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await client.FindAsync(ArgoAnnotations.ApiVersion, "AppProject", cancellationToken) is null
               || await client.FindAsync(ArgoAnnotations.ApiVersion, "Application", cancellationToken) is null)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Argo CD's CRDs were not served within 30 s");
            await Task.Delay(100, cancellationToken);
            client.InvalidateDiscovery();
        }
        var nsType = (await client.FindAsync("v1", "Namespace", cancellationToken))!;
        if (await client.GetAsync(nsType, null, controlNamespace, cancellationToken) is null)
            await client.ApplyAsync(nsType, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = controlNamespace } }, ArgoAnnotations.FieldManager, cancellationToken: cancellationToken);
        var projectType = (await client.FindAsync(ArgoAnnotations.ApiVersion, "AppProject", cancellationToken))!;
        if (await client.GetAsync(projectType, controlNamespace, "default", cancellationToken) is null)
        {
            var spec = ArgoJson.Write(AppProject.PermissiveDefault().Spec);
            var project = new JsonObject
            {
                ["apiVersion"] = ArgoAnnotations.ApiVersion,
                ["kind"] = "AppProject",
                ["metadata"] = new JsonObject { ["name"] = "default", ["namespace"] = controlNamespace },
                ["spec"] = spec,
            };
            try
            {
                await client.CreateAsync(projectType, project, ArgoAnnotations.FieldManager, cancellationToken: cancellationToken);
            }
            catch (KubeApiException ex) when (ex.Code == System.Net.HttpStatusCode.Conflict)
            {
                // Someone (another controller, kubectl) created it meanwhile: theirs stands.
            }
        }
    }
}
