using System.Reflection;
using System.Text.RegularExpressions;
using k8s.Models;

namespace Keelson.Cluster.Catalog;

/// <summary>
/// The component names the apiserver gives Go types ("io.k8s.api.core.v1.PodSpec",
/// "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta") for the KubernetesClient model types that stand for them.
/// KubernetesClient drops the Go package from the class name ("V1PodSpec"), so the package is the group of
/// the first built-in kind (core first) whose model reaches the type, apart from the meta/v1 types every group shares.
/// </summary>
internal static partial class OpenApiNames
{
    public const string IntOrString = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    public const string Quantity = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    public const string Time = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";
    public const string RawExtension = "io.k8s.apimachinery.pkg.runtime.RawExtension";

    // The k8s.io/apimachinery/pkg/apis/meta/v1 types a built-in kind's model can reach.
    private static readonly HashSet<string> MetaTypes = new(StringComparer.Ordinal)
    {
        "ObjectMeta", "ListMeta", "LabelSelector", "LabelSelectorRequirement", "OwnerReference", "ManagedFieldsEntry",
        "Condition", "Status", "StatusCause", "StatusDetails", "DeleteOptions", "Preconditions",
    };

    private static readonly Lazy<Dictionary<Type, string>> GroupOfType = new(FindGroups);

    /// <summary>The component name of a built-in kind: "io.k8s.api.apps.v1.Deployment".</summary>
    public static string ForKind(string group, string version, string kind) =>
        $"{Package(group)}.{version}.{kind}";

    /// <summary>The component name of a model type.</summary>
    public static string ForType(Type type)
    {
        if (type.GetCustomAttribute<KubernetesEntityAttribute>() is { Kind: { } kind } entity)
            return ForKind(entity.Group ?? "", entity.ApiVersion ?? "", kind);
        var match = ClassName().Match(type.Name);
        if (!match.Success) return Package("") + ".v1." + type.Name;
        var version = match.Groups["version"].Value.ToLowerInvariant();
        var name = match.Groups["name"].Value;
        if (MetaTypes.Contains(name)) return $"io.k8s.apimachinery.pkg.apis.meta.{version}.{name}";
        var group = match.Groups["group"].Success
            ? match.Groups["group"].Value.ToLowerInvariant() switch
            {
                "core" => "",
                "apiextensions" => "apiextensions.k8s.io",
                var g => g,
            }
            : GroupOfType.Value.GetValueOrDefault(type, "");
        return $"{Package(group)}.{version}.{name}";
    }

    private static string Package(string group) => group switch
    {
        "" => "io.k8s.api.core",
        "apiextensions.k8s.io" => "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions",
        _ => "io.k8s.api." + group.Split('.')[0],
    };

    private static Dictionary<Type, string> FindGroups()
    {
        var groups = new Dictionary<Type, string>();
        foreach (var t in BuiltinTypes.All)
        {
            if (OpenApiModels.ForKind(t.Group, t.Version, t.Kind) is not { } model) continue;
            foreach (var reached in OpenApiModels.Reachable(model)) groups.TryAdd(reached, t.Group);
        }
        return groups;
    }

    // "V1PodSpec", "V2HorizontalPodAutoscalerSpec", "V1beta1Foo", and the prefixed ones KubernetesClient uses when two
    // packages define the same name: "Corev1EndpointPort", "Discoveryv1EndpointPort", "Apiextensionsv1ServiceReference".
    [GeneratedRegex("^(?<group>[A-Z][a-z]+)?(?<version>[Vv][0-9]+(?:(?:alpha|beta)[0-9]+)?)(?<name>[A-Z][A-Za-z0-9]*)$")]
    private static partial Regex ClassName();
}
