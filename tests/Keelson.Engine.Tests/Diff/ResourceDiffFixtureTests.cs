using Keelson.Engine.Diff;
using Keelson.Resources.Serialization;

namespace Keelson.Engine.Tests.Diff;

public class ResourceDiffFixtureTests
{
    public static TheoryData<string> Cases => DiffFixture.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compare_and_render_match_the_expected_outcome(string name)
    {
        var fixture = DiffFixture.Load(name);
        if (fixture.Error is not null)
        {
            var error = Assert.Throws<DiffException>(() => ResourceDiff.Compare(fixture.Predicted, fixture.Live, fixture.Ignore));
            Assert.Contains(fixture.Error, error.Message, StringComparison.Ordinal);
            return;
        }

        var result = ResourceDiff.Compare(fixture.Predicted, fixture.Live, fixture.Ignore);
        var diff = UnifiedDiff.Render(fixture.Title, result.NormalizedLive, result.NormalizedTarget);

        Assert.True(fixture.Modified.HasValue, $"{name}: expected.yaml has neither modified nor error");
        Assert.True(fixture.Modified == result.Modified, $"{name}: expected modified={fixture.Modified}, got {result.Modified}; diff:\n{diff}");
        Assert.Equal(result.Modified, diff.Length > 0);
        if (fixture.Diff is not null) Assert.Equal(fixture.Diff, diff);
        foreach (var secret in fixture.SecretValues()) Assert.DoesNotContain(secret, diff, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compare_does_not_change_its_inputs(string name)
    {
        var fixture = DiffFixture.Load(name);
        var predicted = YamlDocuments.Write(fixture.Predicted);
        var live = YamlDocuments.Write(fixture.Live);
        try
        {
            ResourceDiff.Compare(fixture.Predicted, fixture.Live, fixture.Ignore);
        }
        catch (DiffException)
        {
        }
        Assert.Equal(predicted, YamlDocuments.Write(fixture.Predicted));
        Assert.Equal(live, YamlDocuments.Write(fixture.Live));
    }
}
