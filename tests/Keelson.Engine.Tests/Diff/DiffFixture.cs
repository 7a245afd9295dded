using System.Text;
using System.Text.Json.Nodes;
using Keelson.Engine.Diff;
using Keelson.Resources;
using Keelson.Resources.Serialization;

namespace Keelson.Engine.Tests.Diff;

/// <summary>
/// One case under testdata/diff/&lt;case&gt;/: predicted.yaml and live.yaml (each optional), ignore.yaml (optional,
/// a list of ignoreDifferences entries in Argo CD's shape), and expected.yaml with <c>modified</c> and optionally
/// <c>diff</c> (the exact rendered diff) or <c>error</c> (text the DiffException message contains).
/// </summary>
public sealed record DiffFixture(
    string Name,
    JsonObject? Predicted,
    JsonObject? Live,
    IReadOnlyList<IgnoreDifference> Ignore,
    bool? Modified,
    string? Diff,
    string? Error)
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "testdata", "diff");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(Root).Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(dir));
        return data;
    }

    public static DiffFixture Load(string name)
    {
        var dir = Path.Combine(Root, name);
        var expected = ReadObject(dir, "expected.yaml") ?? throw new InvalidOperationException($"{name}: no expected.yaml");
        var ignore = ReadDocument(dir, "ignore.yaml") switch
        {
            null => [],
            JsonArray list => list.Select(item => IgnoreDifference.FromJson(item!.AsObject())).ToList(),
            _ => throw new InvalidOperationException($"{name}: ignore.yaml must be a list"),
        };
        return new DiffFixture(
            name,
            ReadObject(dir, "predicted.yaml"),
            ReadObject(dir, "live.yaml"),
            ignore,
            expected["modified"]?.GetValue<bool>(),
            expected.GetString("diff"),
            expected.GetString("error"));
    }

    /// <summary>The title the tests render diffs under: <c>apps/Deployment guestbook/frontend</c>.</summary>
    public string Title
    {
        get
        {
            var obj = Live ?? Predicted!;
            var gvk = obj.GetGroupVersionKind();
            var kind = gvk.Group.Length == 0 ? gvk.Kind : $"{gvk.Group}/{gvk.Kind}";
            return $"{kind} {obj.GetNamespace()}/{obj.GetName()}";
        }
    }

    /// <summary>Every Secret value in the inputs, as stored (base64) and decoded, that must never be printed.</summary>
    public IEnumerable<string> SecretValues()
    {
        foreach (var obj in new[] { Predicted, Live })
        {
            if (obj is null || obj.GetKind() != "Secret") continue;
            foreach (var (_, value) in obj["data"] as JsonObject ?? [])
            {
                var encoded = value!.GetValue<string>();
                yield return encoded;
                yield return Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            }
            foreach (var (_, value) in obj["stringData"] as JsonObject ?? [])
            {
                var plain = value!.GetValue<string>();
                yield return plain;
                yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(plain));
            }
        }
    }

    public override string ToString() => Name;

    private static JsonObject? ReadObject(string dir, string file) => ReadDocument(dir, file)?.AsObject();

    private static JsonNode? ReadDocument(string dir, string file)
    {
        var path = Path.Combine(dir, file);
        return File.Exists(path) ? YamlDocuments.Parse(File.ReadAllText(path), path).Single() : null;
    }
}
