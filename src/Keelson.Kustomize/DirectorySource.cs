using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Resources;
using Keelson.Resources.Serialization;

namespace Keelson.Kustomize;

/// <summary>
/// Renders a plain directory of manifests as Argo CD's <c>directory</c> source does: the <c>*.yaml</c>, <c>*.yml</c>
/// and <c>*.json</c> files of the directory (and of its subdirectories with <c>recurse</c>), walked in path order
/// (entries of each directory by name, as Go's filepath.Walk), filtered by the <c>include</c>/<c>exclude</c> globs
/// matched against the path relative to the directory (exclude wins). YAML files may hold several documents; a JSON
/// file holds one object; objects with an <c>items</c> list (<c>kind: List</c>) are flattened into their items.
/// A YAML file that does not parse and does not look like a manifest (no <c>apiVersion:</c>, <c>kind:</c> and
/// <c>metadata:</c>) is skipped, as in Argo CD; any other malformed file fails naming the file and line.
/// </summary>
public static class DirectorySource
{
    public static IReadOnlyList<JsonObject> Render(IFileView files, string dir, bool recurse = false, string? include = null, string? exclude = null)
    {
        var root = FilePaths.Normalize(dir);
        if (!files.IsDirectory(root))
            throw new KustomizeException($"'{root}' is not a directory");
        if (include == "") include = null;
        if (exclude == "") exclude = null;
        var includeGlob = include is null ? null : ArgoGlob.Compile(include);
        var excludeGlob = exclude is null ? null : ArgoGlob.Compile(exclude);
        var objects = new List<JsonObject>();
        Walk(files, root, root, recurse, path =>
        {
            var relative = path[(root.Length + 1)..];
            if (exclude is not null && excludeGlob is not null && excludeGlob.IsMatch(relative)) return;
            if (include is not null && (includeGlob is null || !includeGlob.IsMatch(relative))) return;
            foreach (var obj in ReadFile(files, path, relative)) Flatten(obj, objects);
        });
        return objects;
    }

    private static void Walk(IFileView files, string root, string dir, bool recurse, Action<string> visit)
    {
        foreach (var path in files.List(dir))
        {
            if (files.IsDirectory(path))
            {
                if (recurse) Walk(files, root, path, recurse, visit);
                continue;
            }
            var name = FilePaths.FileName(path);
            if (name.EndsWith(".jsonnet", StringComparison.Ordinal))
                throw new KustomizeException($"{path}: Jsonnet files are not supported by Keelson's directory source");
            if (name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".json", StringComparison.Ordinal))
                visit(path);
        }
    }

    private static List<JsonObject> ReadFile(IFileView files, string path, string relative)
    {
        var text = files.ReadAllText(path);
        if (path.EndsWith(".json", StringComparison.Ordinal))
        {
            JsonNode? node;
            try
            {
                var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
                node = JsonNode.Parse(ref reader);
                if (reader.Read())
                    throw new KustomizeException($"{path}: found multiple objects; only single objects are allowed in JSON files");
            }
            catch (JsonException e)
            {
                throw new KustomizeException($"{path}: failed to unmarshal: line {e.LineNumber + 1}: {e.Message}", e);
            }
            if (node is not JsonObject obj)
                throw new KustomizeException($"{path}: failed to unmarshal: the file does not hold a JSON object");
            return [Checked(obj, path)];
        }
        IReadOnlyList<JsonNode?> docs;
        try
        {
            docs = YamlDocuments.Parse(text, relative);
        }
        catch (YamlFormatException e)
        {
            var looksLikeManifest = text.Contains("apiVersion:", StringComparison.Ordinal) && text.Contains("kind:", StringComparison.Ordinal) &&
                text.Contains("metadata:", StringComparison.Ordinal);
            if (!looksLikeManifest) return [];
            throw new KustomizeException($"{path}: malformed YAML: {e.Message}", e);
        }
        var objects = new List<JsonObject>();
        foreach (var doc in docs)
        {
            switch (doc)
            {
                case null:
                    continue;
                case JsonObject obj:
                    objects.Add(Checked(obj, path));
                    break;
                default:
                    throw new KustomizeException($"{path}: a document is not a mapping");
            }
        }
        return objects;
    }

    private static JsonObject Checked(JsonObject obj, string path)
    {
        if (obj.GetKind() is not { Length: > 0 })
            throw new KustomizeException($"{path}: Object 'Kind' is missing");
        return obj;
    }

    private static void Flatten(JsonObject obj, List<JsonObject> into)
    {
        if (!obj.ContainsKey("items"))
        {
            into.Add(obj);
            return;
        }
        switch (obj["items"])
        {
            case JsonArray items:
                foreach (var item in items)
                {
                    if (item is JsonObject itemObject) into.Add((JsonObject)itemObject.DeepClone());
                }
                break;
            case null when !obj.ContainsKey("spec") && !obj.ContainsKey("status"):
                // An empty list written as items: null.
                break;
            default:
                into.Add(obj);
                break;
        }
    }
}
