using System.Text.Json.Nodes;
using Keelson.Engine.Customizations;
using Keelson.Engine.Diff;
using Keelson.Resources;

namespace Keelson.Engine.Tests.Diff;

/// <summary>argocd-cm's knownTypeFields: quantities and durations of custom resources compared as Kubernetes writes them.</summary>
public sealed class KnownTypesTests
{
    [Theory]
    [InlineData("1000m", "1")]
    [InlineData("1500m", "1500m")]
    [InlineData("0.5", "500m")]
    [InlineData("1.5", "1500m")]
    [InlineData("100m", "100m")]
    [InlineData("1000", "1k")]
    [InlineData("1100", "1100")]
    [InlineData("2048Mi", "2Gi")]
    [InlineData("1536Ki", "1536Ki")]
    [InlineData("1024Mi", "1Gi")]
    [InlineData("0.5Gi", "512Mi")]
    [InlineData("512", "512")]
    [InlineData("1e3", "1e3")]
    [InlineData("1000e-3", "1")]
    [InlineData("0.1n", "1n")]
    [InlineData("-1000m", "-1")]
    [InlineData("0", "0")]
    [InlineData("0Mi", "0")]
    public void A_quantity_is_written_in_its_canonical_form(string text, string canonical) => Assert.Equal(canonical, Quantity.Canonical(text));

    [Theory]
    [InlineData("lots")]
    [InlineData("1.2.3")]
    [InlineData("")]
    [InlineData("5Qi")]
    public void What_is_not_a_quantity_is_left_alone(string text) => Assert.Null(Quantity.Canonical(text));

    [Theory]
    [InlineData("90s", "1m30s")]
    [InlineData("1h", "1h0m0s")]
    [InlineData("0.5s", "500ms")]
    [InlineData("1m0.25s", "1m0.25s")]
    [InlineData("1500us", "1.5ms")]
    [InlineData("0", "0s")]
    [InlineData("2h45m", "2h45m0s")]
    public void A_duration_is_written_as_Go_prints_it(string text, string canonical) => Assert.Equal(canonical, GoDuration.Canonical(text));

    [Fact]
    public void Configured_fields_are_normalised_through_arrays_and_a_Rollout_s_pod_template_by_default()
    {
        var customizations = ResourceCustomizations.FromConfigMapData(new Dictionary<string, string>
        {
            ["resource.customizations.knownTypeFields.example.com_Job"] = "- field: spec.steps.timeout\n  type: meta/v1/Duration\n- field: spec.memory\n  type: core/Quantity",
        });
        Assert.Empty(customizations.Overrides.Errors);
        var job = JsonNode.Parse("""{"apiVersion":"example.com/v1","kind":"Job","spec":{"memory":"1024Mi","steps":[{"timeout":"90s"},{"timeout":"2h"},{"name":"none"}]}}""")!.AsObject();
        Assert.Equal("""{"apiVersion":"example.com/v1","kind":"Job","spec":{"memory":"1Gi","steps":[{"timeout":"1m30s"},{"timeout":"2h0m0s"},{"name":"none"}]}}""",
            customizations.NormalizeKnownTypes(job).ToJsonString());
        Assert.Equal("90s", job["spec"]!["steps"]![0]!["timeout"]!.ToString());

        var rollout = JsonNode.Parse("""{"apiVersion":"argoproj.io/v1alpha1","kind":"Rollout","spec":{"template":{"spec":{"containers":[{"name":"a","resources":{"limits":{"cpu":"1000m","memory":"2048Mi"},"requests":{"cpu":0.5}}}]}}}}""")!.AsObject();
        Assert.Equal("""{"limits":{"cpu":"1","memory":"2Gi"},"requests":{"cpu":"500m"}}""",
            ResourceCustomizations.None.NormalizeKnownTypes(rollout)["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!.ToJsonString());
        var configMap = JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap"}""")!.AsObject();
        Assert.Same(configMap, customizations.NormalizeKnownTypes(configMap));
    }

    [Fact]
    public void An_unsupported_type_is_reported()
    {
        var overrides = ResourceOverrides.Parse(new Dictionary<string, string>
        {
            ["resource.customizations.knownTypeFields.example.com_Job"] = "- field: spec.template\n  type: core/v1/PodTemplateSpec",
        });
        Assert.Equal("argocd-cm resource.customizations.knownTypeFields.example.com_Job: knownTypeFields: type 'core/v1/PodTemplateSpec' is not supported (use core/Quantity or meta/v1/Duration)",
            Assert.Single(overrides.Errors));
    }
}
