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

    /// <summary>The help of every --kubeconfig option that follows <see cref="Require"/>.</summary>
    public const string OptionDescription =
        "The cluster's kubeconfig (default: as kubectl — $KUBECONFIG, else ~/.kube/config, where `keelson up` merges its context; else ~/.keelson/kubeconfig).";

    /// <summary>
    /// The kubeconfig a command uses: <paramref name="flag"/> when given, else <see cref="ResolveDefault"/>. A file that
    /// does not exist is a <see cref="App.CliException"/> worded the same for every command.
    /// </summary>
    public static string Require(string? flag)
    {
        var path = flag ?? ResolveDefault();
        if (!File.Exists(path))
            throw new App.CliException($"no kubeconfig at {path}: start a cluster with `keelson up` (or `keelson cluster start`), or pass --kubeconfig PATH");
        return path;
    }

    /// <summary>The current context of a kubeconfig file; null when the file or the entry is missing or unreadable.</summary>
    public static string? CurrentContext(string path)
    {
        try
        {
            return File.Exists(path) ? Read(path)?["current-context"]?.ToString() is { Length: > 0 } c ? c : null : null;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Removes the cluster, user and context named <paramref name="name"/> from <paramref name="targetPath"/>; when it was
    /// the current context, <paramref name="restore"/> becomes current (if it still exists), else none is. Returns false
    /// when the file has no such entry.
    /// </summary>
    public static bool Remove(string targetPath, string name, string? restore)
    {
        if (!File.Exists(targetPath) || Read(targetPath) is not { } target) return false;
        var removed = false;
        foreach (var section in new[] { "clusters", "users", "contexts" })
        {
            if (target[section] is not JsonArray list) continue;
            for (var i = list.Count - 1; i >= 0; i--)
            {
                if (list[i] is not JsonObject entry || entry["name"]?.ToString() != name) continue;
                list.RemoveAt(i);
                removed = true;
            }
        }
        if (target["current-context"]?.ToString() == name)
        {
            var contexts = (target["contexts"] as JsonArray ?? []).OfType<JsonObject>().Select(c => c["name"]?.ToString());
            target["current-context"] = restore is not null && contexts.Contains(restore) ? restore : "";
        }
        if (removed) File.WriteAllText(targetPath, YamlDocuments.Write(target));
        return removed;
    }

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
