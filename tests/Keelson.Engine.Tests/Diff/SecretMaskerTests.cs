using System.Text.Json.Nodes;
using Keelson.Engine.Diff;

namespace Keelson.Engine.Tests.Diff;

public class SecretMaskerTests
{
    private const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    private static JsonObject Secret(string data, string? lastApplied = null)
    {
        var obj = Objects.Yaml($$"""
            apiVersion: v1
            kind: Secret
            metadata:
              name: creds
            data: {{data}}
            """);
        if (lastApplied is not null) obj["metadata"]!["annotations"] = new JsonObject { [LastApplied] = lastApplied };
        return obj;
    }

    [Fact]
    public void Same_value_gets_the_same_mask_and_a_changed_value_another()
    {
        var (target, live) = SecretMasker.Mask(Secret("{a: YQ==, b: Yg==}"), Secret("{a: YQ==, b: Yw==}"));
        Assert.Equal("++++++++", target!["data"]!["a"]!.GetValue<string>());
        Assert.Equal("++++++++", live!["data"]!["a"]!.GetValue<string>());
        Assert.Equal("++++++++", target["data"]!["b"]!.GetValue<string>());
        Assert.Equal("++++++++++++", live["data"]!["b"]!.GetValue<string>());
    }

    [Fact]
    public void Mask_length_does_not_depend_on_the_value()
    {
        var (target, _) = SecretMasker.Mask(Secret("{short: YQ==, long: " + new string('A', 400) + "}"), null);
        Assert.Equal(target!["data"]!["short"]!.GetValue<string>(), target["data"]!["long"]!.GetValue<string>());
    }

    [Fact]
    public void StringData_is_folded_into_data_and_masked_like_it()
    {
        var target = Objects.Yaml("""
            apiVersion: v1
            kind: Secret
            metadata: {name: creds}
            stringData: {a: a}
            """);
        var (masked, live) = SecretMasker.Mask(target, Secret("{a: YQ==}"));
        Assert.Null(masked!["stringData"]);
        Assert.Equal(live!["data"]!["a"]!.GetValue<string>(), masked["data"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public void Last_applied_configuration_is_masked_with_the_same_masks()
    {
        var applied = """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"creds"},"data":{"a":"b2xk"}}""";
        var (target, live) = SecretMasker.Mask(Secret("{a: bmV3}"), Secret("{a: b2xk}", applied));
        var annotation = live!["metadata"]!["annotations"]![LastApplied]!.GetValue<string>();
        Assert.DoesNotContain("b2xk", annotation, StringComparison.Ordinal);
        var maskedApplied = JsonNode.Parse(annotation)!;
        Assert.Equal(live["data"]!["a"]!.GetValue<string>(), maskedApplied["data"]!["a"]!.GetValue<string>());
        Assert.NotEqual(target!["data"]!["a"]!.GetValue<string>(), live["data"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public void Unreadable_last_applied_configuration_is_replaced_whole()
    {
        var (_, live) = SecretMasker.Mask(null, Secret("{a: YQ==}", "password=hunter2"));
        Assert.Equal("++++++++", live!["metadata"]!["annotations"]![LastApplied]!.GetValue<string>());
    }

    [Fact]
    public void Inputs_are_not_changed_and_other_kinds_are_copied_as_they_are()
    {
        var secret = Secret("{a: YQ==}");
        var configMap = Objects.Yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {a: plain}}");
        var (target, live) = SecretMasker.Mask(secret, configMap);
        Assert.Equal("YQ==", secret["data"]!["a"]!.GetValue<string>());
        Assert.Equal("plain", live!["data"]!["a"]!.GetValue<string>());
        Assert.NotSame(configMap, live);
        Assert.Equal("++++++++", target!["data"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public void A_Secret_of_another_group_is_not_core_and_not_masked()
    {
        var custom = Objects.Yaml("{apiVersion: example.com/v1, kind: Secret, metadata: {name: c}, data: {a: plain}}");
        var (target, _) = SecretMasker.Mask(custom, null);
        Assert.Equal("plain", target!["data"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public void Rendered_diff_of_a_Secret_never_contains_its_values()
    {
        var applied = """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"creds"},"stringData":{"a":"old-plain-text"}}""";
        var diff = UnifiedDiff.Render("Secret default/creds", Secret("{a: bmV3LXZhbHVl}", applied), Secret("{a: b2xkLXZhbHVl}"));
        Assert.NotEqual("", diff);
        foreach (var secret in new[] { "bmV3LXZhbHVl", "b2xkLXZhbHVl", "old-plain-text", "new-value", "old-value" })
            Assert.DoesNotContain(secret, diff, StringComparison.Ordinal);
    }
}
