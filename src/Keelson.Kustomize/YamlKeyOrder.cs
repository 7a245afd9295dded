namespace Keelson.Kustomize;

/// <summary>
/// The order in which go-yaml v2 writes mapping keys: letters compare by code point, a letter sorts after a
/// non-letter, and runs of digits compare by their numeric value.
/// </summary>
internal sealed class YamlKeyOrder : IComparer<string>
{
    public static readonly YamlKeyOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        var a = x ?? "";
        var b = y ?? "";
        if (Less(a, b)) return -1;
        return Less(b, a) ? 1 : 0;
    }

    private static bool Less(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            if (a[i] == b[i]) continue;
            var aLetter = char.IsLetter(a[i]);
            var bLetter = char.IsLetter(b[i]);
            if (aLetter && bLetter) return a[i] < b[i];
            if (aLetter || bLetter) return bLetter;
            long an = 0, bn = 0;
            if (a[i] == '0' || b[i] == '0')
            {
                // A zero that follows other digits of the same run is part of a larger number.
                for (var j = i - 1; j >= 0 && char.IsDigit(a[j]); j--)
                {
                    if (a[j] != '0')
                    {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }
            var ai = i;
            for (; ai < a.Length && char.IsDigit(a[ai]); ai++) an = an * 10 + (a[ai] - '0');
            var bi = i;
            for (; bi < b.Length && char.IsDigit(b[bi]); bi++) bn = bn * 10 + (b[bi] - '0');
            if (an != bn) return an < bn;
            if (ai != bi) return ai < bi;
            return a[i] < b[i];
        }
        return a.Length < b.Length;
    }
}
