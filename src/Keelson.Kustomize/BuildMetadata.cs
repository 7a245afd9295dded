using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Kustomize;

/// <summary>
/// <c>buildMetadata</c> of the top kustomization (kustomize ignores it below the top): <c>originAnnotations</c>
/// annotates each resource with where it came from, <c>managedByLabel</c> labels each with kustomize's version as
/// <c>kubectl kustomize</c> prints it. Options kustomize does not know are ignored, as there.
/// </summary>
internal static class BuildMetadata
{
    public const string OriginAnnotation = "config.kubernetes.io/origin";

    public const string TransformationsAnnotation = "alpha.config.kubernetes.io/transformations";

    public const string ManagedByLabel = "app.kubernetes.io/managed-by";

    /// <summary>kubectl's vendored kustomize is built without version information; it reports itself "(devel)".</summary>
    public const string ManagedByValue = "kustomize-(devel)";

    public static void Apply(IReadOnlyList<string> options, string top, IEnumerable<Resource> resources)
    {
        var origins = options.Contains("originAnnotations");
        var managedBy = options.Contains("managedByLabel");
        var transformations = options.Contains("transformerAnnotations");
        foreach (var resource in resources)
        {
            if (origins && resource.Origin is { } origin)
                resource.Object.Metadata().EnsureObject("annotations")[OriginAnnotation] = origin.Annotation(top);
            if (transformations && resource.Transformations.Count > 0)
                resource.Object.Metadata().EnsureObject("annotations")[TransformationsAnnotation] = Origin.Transformations(top, resource.Transformations);
            if (managedBy)
                resource.Object.Metadata().EnsureObject("labels")[ManagedByLabel] = ManagedByValue;
        }
    }
}
