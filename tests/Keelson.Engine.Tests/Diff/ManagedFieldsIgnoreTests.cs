using Keelson.Engine.Diff;

namespace Keelson.Engine.Tests.Diff;

public class ManagedFieldsIgnoreTests
{
    private const string Live = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: default
          annotations:
            sidecar.example.com/injected: "true"
          managedFields:
          - manager: sidecar-injector
            operation: Update
            apiVersion: apps/v1
            fieldsType: FieldsV1
            fieldsV1:
              f:metadata:
                f:annotations:
                  f:sidecar.example.com/injected: {}
              f:spec:
                f:template:
                  f:spec:
                    f:containers:
                      k:{"name":"proxy"}:
                        .: {}
                        f:image: {}
                        f:name: {}
        spec:
          template:
            spec:
              containers:
              - name: web
                image: web:v1
              - name: proxy
                image: proxy:v9
        """;

    private const string Predicted = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: default
        spec:
          template:
            spec:
              containers:
              - name: web
                image: web:v1
        """;

    [Fact]
    public void List_items_and_annotations_owned_by_a_trusted_manager_are_ignored()
    {
        var rule = new IgnoreDifference("apps", "Deployment", null, null, [], [], ["sidecar-injector"]);
        var result = ResourceDiff.Compare(Objects.Yaml(Predicted), Objects.Yaml(Live), [rule]);
        Assert.False(result.Modified, UnifiedDiff.Render("t", result.NormalizedLive, result.NormalizedTarget));
        Assert.Single(result.NormalizedLive!["spec"]!["template"]!["spec"]!["containers"]!.AsArray());
        Assert.Null(result.NormalizedLive["metadata"]!["annotations"]);
    }

    [Fact]
    public void Without_the_rule_the_injected_fields_differ()
    {
        var result = ResourceDiff.Compare(Objects.Yaml(Predicted), Objects.Yaml(Live), []);
        Assert.True(result.Modified);
    }

    [Fact]
    public void Malformed_managedFields_name_the_object()
    {
        var live = Objects.Yaml(Live);
        live["metadata"]!["managedFields"]![0]!["fieldsV1"] = new System.Text.Json.Nodes.JsonObject { ["k:not-json"] = new System.Text.Json.Nodes.JsonObject() };
        var rule = new IgnoreDifference("apps", "Deployment", null, null, [], [], ["sidecar-injector"]);
        var error = Assert.Throws<DiffException>(() => ResourceDiff.Compare(Objects.Yaml(Predicted), live, [rule]));
        Assert.StartsWith("Deployment/default/web: cannot read metadata.managedFields", error.Message, StringComparison.Ordinal);
    }
}
