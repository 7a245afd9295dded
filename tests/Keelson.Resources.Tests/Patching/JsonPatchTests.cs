using System.Text.Json.Nodes;
using Keelson.Resources.Patching;

namespace Keelson.Resources.Tests.Patching;

public class JsonPatchTests
{
    private static JsonNode? Apply(string document, string patch) => JsonPatch.Apply(JsonNode.Parse(document), JsonNode.Parse(patch)!);

    [Theory]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"foo":"bar","baz":"qux"}""")]
    [InlineData("""{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""")]
    [InlineData("""{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":"end"}]""", """{"foo":["bar","end"]}""")]
    [InlineData("""{"foo":["bar"]}""", """[{"op":"add","path":"/foo/1","value":"end"}]""", """{"foo":["bar","end"]}""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/child","value":{"grand":{"x":1}}}]""", """{"foo":"bar","child":{"grand":{"x":1}}}""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/foo","value":null}]""", """{"foo":null}""")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"","value":[1]}]""", """[1]""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""")]
    [InlineData("""{"foo":["bar","qux","baz"]}""", """[{"op":"remove","path":"/foo/1"}]""", """{"foo":["bar","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""")]
    [InlineData("""{"a":1}""", """[{"op":"replace","path":"","value":{"b":2}}]""", """{"b":2}""")]
    [InlineData("""{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""", """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""", """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""")]
    [InlineData("""{"foo":["all","grass","cows","eat"]}""", """[{"op":"move","from":"/foo/1","path":"/foo/3"}]""", """{"foo":["all","cows","eat","grass"]}""")]
    [InlineData("""{"a":{"b":1}}""", """[{"op":"copy","from":"/a","path":"/c"}]""", """{"a":{"b":1},"c":{"b":1}}""")]
    [InlineData("""{"baz":"qux","foo":["a",2,"c"]}""", """[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]""", """{"baz":"qux","foo":["a",2,"c"]}""")]
    [InlineData("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":10},{"op":"replace","path":"/~1","value":8}]""", """{"/":8,"~1":10}""")]
    [InlineData("""{"metadata":{"labels":{"app.kubernetes.io/name":"x"}}}""", """[{"op":"remove","path":"/metadata/labels/app.kubernetes.io~1name"}]""", """{"metadata":{"labels":{}}}""")]
    [InlineData("""{"a":[1,2]}""", """[]""", """{"a":[1,2]}""")]
    public void Operations_follow_rfc_6902(string document, string patch, string expected)
    {
        var result = Apply(document, patch);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result), $"got {result?.ToJsonString()}");
    }

    [Theory]
    [InlineData("""{"a":1}""", """[{"op":"remove","path":"/missing"}]""", "/missing")]
    [InlineData("""{"a":1}""", """[{"op":"replace","path":"/missing","value":2}]""", "/missing")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/x/y","value":2}]""", "/x/y")]
    [InlineData("""{"a":[1]}""", """[{"op":"add","path":"/a/5","value":2}]""", "/a/5")]
    [InlineData("""{"a":[1]}""", """[{"op":"remove","path":"/a/-"}]""", "/a/-")]
    [InlineData("""{"a":[1]}""", """[{"op":"add","path":"/a/01","value":2}]""", "/a/01")]
    [InlineData("""{"a":1}""", """[{"op":"test","path":"/a","value":2}]""", "/a")]
    [InlineData("""{"a":{"b":1}}""", """[{"op":"move","from":"/a","path":"/a/b/c"}]""", "/a/b/c")]
    [InlineData("""{"a":1}""", """[{"op":"copy","from":"/nope","path":"/b"}]""", "/nope")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"a","value":1}]""", "'a'")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/~2","value":1}]""", "/~2")]
    [InlineData("""{"a":1}""", """[{"op":"frobnicate","path":"/a"}]""", "frobnicate")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/b"}]""", "value")]
    public void Failures_throw_PatchException_naming_the_path(string document, string patch, string expectedInMessage)
    {
        var e = Assert.Throws<PatchException>(() => Apply(document, patch));
        Assert.Contains(expectedInMessage, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_document_is_not_mutated_even_when_a_later_operation_fails()
    {
        var document = JsonNode.Parse("""{"a":{"b":[1,2]}}""")!;
        var patch = JsonNode.Parse("""[{"op":"add","path":"/a/b/-","value":3},{"op":"remove","path":"/a/c"}]""")!;
        Assert.Throws<PatchException>(() => JsonPatch.Apply(document, patch));
        Assert.Equal("""{"a":{"b":[1,2]}}""", document.ToJsonString());
        var ok = JsonPatch.Apply(document, JsonNode.Parse("""[{"op":"add","path":"/a/b/-","value":3}]""")!);
        Assert.Equal("""{"a":{"b":[1,2]}}""", document.ToJsonString());
        Assert.Equal("""{"a":{"b":[1,2,3]}}""", ok!.ToJsonString());
    }

    [Fact]
    public void Added_values_are_copies_of_the_patch()
    {
        var patch = JsonNode.Parse("""[{"op":"add","path":"/x","value":{"k":1}}]""")!;
        var result = (JsonObject)JsonPatch.Apply(JsonNode.Parse("{}"), patch)!;
        result["x"]!["k"] = 2;
        Assert.Equal(1, patch[0]!["value"]!["k"]!.GetValue<int>());
    }
}
