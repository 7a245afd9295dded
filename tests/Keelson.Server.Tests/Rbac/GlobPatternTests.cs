using Keelson.Server.Rbac;

namespace Keelson.Server.Tests.Rbac;

/// <summary>gobwas/glob without separators, as Argo CD's RBAC compiles it.</summary>
public sealed class GlobPatternTests
{
    [Theory]
    [InlineData("*", "", true)]
    [InlineData("*", "default/ns/app", true)]
    [InlineData("**", "a/b/c", true)]
    [InlineData("default/*", "default/ns/app", true)]
    [InlineData("default/*", "default/", true)]
    [InlineData("default/*", "production/app", false)]
    [InlineData("*/guestbook", "default/ns/guestbook", true)]
    [InlineData("a*b*c", "a/x/b/y/c", true)]
    [InlineData("a*b*c", "a/x/c/y/b", false)]
    [InlineData("delete/*/Pod/*/*", "delete//Pod/ns/web", true)]
    [InlineData("delete/*/Pod/*/*", "delete/apps/Deployment/ns/web", false)]
    [InlineData("app-?", "app-1", true)]
    [InlineData("app-?", "app-", false)]
    [InlineData("app-?", "app-12", false)]
    [InlineData("app-?", "app-é", true)]
    [InlineData("app-?", "app-😀", true)]
    [InlineData("[abc]x", "bx", true)]
    [InlineData("[abc]x", "dx", false)]
    [InlineData("[!abc]x", "dx", true)]
    [InlineData("[!abc]x", "ax", false)]
    [InlineData("[a-c]x", "bx", true)]
    [InlineData("[!a-c]x", "bx", false)]
    [InlineData("[abc-z]", "-", true)]
    [InlineData("{dev,staging}-*", "staging-web", true)]
    [InlineData("{dev,staging}-*", "prod-web", false)]
    [InlineData("{a,{b,c}d}", "cd", true)]
    [InlineData("{a,{b,c}d}", "c", false)]
    [InlineData("{a,}x", "x", true)]
    [InlineData("{a,b", "b", true)]
    [InlineData("a,b", "a,b", true)]
    [InlineData("a}b", "a}b", true)]
    [InlineData(@"\*", "*", true)]
    [InlineData(@"\*", "x", false)]
    [InlineData(@"a\?", "a?", true)]
    [InlineData("a.b", "axb", false)]
    [InlineData("(a|b)", "(a|b)", true)]
    [InlineData("Default", "default", false)]
    public void Matches_as_gobwas_without_separators(string pattern, string value, bool expected)
    {
        Assert.True(GlobPattern.TryCompile(pattern, out var glob, out var error), error);
        Assert.Equal(expected, glob.IsMatch(value));
    }

    [Theory]
    [InlineData("[", "unexpected end of input")]
    [InlineData("[abc", "unexpected end of input")]
    [InlineData("[]", "could not parse range")]
    [InlineData("[!]", "could not parse range")]
    [InlineData("[z-a]", "hi character 'a' should be greater than lo 'z'")]
    [InlineData("[a-zA-Z]", "expected close range character")]
    public void Invalid_patterns_are_refused_with_gobwas_reason(string pattern, string reason)
    {
        Assert.False(GlobPattern.TryCompile(pattern, out _, out var error));
        Assert.Equal(reason, error);
    }
}
