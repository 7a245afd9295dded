using System.Text.Json;
using System.Text.RegularExpressions;

namespace Keelson.Tests.Shared;

/// <summary>What kubectl logs through klog when a command fails.</summary>
internal static partial class KubectlLog
{
    /// <summary>
    /// The error of <c>"command failed" err="…"</c> (Go-quoted), or for a multi-line message <c>err=&lt;</c> followed
    /// by the lines, each indented by a tab, and <c> &gt;</c>; the whole of <paramref name="stderr"/> when neither.
    /// </summary>
    public static string Error(string stderr)
    {
        var quoted = QuotedError().Match(stderr);
        if (quoted.Success) return JsonSerializer.Deserialize<string>("\"" + quoted.Groups[1].Value + "\"")!;
        var block = BlockError().Match(stderr);
        if (block.Success) return string.Join('\n', block.Groups[1].Value.Split('\n').Select(l => l.StartsWith('\t') ? l[1..] : l));
        return stderr;
    }

    [GeneratedRegex("err=\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex QuotedError();

    [GeneratedRegex("err=<\n(.*)\n >", RegexOptions.Singleline)]
    private static partial Regex BlockError();
}
