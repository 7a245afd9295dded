using System.CommandLine;
using Keelson.Kustomize;
using Keelson.Resources.Serialization;

namespace Keelson.Cli;

/// <summary>
/// `keelson render DIR`: what `kubectl kustomize DIR` prints (`-o yaml`, the default), or the same resources as one
/// `v1 List` the way `kubectl get -o json` prints several objects (`-o json`). With `--directory`, DIR is read as an
/// Argo CD `directory` source (plain manifests, no kustomization).
/// </summary>
public static class RenderCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "A kustomization directory (or, with --directory, a directory of plain manifests)." };
        var output = new Option<string>("--output", "-o") { Description = "Output format: yaml (as kubectl kustomize prints it) or json (a v1 List, as kubectl get -o json).", DefaultValueFactory = _ => "yaml" };
        output.AcceptOnlyFromAmong("yaml", "json");
        var directory = new Option<bool>("--directory") { Description = "Render DIR as an Argo CD directory source: *.yaml, *.yml and *.json files, no kustomization." };
        var recurse = new Option<bool>("--recurse") { Description = "With --directory: include subdirectories (directory.recurse)." };
        var include = new Option<string?>("--include") { Description = "With --directory: only files whose path relative to DIR matches this glob (directory.include)." };
        var exclude = new Option<string?>("--exclude") { Description = "With --directory: skip files whose path relative to DIR matches this glob (directory.exclude)." };
        var render = new Command("render", "Render a kustomization directory as `kustomize build` does.") { dir, output, directory, recurse, include, exclude };
        render.SetAction(parse =>
        {
            var path = Path.GetFullPath(parse.GetValue(dir)!);
            IReadOnlyList<System.Text.Json.Nodes.JsonObject> resources;
            try
            {
                resources = parse.GetValue(directory)
                    ? DirectorySource.Render(new DiskFileView(), path, parse.GetValue(recurse), parse.GetValue(include), parse.GetValue(exclude))
                    : KustomizeRenderer.Render(new DiskFileView(), path);
            }
            catch (Exception e) when (e is KustomizeException or YamlFormatException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"Error: {e.Message}");
                return 1;
            }
            var text = parse.GetValue(output) == "json" ? KubectlJsonWriter.WriteList(resources) : KustomizeYamlWriter.WriteAll(resources);
            using var stdout = Console.OpenStandardOutput();
            stdout.Write(System.Text.Encoding.UTF8.GetBytes(text));
            return 0;
        });
        return render;
    }
}
