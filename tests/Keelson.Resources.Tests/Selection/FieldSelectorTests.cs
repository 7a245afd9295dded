using Keelson.Resources.Selection;

namespace Keelson.Resources.Tests.Selection;

public class FieldSelectorTests
{
    private static readonly Dictionary<string, string> Pod = new()
    {
        ["metadata.name"] = "web",
        ["metadata.namespace"] = "default",
        ["status.phase"] = "Running",
        ["spec.nodeName"] = "a,b=c\\d",
    };

    private static string? Field(string path) => Pod.GetValueOrDefault(path);

    [Theory]
    [InlineData("", true)]
    [InlineData("metadata.name=web", true)]
    [InlineData("metadata.name==web", true)]
    [InlineData("metadata.name!=web", false)]
    [InlineData("status.phase!=Pending", true)]
    [InlineData("metadata.name=web,status.phase=Running", true)]
    [InlineData("metadata.name=web,status.phase=Failed", false)]
    [InlineData("spec.missing=", true)]
    [InlineData("spec.missing!=", false)]
    [InlineData(@"spec.nodeName=a\,b\=c\\d", true)]
    [InlineData("metadata.name=web,,", true)]
    public void Terms_match_field_values(string selector, bool expected) =>
        Assert.Equal(expected, FieldSelector.Parse(selector).Matches(Field));

    [Fact]
    public void Empty_selects_everything()
    {
        Assert.True(FieldSelector.Parse("").IsEverything);
        Assert.Empty(FieldSelector.Everything.Fields);
        Assert.False(FieldSelector.Parse("a=b").IsEverything);
    }

    [Fact]
    public void Fields_lists_the_named_paths()
    {
        Assert.Equal(["metadata.name", "status.phase"], FieldSelector.Parse("metadata.name=x,status.phase!=y,metadata.name!=z").Fields);
    }

    [Theory]
    [InlineData("metadata.name==web,status.phase!=Running", "metadata.name=web,status.phase!=Running")]
    [InlineData(@"a=x\,y", @"a=x\,y")]
    public void ToString_is_canonical_and_escaped(string selector, string expected) =>
        Assert.Equal(expected, FieldSelector.Parse(selector).ToString());

    [Theory]
    [InlineData("metadata.name", "can't understand 'metadata.name'")]
    [InlineData(@"a=b\x", "invalid escape")]
    [InlineData(@"a=b\", "invalid escape")]
    [InlineData("a=b=c", "unescaped '='")]
    public void Invalid_selectors_throw(string selector, string expectedInMessage)
    {
        var e = Assert.Throws<SelectorException>(() => FieldSelector.Parse(selector));
        Assert.Contains(expectedInMessage, e.Message, StringComparison.Ordinal);
    }
}
