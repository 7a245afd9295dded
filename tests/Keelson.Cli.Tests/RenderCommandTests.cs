using System.Text.Json.Nodes;
using Keelson.Resources.Serialization;
using Keelson.Tests.Shared;

namespace Keelson.Cli.Tests;

public class RenderCommandTests
{
    public static TheoryData<string> Cases => new()
    {
        "guestbook-prod-overlay", "overlay-guestbook-like", "configmap-generator", "name-prefix-references", "images",
        "components-basic", "long-strings-folding", "quoting-and-key-order", "scalars-kyaml-resolution", "writer-edge-strings",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Render_prints_what_kubectl_kustomize_prints(string name)
    {
        var input = KustomizeFixtures.Input(name);
        var (code, stdout, stderr) = await KustomizeFixtures.KeelsonAsync("render", input);
        Assert.True(code == 0, stderr);
        Assert.Equal("", stderr);
        if (!File.Exists(KustomizeFixtures.Kubectl))
        {
            Assert.Equal(File.ReadAllText(Path.Combine(input, "..", "expected.yaml")), stdout);
            return;
        }
        var oracle = await KustomizeFixtures.KubectlKustomizeAsync(input);
        Assert.Equal(0, oracle.ExitCode);
        Assert.Equal(oracle.Stdout, stdout);
    }

    [Fact]
    public async Task Render_json_prints_one_v1_List_holding_the_same_objects_in_the_same_order()
    {
        var input = KustomizeFixtures.Input("guestbook-prod-overlay");
        var (code, stdout, stderr) = await KustomizeFixtures.KeelsonAsync("render", input, "-o", "json");
        Assert.True(code == 0, stderr);
        var list = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal("List", list["kind"]!.GetValue<string>());
        Assert.Equal("v1", list["apiVersion"]!.GetValue<string>());
        Assert.StartsWith("{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n", stdout, StringComparison.Ordinal);
        Assert.EndsWith("    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n", stdout, StringComparison.Ordinal);
        var expected = YamlDocuments.Parse(File.ReadAllText(Path.Combine(input, "..", "expected.yaml")));
        var items = list["items"]!.AsArray();
        Assert.Equal(expected.Count, items.Count);
        for (var i = 0; i < items.Count; i++) Assert.True(JsonNode.DeepEquals(expected[i], items[i]), $"item {i} differs");
    }

    [Theory]
    [InlineData("error-malformed-yaml", "bad.yaml")]
    [InlineData("error-unknown-field", "kustomization.yaml")]
    public async Task Errors_go_to_stderr_with_exit_code_1_naming_the_file_and_no_stack_trace(string name, string file)
    {
        var (code, stdout, stderr) = await KustomizeFixtures.KeelsonAsync("render", KustomizeFixtures.Input(name));
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("Error: ", stderr, StringComparison.Ordinal);
        Assert.Contains(file, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Contains(File.ReadAllText(Path.Combine(KustomizeFixtures.Root, name, "expected-error.txt")).Trim(), stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("error-missing-resource")]
    [InlineData("error-missing-resource-dir-beside-input")]
    [InlineData("error-missing-resource-above-filesystem-root")]
    [InlineData("error-missing-base-legacy-field")]
    [InlineData("error-missing-component")]
    [InlineData("error-missing-patch-file")]
    [InlineData("error-missing-configmap-file")]
    [InlineData("error-missing-configmap-env")]
    [InlineData("error-missing-crd-file")]
    [InlineData("error-outside-root")]
    public async Task A_missing_or_outside_path_is_reported_as_kubectl_kustomize_reports_it(string name)
    {
        var input = KustomizeFixtures.Input(name);
        var (code, stdout, stderr) = await KustomizeFixtures.KeelsonAsync("render", input);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        var expected = File.ReadAllText(Path.Combine(KustomizeFixtures.Root, name, "expected-error-full.txt")).TrimEnd('\n')
            .Replace("$INPUT", input, StringComparison.Ordinal)
            .Replace("$CASE", Path.Combine(KustomizeFixtures.Root, name), StringComparison.Ordinal);
        if (File.Exists(KustomizeFixtures.Kubectl))
        {
            var oracle = await KustomizeFixtures.KubectlKustomizeAsync(input);
            Assert.NotEqual(0, oracle.ExitCode);
            expected = KubectlLog.Error(oracle.Stderr);
        }
        Assert.Equal($"Error: {expected}\n", stderr);
    }

    [Fact]
    public async Task A_missing_directory_is_an_error_not_a_crash()
    {
        var (code, _, stderr) = await KustomizeFixtures.KeelsonAsync("render", "/nonexistent/keelson-dir");
        Assert.Equal(1, code);
        Assert.Contains("/nonexistent/keelson-dir", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        var expected = "must build at directory: not a valid directory: evalsymlink failure on '/nonexistent/keelson-dir' : " +
            "lstat /nonexistent: no such file or directory";
        if (File.Exists(KustomizeFixtures.Kubectl))
            expected = KubectlLog.Error((await KustomizeFixtures.KubectlKustomizeAsync("/nonexistent/keelson-dir")).Stderr);
        Assert.Equal($"Error: {expected}\n", stderr);
    }

    [Fact]
    public async Task A_file_given_as_the_directory_is_reported_as_kubectl_kustomize_reports_it()
    {
        var file = Path.Combine(KustomizeFixtures.Input("images"), "kustomization.yaml");
        var (code, _, stderr) = await KustomizeFixtures.KeelsonAsync("render", file);
        Assert.Equal(1, code);
        var expected = $"must build at directory: '{file}': file is not directory";
        if (File.Exists(KustomizeFixtures.Kubectl))
            expected = KubectlLog.Error((await KustomizeFixtures.KubectlKustomizeAsync(file)).Stderr);
        Assert.Equal($"Error: {expected}\n", stderr);
    }

    [Fact]
    public async Task An_unknown_output_format_is_refused()
    {
        var (code, _, _) = await KustomizeFixtures.KeelsonAsync("render", KustomizeFixtures.Input("images"), "-o", "xml");
        Assert.NotEqual(0, code);
    }

    [Fact]
    public async Task Directory_renders_plain_manifests_in_path_order()
    {
        var dir = Directory.CreateTempSubdirectory("keelson-render-dir-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "b.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n");
            File.WriteAllText(Path.Combine(dir, "a.json"), """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}""");
            var (code, stdout, stderr) = await KustomizeFixtures.KeelsonAsync("render", dir, "--directory");
            Assert.True(code == 0, stderr);
            Assert.Equal("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n", stdout);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
