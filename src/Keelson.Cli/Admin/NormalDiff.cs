using System.Globalization;
using System.Text;
using DiffPlex;

namespace Keelson.Cli.Admin;

/// <summary>
/// The output of plain <c>diff OLD NEW</c> (the "normal" format: <c>3c3</c>, <c>&lt; old</c>, <c>---</c>,
/// <c>&gt; new</c>), which Argo CD's <c>argocd admin settings resource-overrides</c> prints by running diff on the two
/// YAML files.
/// </summary>
public static class NormalDiff
{
    public static string Render(string oldText, string newText)
    {
        var oldLines = Lines(oldText);
        var newLines = Lines(newText);
        var result = Differ.Instance.CreateLineDiffs(oldText, newText, ignoreWhitespace: false);
        var sb = new StringBuilder();
        foreach (var block in result.DiffBlocks)
        {
            var (a, b) = (block.DeleteStartA, block.InsertStartB);
            var (deleted, inserted) = (block.DeleteCountA, block.InsertCountB);
            var command = deleted > 0 && inserted > 0 ? $"{Range(a, deleted)}c{Range(b, inserted)}"
                : deleted > 0 ? $"{Range(a, deleted)}d{b.ToString(CultureInfo.InvariantCulture)}"
                : $"{a.ToString(CultureInfo.InvariantCulture)}a{Range(b, inserted)}";
            sb.Append(command).Append('\n');
            for (var i = 0; i < deleted; i++) sb.Append("< ").Append(oldLines[a + i]).Append('\n');
            if (deleted > 0 && inserted > 0) sb.Append("---\n");
            for (var i = 0; i < inserted; i++) sb.Append("> ").Append(newLines[b + i]).Append('\n');
        }
        return sb.ToString();
    }

    private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');

    // 1-based, "n" for one line, "first,last" for more.
    private static string Range(int start, int count) =>
        count == 1 ? (start + 1).ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{start + 1},{start + count}");
}
