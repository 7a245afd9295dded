using System.Text.Json.Nodes;
using Keelson.Resources.Serialization;

namespace Keelson.Cli;

/// <summary>Merges one kubeconfig's cluster, user and context into another file and makes it current, as `kind` does.</summary>
internal static class KubeconfigMerge
{
    public static string DefaultPath => Environment.GetEnvironmentVariable("KUBECONFIG")?.Split(Path.PathSeparator).FirstOrDefault(p => p.Length > 0)
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");

    /// <summary>
    /// The kubeconfig a command uses when none is given: kubectl's ($KUBECONFIG, else ~/.kube/config, where `keelson up`
    /// merges its context) when it exists, else where `keelson cluster start` writes.
    /// </summary>
    public static string ResolveDefault() =>
        Environment.GetEnvironmentVariable("KUBECONFIG")?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
        ?? (File.Exists(DefaultPath) ? DefaultPath : Keelson.Cluster.Kubeconfig.DefaultPath);

    /// <summary>Adds (or replaces) the entries of <paramref name="sourcePath"/> in <paramref name="targetPath"/>; other entries are kept.</summary>
    public static void Merge(string sourcePath, string targetPath)
    {
        var source = Read(sourcePath) ?? throw new InvalidOperationException($"{sourcePath}: not a kubeconfig");
        var target = File.Exists(targetPath) ? Read(targetPath) ?? throw new InvalidOperationException($"{targetPath}: cannot be read as a kubeconfig; pass --kubeconfig PATH to write elsewhere") : new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Config",
            ["preferences"] = new JsonObject(),
        };
        foreach (var section in new[] { "clusters", "users", "contexts" })
        {
            var list = target[section] as JsonArray ?? [];
            target[section] = list;
            foreach (var entry in (source[section] as JsonArray ?? []).OfType<JsonObject>())
            {
                var name = entry["name"]?.ToString();
                for (var i = list.Count - 1; i >= 0; i--)
                    if (list[i] is JsonObject existing && existing["name"]?.ToString() == name) list.RemoveAt(i);
                list.Add(entry.DeepClone());
            }
        }
        target["current-context"] = source["current-context"]?.DeepClone();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(targetPath))!);
        File.WriteAllText(targetPath, YamlDocuments.Write(target));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(targetPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static JsonObject? Read(string path) => YamlDocuments.Parse(File.ReadAllText(path), path).FirstOrDefault() as JsonObject;
}
