using System.Text.Json.Nodes;
using Keelson.Engine.Customizations;
using Keelson.Engine.Diff;
using Keelson.Engine.Reconcile;

namespace Keelson.Engine.Tests.Diff;

/// <summary>compareoptions' ignoreResourceStatusField: status is left out of every comparison unless argocd-cm says otherwise.</summary>
public sealed class CompareStatusTests
{
    private static JsonObject Widget(string kind, string phase)
    {
        var apiVersion = kind == "CustomResourceDefinition" ? "apiextensions.k8s.io/v1" : "example.com/v1";
        return new JsonObject
        {
            ["apiVersion"] = apiVersion,
            ["kind"] = kind,
            ["metadata"] = new JsonObject { ["name"] = "w" },
            ["spec"] = new JsonObject { ["a"] = 1 },
            ["status"] = new JsonObject { ["phase"] = phase },
        };
    }

    [Theory]
    [InlineData("", "Widget", false)]
    [InlineData("ignoreResourceStatusField: all", "Widget", false)]
    [InlineData("ignoreResourceStatusField: none", "Widget", true)]
    [InlineData("ignoreResourceStatusField: crd", "Widget", true)]
    [InlineData("ignoreResourceStatusField: crd", "CustomResourceDefinition", false)]
    public void A_status_difference_counts_only_where_compare_options_compare_status(string options, string kind, bool modified)
    {
        var customizations = ResourceCustomizations.FromConfigMapData(new Dictionary<string, string> { ["resource.compareoptions"] = options });
        var comparison = new Comparison { Revision = "r", SourceType = "Kustomize", Customizations = customizations, IgnoreRules = customizations.Overrides.IgnoreRules() };
        Assert.Equal(modified, comparison.Diff(Widget(kind, "Ready"), Widget(kind, "Failed")).Modified);
        Assert.False(comparison.Diff(Widget(kind, "Ready"), Widget(kind, "Ready")).Modified);
    }
}
