using System.Text.Json.Nodes;
using Keelson.Resources.Patching;
using Keelson.Resources.Serialization;

namespace Keelson.Resources.Tests.Patching;

/// <summary>
/// Each folder under testdata/strategic-merge is a case: original.yaml, patch.yaml and either expected.yaml or
/// error.txt (text the PatchException message must contain). The patch meta comes from the original's apiVersion/kind.
/// </summary>
public class StrategicMergePatchTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "testdata", "strategic-merge");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        // Only folders holding a case: a renamed case can leave an empty folder behind in the build output.
        foreach (var dir in Directory.GetDirectories(Root).Where(d => File.Exists(Path.Combine(d, "original.yaml"))).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(dir));
        return data;
    }

    private static JsonObject Load(string caseName, string file)
    {
        var path = Path.Combine(Root, caseName, file);
        return (JsonObject)YamlDocuments.Parse(File.ReadAllText(path), path).Single()!;
    }

    private static void AssertJsonEqual(JsonNode expected, JsonNode actual, string what) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{what}\nexpected:\n{YamlDocuments.Write(expected)}\nactual:\n{YamlDocuments.Write(actual)}");

    [Fact]
    public void There_are_at_least_twenty_fixture_cases() => Assert.True(Cases().Count >= 20);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fixture(string caseName)
    {
        var original = Load(caseName, "original.yaml");
        var patch = Load(caseName, "patch.yaml");
        var meta = PatchMeta.ForKind(original.GetGroupVersionKind());
        var originalText = original.ToJsonString();
        var patchText = patch.ToJsonString();
        var errorFile = Path.Combine(Root, caseName, "error.txt");

        if (File.Exists(errorFile))
        {
            var e = Assert.Throws<PatchException>(() => StrategicMergePatch.Apply(original, patch, meta));
            Assert.Contains(File.ReadAllText(errorFile).Trim(), e.Message, StringComparison.Ordinal);
            return;
        }

        var result = StrategicMergePatch.Apply(original, patch, meta);
        AssertJsonEqual(Load(caseName, "expected.yaml"), result, caseName);
        Assert.Equal(originalText, original.ToJsonString());
        Assert.Equal(patchText, patch.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CreateTwoWay_patch_applies_back_to_the_expected_object(string caseName)
    {
        if (!File.Exists(Path.Combine(Root, caseName, "expected.yaml"))) return;
        var original = Load(caseName, "original.yaml");
        var expected = Load(caseName, "expected.yaml");
        var meta = PatchMeta.ForKind(original.GetGroupVersionKind());
        var twoWay = StrategicMergePatch.CreateTwoWay(original, expected, meta);
        AssertJsonEqual(expected, StrategicMergePatch.Apply(original, twoWay, meta), $"{caseName} via {twoWay.ToJsonString()}");
    }

    [Fact]
    public void Null_meta_behaves_like_json_merge_patch()
    {
        var original = JsonNode.Parse("""{"spec":{"containers":[{"name":"a","image":"x"}],"keep":1,"drop":2}}""")!.AsObject();
        var patch = JsonNode.Parse("""{"spec":{"containers":[{"name":"b"}],"drop":null,"add":{"k":"v"}}}""")!.AsObject();
        var result = StrategicMergePatch.Apply(original, patch, null);
        AssertJsonEqual(MergePatch.Apply(original, patch)!, result, "null meta");
    }

    [Fact]
    public void CreateTwoWay_of_equal_objects_is_empty()
    {
        var obj = JsonNode.Parse("""{"apiVersion":"apps/v1","kind":"Deployment","spec":{"template":{"spec":{"containers":[{"name":"a"}]}}}}""")!.AsObject();
        Assert.Empty(StrategicMergePatch.CreateTwoWay(obj, obj, PatchMeta.ForKind(obj.GetGroupVersionKind())));
    }

    [Fact]
    public void CreateTwoWay_deletes_removed_items_and_sets_the_order()
    {
        var original = JsonNode.Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"finalizers":["a","b"]},"spec":{"template":{"spec":{"containers":[{"name":"a","image":"1"},{"name":"b"},{"name":"c"}]}}}}""")!.AsObject();
        var modified = JsonNode.Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"finalizers":["c","a"]},"spec":{"template":{"spec":{"containers":[{"name":"c"},{"name":"a","image":"2"},{"name":"d"}]}}}}""")!.AsObject();
        var meta = PatchMeta.ForKind(modified.GetGroupVersionKind());
        var patch = StrategicMergePatch.CreateTwoWay(original, modified, meta);
        var containers = patch.GetPath("spec", "template", "spec", "containers")!.AsArray();
        Assert.Contains(containers, c => c!["$patch"]?.GetValue<string>() == "delete" && c["name"]!.GetValue<string>() == "b");
        Assert.NotNull(patch.GetPath("spec", "template", "spec", "$setElementOrder/containers"));
        Assert.Equal("""["b"]""", patch.GetPath("metadata", "$deleteFromPrimitiveList/finalizers")!.ToJsonString());
        AssertJsonEqual(modified, StrategicMergePatch.Apply(original, patch, meta), patch.ToJsonString());
    }
}
