namespace Keelson.Cluster.Storage;

/// <summary>Prefix matching shared by the in-memory index and the SQL queries (ordinal, like SQLite's BINARY collation for ASCII keys).</summary>
internal static class KeyPrefix
{
    public static bool Matches(string key, string prefix) => key.StartsWith(prefix, StringComparison.Ordinal);

    /// <summary>
    /// The smallest string greater than every key starting with <paramref name="prefix"/>, or null when there is
    /// none worth computing (empty prefix, or a last character at the top of the BMP); callers then filter with <see cref="Matches"/>.
    /// </summary>
    public static string? UpperBound(string prefix)
    {
        if (prefix.Length == 0)
            return null;
        var last = prefix[^1];
        if (last >= '\uD7FF')
            return null;
        return string.Concat(prefix.AsSpan(0, prefix.Length - 1), [(char)(last + 1)]);
    }
}
