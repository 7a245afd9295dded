namespace Keelson.Resources.Selection;

/// <summary>A Kubernetes field selector: comma-separated <c>path=value</c>, <c>path==value</c>, <c>path!=value</c>.</summary>
public sealed class FieldSelector
{
    public static readonly FieldSelector Everything = new();

    /// <summary>Parses "metadata.name=web,status.phase!=Running". Throws <see cref="SelectorException"/>.</summary>
    public static FieldSelector Parse(string text) => throw new NotImplementedException();

    /// <summary>The field paths the selector names, so a server can reject unsupported ones.</summary>
    public IReadOnlyList<string> Fields => throw new NotImplementedException();

    /// <summary>True when every requirement holds; <paramref name="fieldValue"/> returns a field's value or null.</summary>
    public bool Matches(Func<string, string?> fieldValue) => throw new NotImplementedException();

    public bool IsEverything => throw new NotImplementedException();
}
