using System.Text.Json.Nodes;

namespace Keelson.Kustomize;

/// <summary>
/// Renders a kustomization directory into the resources <c>kustomize build</c> prints, in the same order.
/// Pure over an <see cref="IFileView"/>: nothing is read except through it, and nothing outside a
/// kustomization's own directory is read as a file (kustomize's root-only load restriction).
/// </summary>
public static class KustomizeRenderer
{
    /// <summary>
    /// Builds the kustomization in <paramref name="dir"/> (resources, generators, transformers, then at the top
    /// level name hashes, name-reference fixing, vars and the legacy sort). Throws <see cref="KustomizeException"/>
    /// naming the file at fault.
    /// </summary>
    public static IReadOnlyList<JsonObject> Render(IFileView files, string dir)
    {
        var root = FilePaths.Normalize(dir);
        var builder = new KustomizationBuilder(files);
        var resources = builder.Build(root);
        NameHashes.Apply(resources);
        NameReferences.Fix(resources, builder.Config.NameReference);
        builder.Vars.Resolve(resources, [.. VarReferenceFields.Defaults, .. builder.Config.VarReference]);
        BuildMetadata.Apply(builder.BuildMetadataOptions, root, resources);
        CheckSortOptions(builder.SortOptions);
        var ordered = builder.SortOrder == "fifo" ? resources : LegacyOrder.Sort(resources, builder.OrderFirst, builder.OrderLast);
        return ordered.Select(r => r.Object).ToList();
    }

    /// <summary>kustomize checks the top's sortOptions when it sorts, after the build.</summary>
    private static void CheckSortOptions(JsonObject? options)
    {
        if (options is null) return;
        var order = options["order"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
        if (order is not ("fifo" or "legacy"))
            throw new KustomizeException("the field 'sortOptions.order' must be one of [fifo, legacy]");
        if (order == "fifo" && options["legacySortOptions"] is not null)
            throw new KustomizeException("the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'");
    }

    /// <summary>Renders and writes the result as kustomize prints it.</summary>
    public static string RenderYaml(IFileView files, string dir) => KustomizeYamlWriter.WriteAll(Render(files, dir));
}
