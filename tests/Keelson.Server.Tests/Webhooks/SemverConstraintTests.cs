using Keelson.Server.Webhooks;

namespace Keelson.Server.Tests.Webhooks;

/// <summary>Masterminds/semver v3 constraints and versions, as Argo CD checks a pushed tag against a targetRevision.</summary>
public sealed class SemverConstraintTests
{
    [Theory]
    // Exact, with and without v, missing parts.
    [InlineData("1.2.3", "1.2.3", true)]
    [InlineData("=1.2.3", "v1.2.3", true)]
    [InlineData("1.2.3", "1.2.4", false)]
    [InlineData("1.2.3", "1.2.3+build.5", true)]
    [InlineData("1.2.3-rc.1", "1.2.3-rc.1", true)]
    [InlineData("1.2.3", "1.2.3-rc.1", false)]
    // Tilde: same minor; same major when only the major is given.
    [InlineData("~1.2.3", "1.2.9", true)]
    [InlineData("~1.2.3", "1.2.2", false)]
    [InlineData("~1.2.3", "1.3.0", false)]
    [InlineData("~1.2", "1.2.0", true)]
    [InlineData("~>1.2", "1.2.99", true)]
    [InlineData("~1", "1.9.0", true)]
    [InlineData("~1", "2.0.0", false)]
    [InlineData("~*", "7.1.1", true)]
    // Caret: same major; same minor below 1.0; same patch below 0.1.
    [InlineData("^1.2.3", "1.9.9", true)]
    [InlineData("^1.2.3", "1.2.2", false)]
    [InlineData("^1.2.3", "2.0.0", false)]
    [InlineData("^0.2.3", "0.2.9", true)]
    [InlineData("^0.2.3", "0.3.0", false)]
    [InlineData("^0.0.3", "0.0.3", true)]
    [InlineData("^0.0.3", "0.0.4", false)]
    [InlineData("^0", "0.9.0", true)]
    [InlineData("^0", "1.0.0", false)]
    // Wildcards and missing parts.
    [InlineData("1.x", "1.7.3", true)]
    [InlineData("1.X", "2.0.0", false)]
    [InlineData("1.2.*", "1.2.11", true)]
    [InlineData("1.2.*", "1.3.0", false)]
    [InlineData("*", "42.0.0", true)]
    [InlineData("x", "0.0.1", true)]
    [InlineData("v2", "v2.5.0", true)]
    [InlineData("2", "3.0.0", false)]
    // Comparisons.
    [InlineData(">1.2.3", "1.2.4", true)]
    [InlineData(">1.2.3", "1.2.3", false)]
    [InlineData(">1.2", "1.2.9", false)]
    [InlineData(">1.2", "1.3.0", true)]
    [InlineData(">1", "1.9.9", false)]
    [InlineData(">1", "2.0.0", true)]
    [InlineData(">=1.2.3", "1.2.3", true)]
    [InlineData("=>1.2.3", "1.2.2", false)]
    [InlineData("<2.0.0", "1.99.0", true)]
    [InlineData("<2", "2.0.0", false)]
    [InlineData("<=1.2.3", "1.2.3", true)]
    [InlineData("=<1.2.3", "1.2.4", false)]
    [InlineData("<=1.2", "1.2.9", true)]
    [InlineData("<=1.2", "1.3.0", false)]
    [InlineData("<=1", "1.99.0", true)]
    [InlineData("!=1.2.3", "1.2.4", true)]
    [InlineData("!=1.2.3", "1.2.3", false)]
    [InlineData("!=1.x", "1.5.0", false)]
    [InlineData("!=1.x", "2.0.0", true)]
    [InlineData("!=1.2.x", "1.2.5", false)]
    [InlineData("!=1.2.x", "1.3.0", true)]
    // AND by space or comma, OR by ||, hyphen ranges.
    [InlineData(">=1.2.0 <1.4.0", "1.3.5", true)]
    [InlineData(">=1.2.0, <1.4.0", "1.4.0", false)]
    [InlineData(">= 1.2.0 , < 1.4.0", "1.2.0", true)]
    [InlineData("<1.0.0 || >=2.0.0", "2.1.0", true)]
    [InlineData("<1.0.0 || >=2.0.0", "1.5.0", false)]
    [InlineData("^1.0.0 || ^3.0.0", "3.2.1", true)]
    [InlineData("1.2 - 1.4.5", "1.4.5", true)]
    [InlineData("1.2 - 1.4.5", "1.4.6", false)]
    [InlineData("1.2 - 1.4.5", "1.1.9", false)]
    [InlineData("1.0.0 - 1.9.9 || 3.x", "3.0.1", true)]
    // Prereleases only where the group asks for them.
    [InlineData("^1.2.0", "1.3.0-rc.1", false)]
    [InlineData(">=1.3.0-0", "1.3.0-rc.1", true)]
    [InlineData(">=1.3.0-0 <2.0.0", "1.4.0-beta", true)]
    [InlineData(">=1.3.0-0 || <1.0.0", "1.4.0-beta", true)]
    [InlineData("<1.0.0 || >=1.3.0", "1.4.0-beta", false)]
    [InlineData(">=1.2.3-alpha.2", "1.2.3-alpha.10", true)]
    [InlineData(">1.2.3-alpha.10", "1.2.3-alpha.beta", true)]
    [InlineData(">1.2.3-beta", "1.2.3-alpha", false)]
    [InlineData("<1.2.3", "1.2.3-rc.1", false)]
    [InlineData("*", "1.2.3-alpha", false)]
    public void A_pushed_version_satisfies_the_constraint_as_Masterminds_decides(string constraint, string version, bool satisfied)
    {
        Assert.True(SemverConstraint.TryParse(constraint, out var c), $"'{constraint}' should parse");
        Assert.True(SemverVersion.TryParse(version, out var v), $"'{version}' should parse");

        Assert.True(c.IsSatisfiedBy(v) == satisfied, $"{version} should {(satisfied ? "" : "not ")}satisfy '{constraint}'");
    }

