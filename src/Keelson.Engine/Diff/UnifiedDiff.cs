using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DiffPlex;
using DiffPlex.Model;
using Keelson.Resources.Serialization;

namespace Keelson.Engine.Diff;

/// <summary>
/// Renders the difference between a live and a target object as a unified diff of their YAML, the way
/// <c>diff -u</c> and <c>argocd app diff</c> show it. Secrets are always masked here (<see cref="SecretMasker"/>), so
/// no caller can print their data. Does not normalise: pass <see cref="DiffResult.NormalizedLive"/> and
/// <see cref="DiffResult.NormalizedTarget"/> to show what was compared.
/// </summary>
public static class UnifiedDiff
{
    /// <summary>
    /// The diff with <c>---</c>/<c>+++</c> headers (the missing side is <c>/dev/null</c>) and <c>@@</c> hunks with
    /// <paramref name="context"/> unchanged lines around each change; "" when both sides print the same.
    /// </summary>
    public static string Render(string title, JsonObject? live, JsonObject? target, int context = 3)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentOutOfRangeException.ThrowIfNegative(context);
        var (maskedTarget, maskedLive) = SecretMasker.Mask(target, live);
        if (maskedLive is null && maskedTarget is null) return "";
        // Key order is not a difference (the comparison ignores it); print the target in the live object's order.
        if (maskedTarget is not null && maskedLive is not null) AlignKeys(maskedTarget, maskedLive);
        var oldText = maskedLive is null ? "" : YamlDocuments.Write(maskedLive);
        var newText = maskedTarget is null ? "" : YamlDocuments.Write(maskedTarget);
        if (maskedLive is not null && maskedTarget is not null && oldText == newText) return "";

        var oldLines = YamlLines.Instance.Chunk(oldText);
        var newLines = YamlLines.Instance.Chunk(newText);
        var blocks = Differ.Instance.CreateDiffs(oldText, newText, ignoreWhiteSpace: false, ignoreCase: false, YamlLines.Instance).DiffBlocks;
        var sb = new StringBuilder();
        sb.Append("--- ").Append(maskedLive is null ? "/dev/null" : title + " (live)").Append('\n');
        sb.Append("+++ ").Append(maskedTarget is null ? "/dev/null" : title + " (target)").Append('\n');
        for (var first = 0; first < blocks.Count;)
        {
            var last = first;
            while (last + 1 < blocks.Count && blocks[last + 1].DeleteStartA - EndA(blocks[last]) <= 2 * context) last++;
            AppendHunk(sb, blocks, first, last, oldLines, newLines, context);
            first = last + 1;
        }
        return sb.ToString();
    }

    private static void AppendHunk(StringBuilder sb, IList<DiffBlock> blocks, int first, int last, IReadOnlyList<string> oldLines, IReadOnlyList<string> newLines, int context)
    {
        var oldStart = Math.Max(0, blocks[first].DeleteStartA - context);
        var oldEnd = Math.Min(oldLines.Count, EndA(blocks[last]) + context);
        var newStart = blocks[first].InsertStartB - (blocks[first].DeleteStartA - oldStart);
        var newEnd = blocks[last].InsertStartB + blocks[last].InsertCountB + (oldEnd - EndA(blocks[last]));
        sb.Append("@@ -").Append(Range(oldStart, oldEnd - oldStart)).Append(" +").Append(Range(newStart, newEnd - newStart)).Append(" @@\n");
        var position = oldStart;
        for (var i = first; i <= last; i++)
        {
            var block = blocks[i];
            for (; position < block.DeleteStartA; position++) sb.Append(' ').Append(oldLines[position]).Append('\n');
            for (var d = 0; d < block.DeleteCountA; d++) sb.Append('-').Append(oldLines[block.DeleteStartA + d]).Append('\n');
            for (var n = 0; n < block.InsertCountB; n++) sb.Append('+').Append(newLines[block.InsertStartB + n]).Append('\n');
            position = EndA(block);
        }
        for (; position < oldEnd; position++) sb.Append(' ').Append(oldLines[position]).Append('\n');
    }

    /// <summary>Reorders the keys of <paramref name="node"/> (in place) to follow <paramref name="reference"/>; keys it lacks keep their order, after.</summary>
    private static void AlignKeys(JsonNode? node, JsonNode? reference)
    {
        switch (node, reference)
        {
            case (JsonObject obj, JsonObject order):
                var properties = obj.ToList();
                obj.Clear();
                foreach (var key in order.Select(p => p.Key))
                {
                    var index = properties.FindIndex(p => p.Key == key);
                    if (index < 0) continue;
                    obj[key] = properties[index].Value;
                    properties.RemoveAt(index);
                }
                foreach (var (key, value) in properties) obj[key] = value;
                foreach (var (key, value) in obj) AlignKeys(value, order[key]);
                break;
            case (JsonArray list, JsonArray orderList):
                for (var i = 0; i < list.Count && i < orderList.Count; i++) AlignKeys(list[i], orderList[i]);
                break;
        }
    }

    private static int EndA(DiffBlock block) => block.DeleteStartA + block.DeleteCountA;

    // GNU diff's range: "l" for one line, "l,n" otherwise; an empty range names the line before it.
    private static string Range(int start, int count) => count switch
    {
        0 => string.Create(CultureInfo.InvariantCulture, $"{start},0"),
        1 => (start + 1).ToString(CultureInfo.InvariantCulture),
        _ => string.Create(CultureInfo.InvariantCulture, $"{start + 1},{count}"),
    };

    /// <summary>Splits YAML text into lines; the final newline ends the last line rather than starting an empty one.</summary>
    private sealed class YamlLines : IChunker
    {
        public static readonly YamlLines Instance = new();

        public IReadOnlyList<string> Chunk(string str)
        {
            var text = str.EndsWith('\n') ? str[..^1] : str;
            return text.Length == 0 ? [] : text.Split('\n');
        }
    }
}
