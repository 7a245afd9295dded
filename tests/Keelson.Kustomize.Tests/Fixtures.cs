namespace Keelson.Kustomize.Tests;

/// <summary>The fixture cases under testdata/: each folder holds input/ and expected.yaml or expected-error.txt.</summary>
public static class Fixtures
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "testdata");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(Root).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(dir));
        return data;
    }

    public static string Input(string name) => Path.Combine(Root, name, "input");

    public static string? ExpectedYaml(string name) => ReadIfExists(Path.Combine(Root, name, "expected.yaml"));

    public static string? ExpectedError(string name) => ReadIfExists(Path.Combine(Root, name, "expected-error.txt"))?.Trim();

    /// <summary>
    /// kustomize's whole error message (the <c>err</c> kubectl logs), with <c>$INPUT</c> standing for the absolute input
    /// directory and <c>$CASE</c> for the case's folder (its parent, for paths beside the input); Keelson's message
    /// must equal it.
    /// </summary>
    public static string? ExpectedFullError(string name) =>
        ReadIfExists(Path.Combine(Root, name, "expected-error-full.txt"))?.TrimEnd('\n')
            .Replace("$INPUT", Input(name), StringComparison.Ordinal)
            .Replace("$CASE", Path.Combine(Root, name), StringComparison.Ordinal);

    private static string? ReadIfExists(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}
