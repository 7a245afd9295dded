using System.Text.Json.Nodes;

namespace Keelson.Resources.Selection;

/// <summary>A Kubernetes label selector: equality-based (=, ==, !=) and set-based (in, notin, exists, !key).</summary>
public sealed class LabelSelector
{
    public static readonly LabelSelector Everything = new();

    /// <summary>Parses the query form ("app=web,tier in (fe,be),!legacy"). Throws <see cref="SelectorException"/>.</summary>
    public static LabelSelector Parse(string text) => throw new NotImplementedException();

    /// <summary>Reads a metav1.LabelSelector (matchLabels, matchExpressions). Null selects everything. Throws <see cref="SelectorException"/>.</summary>
    public static LabelSelector FromJson(JsonObject? selector) => throw new NotImplementedException();

    public bool Matches(IReadOnlyDictionary<string, string> labels) => throw new NotImplementedException();

    public bool IsEverything => throw new NotImplementedException();
}
