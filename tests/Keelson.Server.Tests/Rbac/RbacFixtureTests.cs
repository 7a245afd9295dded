using Keelson.Server.Rbac;

namespace Keelson.Server.Tests.Rbac;

/// <summary>
/// Each folder under testdata/rbac/ is one configuration (see <see cref="RbacFixture"/>) and <c>decisions.txt</c>,
/// one question a line: <c>subject | claims | resource | action | object | allow|deny</c>; <c>#</c> starts a comment.
/// </summary>
public sealed class RbacFixtureTests
{
    public static TheoryData<string> Cases() =>
        new(Directory.GetDirectories(RbacFixture.TestData).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_decision_of_the_case_is_as_written(string name)
    {
        var dir = Path.Combine(RbacFixture.TestData, name);
        var enforcer = RbacFixture.Load(dir);
        var wrong = new List<string>();
        var count = 0;
        foreach (var line in File.ReadLines(Path.Combine(dir, "decisions.txt")))
        {
            if (line.Trim() is "" || line.TrimStart().StartsWith('#')) continue;
            var f = line.Split('|', StringSplitOptions.TrimEntries);
            Assert.True(f.Length == 6, $"{name}: '{line}' has {f.Length} columns, not 6");
            Assert.True(f[5] is "allow" or "deny", $"{name}: '{line}' expects '{f[5]}', not allow or deny");
            var decision = RbacFixture.Ask(enforcer, RbacFixture.Claims(f[0], f[1]), new RbacRequest(f[2], f[3], f[4]));
            count++;
            if (decision.Allowed != (f[5] == "allow")) wrong.Add($"{line}  → got {(decision.Allowed ? "allow" : "deny")}");
        }
        Assert.True(count > 0, $"{name}: no decisions");
        Assert.True(wrong.Count == 0, $"{name}: {wrong.Count} of {count} decisions differ:\n{string.Join("\n", wrong)}");
    }
}
