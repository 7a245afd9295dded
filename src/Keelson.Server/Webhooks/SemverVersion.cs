using System.Globalization;
using System.Text.RegularExpressions;

namespace Keelson.Server.Webhooks;

/// <summary>
/// A semantic version read as Masterminds/semver v3's <c>NewVersion</c> reads a pushed tag: an optional <c>v</c>,
/// one to three numbers (leading zeros allowed, missing ones 0), an optional <c>-prerelease</c> and
/// <c>+metadata</c>. Ordered by semver precedence; metadata does not count.
/// </summary>
public sealed partial record SemverVersion(ulong Major, ulong Minor, ulong Patch, string Prerelease, string Metadata) : IComparable<SemverVersion>
{
    [GeneratedRegex(@"\Av?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:-([0-9A-Za-z\-]+(?:\.[0-9A-Za-z\-]+)*))?(?:\+([0-9A-Za-z\-]+(?:\.[0-9A-Za-z\-]+)*))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();

    public static bool TryParse(string text, out SemverVersion version)
    {
        version = null!;
        var m = Syntax().Match(text);
        if (!m.Success || !Number(m.Groups[1].Value, out var major) || !Number(m.Groups[2].Value, out var minor) || !Number(m.Groups[3].Value, out var patch))
            return false;
        var prerelease = m.Groups[4].Value;
        // A numeric prerelease identifier has no leading zero (1.0.0-01 is not a version); the syntax checked the rest.
        if (prerelease.Split('.').Any(id => id.Length > 1 && id[0] == '0' && id.All(char.IsAsciiDigit))) return false;
        version = new(major, minor, patch, prerelease, m.Groups[5].Value);
        return true;
    }

    public int CompareTo(SemverVersion? other)
    {
        if (other is null) return 1;
        var byNumbers = (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
        if (byNumbers != 0) return Math.Sign(byNumbers);
        // A release ranks above its prereleases.
        if (Prerelease.Length == 0) return other.Prerelease.Length == 0 ? 0 : 1;
        if (other.Prerelease.Length == 0) return -1;
        return ComparePrerelease(Prerelease, other.Prerelease);
    }

    public override string ToString() =>
        $"{Major}.{Minor}.{Patch}{(Prerelease.Length > 0 ? "-" + Prerelease : "")}{(Metadata.Length > 0 ? "+" + Metadata : "")}";

    /// <summary>Identifier by identifier: numbers numerically and below words, words by ordinal; fewer identifiers rank lower.</summary>
    internal static int ComparePrerelease(string left, string right)
    {
        var a = left.Split('.');
        var b = right.Split('.');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            if (i >= a.Length) return -1;
            if (i >= b.Length) return 1;
            var numericA = ulong.TryParse(a[i], NumberStyles.None, CultureInfo.InvariantCulture, out var na);
            var numericB = ulong.TryParse(b[i], NumberStyles.None, CultureInfo.InvariantCulture, out var nb);
            var order = (numericA, numericB) switch
            {
                (true, true) => na.CompareTo(nb),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(a[i], b[i]),
            };
            if (order != 0) return Math.Sign(order);
        }
        return 0;
    }

    private static bool Number(string digits, out ulong value)
    {
        value = 0;
        return digits.Length == 0 || ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
