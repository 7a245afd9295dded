using System.Text.Json.Nodes;
using Keelson.Engine.Health;
using Keelson.Resources;
using Keelson.Resources.Serialization;

namespace Keelson.Engine.Tests.Health;

/// <summary>
/// Each file under testdata/health/&lt;kind&gt;/ is one live object whose expected health is written on it:
/// annotation <c>health.keelson.dev/expected-status</c> (an Argo CD status, or <c>None</c> when no health applies)
/// and, optionally, <c>health.keelson.dev/expected-message</c> ("" when there is no message). The annotations are
/// left on the object: no rule reads them.
/// </summary>
public class HealthFixtureTests
{
    private const string ExpectedStatus = "health.keelson.dev/expected-status";
    private const string ExpectedMessage = "health.keelson.dev/expected-message";

    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "testdata", "health");

    public static TheoryData<string> Fixtures() => new(FixturePaths());

    private static IEnumerable<string> FixturePaths() =>
        Directory.GetFiles(Root, "*.yaml", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(Root, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    private static JsonObject Load(string fixture)
    {
        var path = Path.Combine(Root, fixture);
        return (JsonObject)YamlDocuments.Parse(File.ReadAllText(path), path).Single()!;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_has_the_health_its_annotations_expect(string fixture)
    {
        var live = Load(fixture);
        var annotations = live.GetAnnotations();
        Assert.True(annotations.TryGetValue(ExpectedStatus, out var expectedStatus), $"{fixture} has no {ExpectedStatus} annotation");

        var result = HealthRules.Assess(live);

        if (expectedStatus == "None")
        {
            Assert.True(result is null, $"{fixture}: expected no health, got {result}");
            return;
        }
        Assert.True(result is not null, $"{fixture}: expected {expectedStatus}, got no health");
        Assert.Equal(expectedStatus, result.Status.ToArgoString());
        if (annotations.TryGetValue(ExpectedMessage, out var expectedMessage))
            Assert.Equal(expectedMessage, result.Message ?? "");
    }

    [Fact]
    public void Assess_does_not_change_the_object()
    {
        foreach (var fixture in FixturePaths())
        {
            var live = Load(fixture);
            var before = live.ToJsonString();
            HealthRules.Assess(live);
            Assert.Equal(before, live.ToJsonString());
        }
    }

    [Fact]
    public void Every_kind_with_a_rule_has_fixtures_for_at_least_three_cases()
    {
        var counts = FixturePaths()
            .Select(fixture => Load(fixture).GetGroupVersionKind().GroupKind)
            .GroupBy(kind => kind)
            .ToDictionary(g => g.Key, g => g.Count());
        var thin = HealthRules.Kinds
            .Where(kind => kind != new GroupKind("extensions", "Ingress"))
            .Where(kind => counts.GetValueOrDefault(kind) < 3)
            .Select(kind => $"{kind} ({counts.GetValueOrDefault(kind)})")
            .ToList();
        Assert.True(thin.Count == 0, "kinds with fewer than three fixtures: " + string.Join(", ", thin));
    }
}
