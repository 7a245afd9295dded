using Keelson.Server.Webhooks;

namespace Keelson.Server.Tests.Webhooks;

/// <summary>Go's path/filepath on Linux, as Argo CD's refresh-path check uses it.</summary>
public sealed class GoFilePathTests
{
    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("*", "abc", true)]
    [InlineData("*c", "abc", true)]
    [InlineData("a*", "a", true)]
    [InlineData("a*", "abc", true)]
    [InlineData("a*", "ab/c", false)]
    [InlineData("a*/b", "abc/b", true)]
    [InlineData("a*/b", "a/c/b", false)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxe/f", true)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxexxx/f", true)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxexxx/fff", false)]
    [InlineData("a*b?c*x", "abxbbxdbxebxczzx", true)]
    [InlineData("a*b?c*x", "abxbbxdbxebxczzy", false)]
    [InlineData("ab[c]", "abc", true)]
    [InlineData("ab[b-d]", "abc", true)]
    [InlineData("ab[e-g]", "abc", false)]
    [InlineData("ab[^c]", "abc", false)]
    [InlineData("ab[^b-d]", "abc", false)]
    [InlineData("ab[^e-g]", "abc", true)]
    [InlineData("a\\*b", "a*b", true)]
    [InlineData("a\\*b", "ab", false)]
    [InlineData("a?b", "a☺b", true)]
    [InlineData("a[^a]b", "a☺b", true)]
    [InlineData("a???b", "a☺b", false)]
    [InlineData("a?b", "a😀b", true)]
    [InlineData("[a-ζ]*", "α", true)]
    [InlineData("*[a-ζ]", "A", false)]
    [InlineData("a?b", "a/b", false)]
    [InlineData("a*b", "a/b", false)]
    [InlineData("[\\]a]", "]", true)]
    [InlineData("[\\-]", "-", true)]
    [InlineData("[x\\-]", "x", true)]
    [InlineData("[x\\-]", "-", true)]
    [InlineData("[x\\-]", "z", false)]
    [InlineData("[\\-x]", "x", true)]
    [InlineData("[\\-x]", "a", false)]
    [InlineData("*x", "xxx", true)]
    [InlineData("/overlays/*/kustomization.yaml", "/overlays/prod/kustomization.yaml", true)]
    public void Match_is_Gos_filepath_Match(string pattern, string name, bool matches) =>
        Assert.True(GoFilePath.Match(pattern, name) == matches, $"'{name}' should {(matches ? "" : "not ")}match '{pattern}'");

    [Theory]
    [InlineData("[]a]", "]")]
    [InlineData("[-]", "-")]
    [InlineData("[x-]", "x")]
    [InlineData("[-x]", "x")]
    [InlineData("\\", "a")]
    [InlineData("[a-b-c]", "a")]
    [InlineData("[", "a")]
    [InlineData("[^", "a")]
    [InlineData("[^bc", "a")]
    [InlineData("a[", "a")]
    [InlineData("a[", "ab")]
    [InlineData("*x[", "xxx")]
    public void A_malformed_pattern_matches_nothing(string pattern, string name) => Assert.False(GoFilePath.Match(pattern, name));

    [Fact]
    public void Many_stars_against_a_long_name_are_matched_a_chunk_at_a_time_not_by_backtracking()
    {
        // Backtracking over eight stars would not finish on a 20 000-character name.
        var name = new string('a', 20_000);

        Assert.False(GoFilePath.Match("*a*a*a*a*a*a*a*a*b", name));
        Assert.True(GoFilePath.Match("*a*a*a*a*a*a*a*a", name));
    }

    [Theory]
    [InlineData("", ".")]
    [InlineData(".", ".")]
    [InlineData("/", "/")]
    [InlineData("a//b/./c/", "a/b/c")]
    [InlineData("a/b/../../..", "..")]
    [InlineData("/../a", "/a")]
    [InlineData("../../a/../b", "../../b")]
    [InlineData("/a/b/../c/.", "/a/c")]
    public void Clean_is_Gos(string path, string clean) => Assert.Equal(clean, GoFilePath.Clean(path));

    [Theory]
    [InlineData("/a/b", "/a")]
    [InlineData("/a", "/")]
    [InlineData("a", ".")]
    [InlineData("/a/b/", "/a/b")]
    public void Dir_is_Gos(string path, string dir) => Assert.Equal(dir, GoFilePath.Dir(path));
}
