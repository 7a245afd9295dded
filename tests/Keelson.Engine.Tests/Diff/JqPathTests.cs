using Keelson.Engine.Diff;

namespace Keelson.Engine.Tests.Diff;

public class JqPathTests
{
    private const string Pod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          annotations:
            example.com/build: "42"
            keep: "yes"
        spec:
          containers:
          - name: web
            image: web:v1
            env:
            - name: A
              value: "1"
          - name: sidecar
            image: busybox
          - name: debug
            image: busybox
          finalizers: [a, b]
        """;

    private static string RemoveFrom(string yaml, string expression)
    {
        var obj = Objects.Yaml(yaml);
        JqPath.Parse(expression).RemoveFrom(obj);
        return Objects.ToYaml(obj);
    }

    private static string Without(string yaml, params string[] lines) =>
        string.Join("", Objects.ToYaml(Objects.Yaml(yaml)).Split('\n').Where(l => !lines.Contains(l.Trim())).Select(l => l + "\n")).TrimEnd('\n') + "\n";

    [Fact]
    public void Field_path_removes_one_value() =>
        Assert.Equal(Without(Pod, "name: web"), RemoveFrom(Pod, ".metadata.name"));

    [Theory]
    [InlineData(".metadata.annotations.\"example.com/build\"")]
    [InlineData(".metadata.annotations[\"example.com/build\"]")]
    [InlineData(" .metadata . annotations[ \"example.com/build\" ] ")]
    public void Quoted_keys_name_fields_that_are_not_identifiers(string expression)
    {
        var obj = Objects.Yaml(Pod);
        JqPath.Parse(expression.Replace(" . ", ".", StringComparison.Ordinal).Trim()).RemoveFrom(obj);
        Assert.Null(obj["metadata"]!["annotations"]!["example.com/build"]);
        Assert.Equal("yes", obj["metadata"]!["annotations"]!["keep"]!.GetValue<string>());
    }

    [Fact]
    public void Index_and_negative_index_name_array_items()
    {
        var obj = Objects.Yaml(Pod);
        JqPath.Parse(".spec.containers[0].image").RemoveFrom(obj);
        JqPath.Parse(".spec.containers[-1].image").RemoveFrom(obj);
        var containers = obj["spec"]!["containers"]!.AsArray();
        Assert.Null(containers[0]!["image"]);
        Assert.Equal("busybox", containers[1]!["image"]!.GetValue<string>());
        Assert.Null(containers[2]!["image"]);
    }

    [Fact]
    public void Iterate_then_field_removes_it_from_every_item()
    {
        var obj = Objects.Yaml(Pod);
        JqPath.Parse(".spec.containers[].image").RemoveFrom(obj);
        Assert.All(obj["spec"]!["containers"]!.AsArray(), c => Assert.Null(c!["image"]));
    }

    [Fact]
    public void Iterate_alone_removes_every_item()
    {
        var obj = Objects.Yaml(Pod);
        JqPath.Parse(".spec.finalizers[]").RemoveFrom(obj);
        Assert.Empty(obj["spec"]!["finalizers"]!.AsArray());
    }

    [Fact]
    public void Select_then_field_removes_it_from_matching_items_only()
    {
        var obj = Objects.Yaml(Pod);
        JqPath.Parse(".spec.containers[] | select(.name == \"web\") | .env").RemoveFrom(obj);
        var containers = obj["spec"]!["containers"]!.AsArray();
        Assert.Null(containers[0]!["env"]);
        Assert.Equal("web:v1", containers[0]!["image"]!.GetValue<string>());
    }

    [Fact]
    public void Select_at_the_end_removes_the_matching_items()
    {
        var obj = Objects.Yaml(Pod);
        JqPath.Parse(".spec.containers[] | select(.image == \"busybox\")").RemoveFrom(obj);
        Assert.Equal(["web"], obj["spec"]!["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Select_supports_not_equal_nested_paths_numbers_and_the_item_itself()
    {
        var obj = Objects.Yaml(Pod);
        JqPath.Parse(".spec.containers[] | select(.name != \"web\") | .image").RemoveFrom(obj);
        JqPath.Parse(".spec.containers[] | select(.env[0].value == \"1\") | .name").RemoveFrom(obj);
        JqPath.Parse(".spec.finalizers[] | select(. == \"b\")").RemoveFrom(obj);
        var containers = obj["spec"]!["containers"]!.AsArray();
        Assert.Null(containers[0]!["name"]);
        Assert.Equal("web:v1", containers[0]!["image"]!.GetValue<string>());
        Assert.All(containers.Skip(1), c => Assert.Null(c!["image"]));
        Assert.Equal(["a"], obj["spec"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public void Select_compares_numbers_by_value()
    {
        var obj = Objects.Yaml("spec: {ports: [{port: 80, name: http}, {port: 443, name: https}]}");
        JqPath.Parse(".spec.ports[] | select(.port == 443.0)").RemoveFrom(obj);
        Assert.Equal("http", obj["spec"]!["ports"]![0]!["name"]!.GetValue<string>());
        Assert.Single(obj["spec"]!["ports"]!.AsArray());
    }

    [Fact]
    public void Missing_paths_are_skipped()
    {
        var before = Objects.ToYaml(Objects.Yaml(Pod));
        Assert.Equal(before, RemoveFrom(Pod, ".spec.nothing.here"));
        Assert.Equal(before, RemoveFrom(Pod, ".spec.containers[9].image"));
        Assert.Equal(before, RemoveFrom(Pod, ".metadata.name[0]"));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(".", "whole object")]
    [InlineData("select(.kind == \"Pod\")", "whole object")]
    [InlineData("spec.replicas", "unexpected")]
    [InlineData(".spec.replicas?", "unexpected '?'")]
    [InlineData("..", "recursive descent")]
    [InlineData(".spec.", "expected a field name")]
    [InlineData(".spec | keys", "unexpected 'keys'")]
    [InlineData(".spec.containers[] | select(.name | test(\"a\"))", "only '==' and '!='")]
    [InlineData(".spec.containers[] | select(.name == foo)", "literal")]
    [InlineData(".spec.containers[] | select(.ports[].name == \"x\")", "not allowed inside select")]
    [InlineData(".spec.containers[1:2]", "expected ']'")]
    [InlineData(".metadata.annotations[\"unterminated]", "unterminated string")]
    [InlineData("del(.spec)", "unexpected")]
    [InlineData(".spec |", "ends in '|'")]
    public void Unsupported_forms_are_refused_naming_the_expression(string expression, string why)
    {
        var error = Assert.Throws<DiffException>(() => JqPath.Parse(expression));
        Assert.StartsWith($"jqPathExpression '{expression}' is not supported: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }
}
