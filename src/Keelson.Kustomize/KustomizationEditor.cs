using System.Text.Json.Nodes;

namespace Keelson.Kustomize;

/// <summary><c>kustomize edit</c> commands over a kustomization file's text.</summary>
public static class KustomizationEditor
{
    /// <summary>
    /// <c>kustomize edit set image</c>: each argument replaces the <c>images</c> entry of the same name (a <c>*</c>
    /// keeps that part of the existing entry) or adds one; entries are sorted by name and the file is rewritten as
    /// kustomize writes it (see <see cref="KustomizationFile"/>).
    /// </summary>
    public static string SetImages(string text, string path, IReadOnlyList<string> arguments)
    {
        if (arguments.Count == 0) throw new KustomizeException("no image specified");
        var updates = new Dictionary<string, ImageArgument>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            var image = ImageArgument.Parse(argument);
            updates[image.Name] = image;
        }
        var file = KustomizationFile.Parse(text, path);
        var images = new Dictionary<string, ImageArgument>(updates, StringComparer.Ordinal);
        var untouched = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var entry in (file.Kustomization["images"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var existing = FromEntry(entry);
            if (updates.TryGetValue(existing.Name, out var update))
            {
                images[existing.Name] = update with
                {
                    NewName = update.NewName == ImageArgument.Preserve ? existing.NewName : update.NewName,
                    NewTag = update.NewTag == ImageArgument.Preserve ? existing.NewTag : update.NewTag,
                    Digest = update.Digest == ImageArgument.Preserve ? existing.Digest : update.Digest,
                };
                continue;
            }
            // An entry no argument names is kept as it is (tagSuffix included).
            images[existing.Name] = existing;
            untouched[existing.Name] = (JsonObject)entry.DeepClone();
        }
        var entries = new JsonArray();
        foreach (var image in images.Values.OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            if (untouched.TryGetValue(image.Name, out var kept))
            {
                entries.Add(kept);
                continue;
            }
            var entry = new JsonObject { ["name"] = image.Name };
            if (Kept(image.NewName) is { Length: > 0 } newName) entry["newName"] = newName;
            if (Kept(image.NewTag) is { Length: > 0 } newTag) entry["newTag"] = newTag;
            if (Kept(image.Digest) is { Length: > 0 } digest) entry["digest"] = digest;
            entries.Add(entry);
        }
        file.Kustomization["images"] = entries;
        return file.Write();
    }

    /// <summary>Finds the kustomization file in <paramref name="dir"/> as kustomize edit does (exactly one of the recognised names).</summary>
    public static string FindFile(string dir)
    {
        var found = KustomizationFields.FileNames.Select(n => Path.Combine(dir, n)).Where(p => File.Exists(p) || Directory.Exists(p)).ToList();
        return found.Count switch
        {
            0 => throw new KustomizeException($"Missing kustomization file 'kustomization.yaml' in '{dir}'"),
            1 when Directory.Exists(found[0]) => throw new KustomizeException($"{found[0]} should be a file"),
            1 => found[0],
            _ => throw new KustomizeException($"Found multiple kustomization files: {string.Join(", ", found)}"),
        };
    }

    private static string Kept(string value) => value == ImageArgument.Preserve ? "" : value;

    private static ImageArgument FromEntry(JsonObject entry) =>
        new(Text(entry, "name"), Text(entry, "newName"), Text(entry, "newTag"), Text(entry, "digest"));

    private static string Text(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}
