namespace Keelson.Tests.Shared;

/// <summary>A custom kind for the resource-customization tests: the Widget CRD (no schema, no controller) and a health script for it.</summary>
internal static class Widgets
{
    public const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true
        """;

    /// <summary>A Widget over its quota: Degraded by <see cref="HealthScript"/>.</summary>
    public const string OverQuota = """
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: orders
        spec:
          size: 12
          quota: 10
        """;

    /// <summary>argocd-cm's key for a Widget health script.</summary>
    public const string HealthKey = "resource.customizations.health.example.com_Widget";

    /// <summary>A Widget whose size is over its quota is Degraded; one within it Healthy.</summary>
    public const string HealthScript = """
        if obj.spec.size > obj.spec.quota then
          return {status = "Degraded", message = "size " .. obj.spec.size .. " is over the quota of " .. obj.spec.quota}
        end
        return {status = "Healthy", message = "within quota"}
        """;
}
