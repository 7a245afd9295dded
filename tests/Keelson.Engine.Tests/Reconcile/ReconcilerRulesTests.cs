using Keelson.Engine.Reconcile;

namespace Keelson.Engine.Tests.Reconcile;

public sealed class ReconcilerRulesTests
{
    [Theory]
    [InlineData("5s", 5)]
    [InlineData("3m", 180)]
    [InlineData("1h30m", 5400)]
    [InlineData("500ms", 0.5)]
    [InlineData("90", 90)]
    public void Go_durations_parse_as_Argo_CD_writes_them(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ApplicationReconciler.ParseDuration(text));

    [Fact]
    public void An_empty_duration_is_absent() => Assert.Null(ApplicationReconciler.ParseDuration(" "));

    [Theory]
    [InlineData("*", "https://example.com/anything", true)]
    [InlineData("https://github.com/other/*", "https://github.com/other/repo.git", true)]
    [InlineData("https://github.com/other/*", "https://github.com/mine/repo.git", false)]
    [InlineData("guestbook-?", "guestbook-1", true)]
    [InlineData("exact", "exact", true)]
    [InlineData("exact", "exactly", false)]
    [InlineData("a.b", "axb", false)]
    public void Project_globs_match_as_Argo_CD_matches_them(string pattern, string value, bool matches) =>
        Assert.Equal(matches, ApplicationReconciler.Glob(pattern, value));
}
