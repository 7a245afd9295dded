using Keelson.Engine.Diff;

namespace Keelson.Engine.Tests.Diff;

public class UnifiedDiffTests
{
    private static System.Text.Json.Nodes.JsonObject Map(params (string Key, int Value)[] entries)
    {
        var data = new System.Text.Json.Nodes.JsonObject();
        foreach (var (key, value) in entries) data[key] = value;
        return new System.Text.Json.Nodes.JsonObject { ["kind"] = "Thing", ["data"] = data };
    }

    private static (string, int)[] Numbers(int count, params int[] changed) =>
        Enumerable.Range(1, count).Select(i => ($"k{i:00}", changed.Contains(i) ? -i : i)).ToArray();

    [Fact]
    public void Equal_objects_render_nothing()
    {
        Assert.Equal("", UnifiedDiff.Render("t", Map(Numbers(5)), Map(Numbers(5))));
        Assert.Equal("", UnifiedDiff.Render("t", null, null));
    }

    [Fact]
    public void Changes_far_apart_make_separate_hunks()
    {
        // Lines: 1 kind, 2 data:, 3..22 k01..k20; k02 is line 4, k18 line 20.
        var diff = UnifiedDiff.Render("t", Map(Numbers(20)), Map(Numbers(20, 2, 18)));
        Assert.Equal("""
            --- t (live)
            +++ t (target)
            @@ -1,7 +1,7 @@
             kind: Thing
             data:
               k01: 1
            -  k02: 2
            +  k02: -2
               k03: 3
               k04: 4
               k05: 5
            @@ -17,6 +17,6 @@
               k15: 15
               k16: 16
               k17: 17
            -  k18: 18
            +  k18: -18
               k19: 19
               k20: 20

            """.Replace("\r", "", StringComparison.Ordinal), diff);
    }

    [Fact]
    public void Changes_within_twice_the_context_share_a_hunk()
    {
        var diff = UnifiedDiff.Render("t", Map(Numbers(20)), Map(Numbers(20, 5, 11)));
        Assert.Single(diff.Split('\n'), l => l.StartsWith("@@", StringComparison.Ordinal));
        Assert.Contains("@@ -4,13 +4,13 @@", diff, StringComparison.Ordinal);
    }

    [Fact]
    public void Context_zero_shows_only_changed_lines_and_empty_ranges_name_the_line_before()
    {
        var live = Map(Numbers(3));
        var target = Map(Numbers(4));
        Assert.Equal("--- t (live)\n+++ t (target)\n@@ -5,0 +6 @@\n+  k04: 4\n", UnifiedDiff.Render("t", live, target, context: 0));
    }
}
