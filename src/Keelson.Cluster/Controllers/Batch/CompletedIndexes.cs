using System.Globalization;
using System.Text;

namespace Keelson.Cluster.Controllers.Batch;

/// <summary>The interval notation of status.completedIndexes of an Indexed Job: "1,3-5,7".</summary>
internal static class CompletedIndexes
{
    public static SortedSet<int> Parse(string? text)
    {
        var result = new SortedSet<int>();
        if (string.IsNullOrEmpty(text)) return result;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split('-');
            if (!int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)) continue;
            var last = bounds.Length > 1 && int.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : first;
            for (var i = first; i <= last; i++) result.Add(i);
        }
        return result;
    }

    public static string Format(IEnumerable<int> indexes)
    {
        var text = new StringBuilder();
        int? start = null, previous = null;
        foreach (var i in indexes.Order())
        {
            if (previous is { } p && i == p + 1)
            {
                previous = i;
                continue;
            }
            Append(text, start, previous);
            start = previous = i;
        }
        Append(text, start, previous);
        return text.ToString();
    }

    private static void Append(StringBuilder text, int? start, int? end)
    {
        if (start is not { } s || end is not { } e) return;
        if (text.Length > 0) text.Append(',');
        text.Append(CultureInfo.InvariantCulture, $"{s}");
        if (e > s) text.Append(CultureInfo.InvariantCulture, $"-{e}");
    }
}
