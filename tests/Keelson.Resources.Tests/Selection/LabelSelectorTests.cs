using System.Text.Json.Nodes;
using Keelson.Resources.Selection;

namespace Keelson.Resources.Tests.Selection;

public class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Web = new() { ["app"] = "web", ["tier"] = "fe", ["env"] = "" };

    [Theory]
    [InlineData("", true)]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app = web", true)]
    [InlineData("app=api", false)]
    [InlineData("app!=api", true)]
    [InlineData("missing!=x", true)]
    [InlineData("app!=web", false)]
    [InlineData("tier in (fe,be)", true)]
    [InlineData("tier in (be)", false)]
    [InlineData("missing in (a)", false)]
    [InlineData("tier notin (be)", true)]
    [InlineData("tier notin (fe)", false)]
    [InlineData("missing notin (a)", true)]
    [InlineData("app", true)]
    [InlineData("missing", false)]
    [InlineData("!missing", true)]
    [InlineData("!app", false)]
    [InlineData("env=", true)]
    [InlineData("env", true)]
    [InlineData("app=web,tier in (fe),!legacy", true)]
    [InlineData("app=web,tier=be", false)]
    [InlineData("  app  in  ( web , x ) ", true)]
    public void Query_form_matches_labels(string selector, bool expected) =>
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Web));

    [Theory]
    [InlineData("tier in (fe,be),!legacy,app=web", "app=web,!legacy,tier in (be,fe)")]
    [InlineData("b notin (z,y,y), a", "a,b notin (y,z)")]
    [InlineData("x==1,w!=2", "w!=2,x==1")]
    [InlineData("", "")]
    public void ToString_gives_the_canonical_form(string selector, string canonical)
    {
        var parsed = LabelSelector.Parse(selector);
        Assert.Equal(canonical, parsed.ToString());
        Assert.Equal(canonical, LabelSelector.Parse(parsed.ToString()).ToString());
    }

    [Theory]
    [InlineData("app=web,", "identifier")]
    [InlineData("app in ()", "values set can't be empty")]
    [InlineData("app in (a", "')'")]
    [InlineData("app in a", "'('")]
    [InlineData("app=a b", "','")]
    [InlineData("-app=x", "name part must consist of alphanumeric")]
    [InlineData("app=-x", "a valid label must be")]
    [InlineData("Example.com/app=x", "prefix part")]
    [InlineData("/app=x", "prefix part must be non-empty")]
    [InlineData("!app=x", "'='")]
    [InlineData("app=(x)", "identifier")]
    [InlineData("in=x", "identifier")]
    [InlineData(",", "identifier")]
    public void Invalid_selectors_throw_with_a_clear_message(string selector, string expectedInMessage)
    {
        var e = Assert.Throws<SelectorException>(() => LabelSelector.Parse(selector));
        Assert.StartsWith("unable to parse requirement: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expectedInMessage, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Label_keys_and_values_are_limited_to_their_lengths()
    {
        Assert.Throws<SelectorException>(() => LabelSelector.Parse($"{new string('a', 64)}=x"));
        Assert.Throws<SelectorException>(() => LabelSelector.Parse($"a={new string('a', 64)}"));
        Assert.True(LabelSelector.Parse($"example.com/{new string('a', 63)}={new string('b', 63)}").Requirements.Count == 1);
    }

    [Fact]
    public void FromJson_reads_matchLabels_and_matchExpressions()
    {
        var json = JsonNode.Parse("""
            {"matchLabels":{"app":"web"},
             "matchExpressions":[{"key":"tier","operator":"In","values":["fe","be"]},
                                 {"key":"legacy","operator":"DoesNotExist"},
                                 {"key":"env","operator":"Exists"},
                                 {"key":"zone","operator":"NotIn","values":["x"]}]}
            """)!.AsObject();
        var selector = LabelSelector.FromJson(json);
        Assert.Equal("app=web,env,!legacy,tier in (be,fe),zone notin (x)", selector.ToString());
        Assert.True(selector.Matches(Web));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "fe", ["env"] = "", ["legacy"] = "1" }));
    }

    [Fact]
    public void FromJson_null_and_empty_select_everything()
    {
        Assert.True(LabelSelector.FromJson(null).IsEverything);
        Assert.True(LabelSelector.FromJson([]).IsEverything);
        Assert.True(LabelSelector.FromJson([]).Matches(new Dictionary<string, string>()));
    }

    [Theory]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"Equals","values":["x"]}]}""", "\"Equals\" is not a valid label selector operator")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"In","values":[]}]}""", "can't be empty")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"Exists","values":["x"]}]}""", "must be empty")]
    [InlineData("""{"matchLabels":{"a b":"x"}}""", "Invalid value: \"a b\"")]
    [InlineData("""{"matchLabels":{"a":"x y"}}""", "a valid label must be")]
    public void FromJson_rejects_invalid_selectors(string json, string expectedInMessage)
    {
        var e = Assert.Throws<SelectorException>(() => LabelSelector.FromJson(JsonNode.Parse(json)!.AsObject()));
        Assert.Contains(expectedInMessage, e.Message, StringComparison.Ordinal);
    }
}
