using System.Text.RegularExpressions;

namespace Keelson.Cluster.Catalog;

/// <summary>
/// Orders API versions by Kubernetes' version priority, highest first: GA before beta before alpha, higher
/// numbers first within each ("v2", "v1", "v1beta2", "v1beta1", "v1alpha1"); non-Kubernetes names last, alphabetically.
/// </summary>
public sealed partial class KubeVersionComparer : IComparer<string>
{
    public static readonly KubeVersionComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        var (kx, mx, qx, nx) = Parse(x ?? "");
        var (ky, my, qy, ny) = Parse(y ?? "");
        if (kx != ky) return kx ? -1 : 1;
        if (!kx) return string.CompareOrdinal(x, y);
        if (qx != qy) return qy.CompareTo(qx);
        if (mx != my) return my.CompareTo(mx);
        return ny.CompareTo(nx);
    }

    // (is a Kubernetes version, major, quality 2=GA 1=beta 0=alpha, minor)
    private static (bool, long, int, long) Parse(string v)
    {
        var m = VersionPattern().Match(v);
        if (!m.Success) return (false, 0, 0, 0);
        var major = long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (!m.Groups[2].Success) return (true, major, 2, 0);
        var quality = m.Groups[2].Value == "beta" ? 1 : 0;
        return (true, major, quality, long.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("^v([1-9][0-9]*)(?:(alpha|beta)([1-9][0-9]*))?$")]
    private static partial Regex VersionPattern();
}