    [Theory]
    [InlineData("")]
    [InlineData("main")]
    [InlineData("HEAD")]
    [InlineData("release-1.2")]
    [InlineData("feature/1.2")]
    [InlineData("3f1c2e9a7b6d")]
    [InlineData("1.2.3.4")]
    [InlineData(">=1.2.3<2")]
    [InlineData("1.2.3 ||")]
    [InlineData(">>1.2.3")]
    [InlineData("1.x1")]
    [InlineData("1.2.3-01")]
    [InlineData("1.2.3-")]
    [InlineData("~")]
    public void A_revision_that_is_not_a_constraint_does_not_parse(string text) =>
        Assert.False(SemverConstraint.TryParse(text, out _), $"'{text}' should not parse as a constraint");

    [Theory]
    [InlineData("v1.2.3", 1UL, 2UL, 3UL, "", "")]
    [InlineData("1.2", 1UL, 2UL, 0UL, "", "")]
    [InlineData("v2", 2UL, 0UL, 0UL, "", "")]
    [InlineData("01.002.3", 1UL, 2UL, 3UL, "", "")]
    [InlineData("1.0.0-rc.1+build-7", 1UL, 0UL, 0UL, "rc.1", "build-7")]
    public void A_tag_reads_as_a_version_loosely(string text, ulong major, ulong minor, ulong patch, string prerelease, string metadata)
    {
        Assert.True(SemverVersion.TryParse(text, out var v));
        Assert.Equal(new SemverVersion(major, minor, patch, prerelease, metadata), v);
    }

    [Theory]
    [InlineData("main")]
    [InlineData("v")]
    [InlineData("1.2.3.4")]
    [InlineData("1.2.3-01")]
    [InlineData("1.2.3-rc..1")]
    [InlineData("1.2.3 ")]
    [InlineData("release-1.2.3")]
    [InlineData("99999999999999999999.0.0")]
    public void A_tag_that_is_not_a_version_does_not_parse(string text) => Assert.False(SemverVersion.TryParse(text, out _));

    [Theory]
    [InlineData("1.0.0-alpha", "1.0.0-alpha.1")]
    [InlineData("1.0.0-alpha.1", "1.0.0-alpha.beta")]
    [InlineData("1.0.0-alpha.beta", "1.0.0-beta")]
    [InlineData("1.0.0-beta.2", "1.0.0-beta.11")]
    [InlineData("1.0.0-rc.1", "1.0.0")]
    [InlineData("1.0.0", "1.0.1")]
    [InlineData("1.9.0", "1.10.0")]
    public void Versions_are_ordered_by_semver_precedence(string lower, string higher)
    {
        Assert.True(SemverVersion.TryParse(lower, out var a));
        Assert.True(SemverVersion.TryParse(higher, out var b));
        Assert.True(a.CompareTo(b) < 0 && b.CompareTo(a) > 0, $"{lower} should rank below {higher}");
    }
}
