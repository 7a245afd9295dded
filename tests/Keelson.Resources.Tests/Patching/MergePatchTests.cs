using System.Text.Json.Nodes;
using Keelson.Resources.Patching;

namespace Keelson.Resources.Tests.Patching;

public class MergePatchTests
{
    // The examples of RFC 7386 appendix A.
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", "null", "null")]
    [InlineData("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void Apply_follows_rfc_7386(string target, string patch, string expected)
    {
        var result = MergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result), $"got {result?.ToJsonString() ?? "null"}");
    }

    [Fact]
    public void Apply_does_not_mutate_its_inputs()
    {
        var target = JsonNode.Parse("""{"a":{"b":1,"c":2}}""");
        var patch = JsonNode.Parse("""{"a":{"b":null,"d":{"e":1}}}""");
        var result = MergePatch.Apply(target, patch)!;
        result["a"]!["d"]!["e"] = 5;
        Assert.Equal("""{"a":{"b":1,"c":2}}""", target!.ToJsonString());
        Assert.Equal("""{"a":{"b":null,"d":{"e":1}}}""", patch!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"a":1,"b":{"c":2,"d":3},"l":[1,2]}""", """{"a":1,"b":{"c":5},"l":[1,2,3],"n":"x"}""", """{"b":{"d":null,"c":5},"l":[1,2,3],"n":"x"}""")]
    [InlineData("""{"a":1}""", """{"a":1}""", """{}""")]
    [InlineData("""{"a":{"b":1}}""", """{"a":"s"}""", """{"a":"s"}""")]
    [InlineData("""[1]""", """[2]""", """[2]""")]
    public void Create_produces_the_minimal_patch(string original, string modified, string expected)
    {
        var patch = MergePatch.Create(JsonNode.Parse(original), JsonNode.Parse(modified));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), patch), $"got {patch?.ToJsonString()}");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(modified), MergePatch.Apply(JsonNode.Parse(original), patch)));
    }
}
