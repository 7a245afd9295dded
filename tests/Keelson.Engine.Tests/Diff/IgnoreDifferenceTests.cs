using Keelson.Engine.Diff;

namespace Keelson.Engine.Tests.Diff;

public class IgnoreDifferenceTests
{
    private static readonly System.Text.Json.Nodes.JsonObject Deployment = Objects.Yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: frontend
          namespace: guestbook
        """);

    private static readonly System.Text.Json.Nodes.JsonObject ConfigMap = Objects.Yaml("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: guestbook
        """);

    private static IgnoreDifference Rule(string? group, string kind, string? name = null, string? ns = null) =>
        new(group, kind, name, ns, [], [], []);

    [Theory]
    [InlineData("apps", "Deployment", null, null, true)]
    [InlineData("apps", "Deployment", "frontend", "guestbook", true)]
    [InlineData("apps", "Deployment", "backend", null, false)]
    [InlineData("apps", "Deployment", null, "other", false)]
    [InlineData("apps", "StatefulSet", null, null, false)]
    [InlineData(null, "Deployment", null, null, false)]
    [InlineData("", "Deployment", null, null, false)]
    [InlineData("apps", "*", null, null, true)]
    [InlineData("*", "Deployment", null, null, true)]
    [InlineData("*", "*", null, null, true)]
    [InlineData("ap?s", "Deploy*", null, null, true)]
    [InlineData("batch", "*", null, null, false)]
    public void Matches_a_deployment_by_group_kind_name_and_namespace(string? group, string kind, string? name, string? ns, bool expected) =>
        Assert.Equal(expected, Rule(group, kind, name, ns).Matches(Deployment));

    [Theory]
    [InlineData(null, "ConfigMap", true)]
    [InlineData("", "ConfigMap", true)]
    [InlineData("apps", "ConfigMap", false)]
    [InlineData("", "*", true)]
    public void Empty_or_missing_group_is_the_core_group(string? group, string kind, bool expected) =>
        Assert.Equal(expected, Rule(group, kind).Matches(ConfigMap));

    [Fact]
    public void FromJson_reads_Argo_CD_shape()
    {
        var rule = IgnoreDifference.FromJson(Objects.Yaml("""
            group: apps
            kind: Deployment
            name: frontend
            namespace: guestbook
            jsonPointers: [/spec/replicas]
            jqPathExpressions: [".spec.template.spec.containers[].image"]
            managedFieldsManagers: [kube-controller-manager]
            """));
        Assert.Equal("apps", rule.Group);
        Assert.Equal("Deployment", rule.Kind);
        Assert.Equal("frontend", rule.Name);
        Assert.Equal("guestbook", rule.Namespace);
        Assert.Equal(["/spec/replicas"], rule.JsonPointers);
        Assert.Equal([".spec.template.spec.containers[].image"], rule.JqPathExpressions);
        Assert.Equal(["kube-controller-manager"], rule.ManagedFieldsManagers);
    }

    [Fact]
    public void FromJson_without_kind_is_refused()
    {
        var error = Assert.Throws<DiffException>(() => IgnoreDifference.FromJson(Objects.Yaml("group: apps")));
        Assert.Contains("no kind", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_reports_every_bad_expression()
    {
        var rule = new IgnoreDifference("apps", "Deployment", null, null,
            ["/spec/replicas", "spec/replicas"],
            [".spec.replicas", ".spec | keys", "del(.spec)"],
            []);
        var errors = rule.Validate();
        Assert.Equal(3, errors.Count);
        Assert.Contains("jsonPointer 'spec/replicas'", errors[0], StringComparison.Ordinal);
        Assert.Contains("jqPathExpression '.spec | keys' is not supported", errors[1], StringComparison.Ordinal);
        Assert.Contains("jqPathExpression 'del(.spec)' is not supported", errors[2], StringComparison.Ordinal);
    }
}
