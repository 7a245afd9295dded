using Keelson.Engine.Diff;

namespace Keelson.Engine.Tests.Diff;

public class NormalizerTests
{
    [Fact]
    public void Removes_server_noise_and_keeps_the_rest_without_changing_the_input()
    {
        var input = Objects.Yaml("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: default
              uid: 1
              resourceVersion: "9"
              generation: 3
              creationTimestamp: "2025-01-01T00:00:00Z"
              deletionTimestamp: "2025-01-02T00:00:00Z"
              deletionGracePeriodSeconds: 30
              selfLink: /apis/apps/v1/namespaces/default/deployments/web
              managedFields: [{manager: keelson}]
              labels: {}
              annotations:
                deployment.kubernetes.io/revision: "4"
                kubectl.kubernetes.io/last-applied-configuration: "{}"
              finalizers: [example.com/keep]
              ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: owner, uid: "2"}]
            spec:
              replicas: 1
            status:
              replicas: 1
            """);
        var before = Objects.ToYaml(input);

        var normalized = Normalizer.Normalize(input);

        Assert.Equal("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: default
              finalizers:
              - example.com/keep
              ownerReferences:
              - apiVersion: v1
                kind: ConfigMap
                name: owner
                uid: "2"
            spec:
              replicas: 1

            """.Replace("\r", "", StringComparison.Ordinal), Objects.ToYaml(normalized));
        Assert.Equal(before, Objects.ToYaml(input));
    }

    [Fact]
    public void Secret_stringData_becomes_base64_data_and_wins_over_data()
    {
        var normalized = Normalizer.Normalize(Objects.Yaml("""
            apiVersion: v1
            kind: Secret
            metadata: {name: s}
            data: {a: b2xk, b: Yg==}
            stringData: {a: new}
            """));
        Assert.Null(normalized["stringData"]);
        Assert.Equal("bmV3", normalized["data"]!["a"]!.GetValue<string>());
        Assert.Equal("Yg==", normalized["data"]!["b"]!.GetValue<string>());
    }

    [Fact]
    public void A_ConfigMap_stringData_field_is_left_alone()
    {
        var normalized = Normalizer.Normalize(Objects.Yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, stringData: {a: x}}"));
        Assert.Equal("x", normalized["stringData"]!["a"]!.GetValue<string>());
    }
}
