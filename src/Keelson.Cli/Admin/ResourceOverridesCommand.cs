using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using Keelson.Cli.App;
using Keelson.Engine.Customizations;
using Keelson.Engine.Diff;
using Keelson.Engine.Health;
using Keelson.Engine.Lua;
using Keelson.Resources;
using Keelson.Resources.Serialization;

namespace Keelson.Cli.Admin;

/// <summary>
/// `keelson admin settings resource-overrides health|list-actions|run-action|ignore-differences|ignore-resource-updates
/// OBJECT.yaml --argocd-cm-path argocd-cm.yaml`: argocd-cm's resource customizations tried on one object, offline,
/// printing what `argocd admin settings resource-overrides` prints, so that users' existing fixtures work as they are.
/// </summary>
public static class ResourceOverridesCommand
{
    public static Command Create(Option<string?> argocdCmPath)
    {
        var command = new Command("resource-overrides", "Troubleshoot resource overrides, as `argocd admin settings resource-overrides`.");
        command.Subcommands.Add(Health(argocdCmPath));
        command.Subcommands.Add(ListActions(argocdCmPath));
        command.Subcommands.Add(RunAction(argocdCmPath));
        command.Subcommands.Add(Ignore(argocdCmPath, "ignore-differences", "Renders fields excluded from diffing", resourceUpdates: false));
        command.Subcommands.Add(Ignore(argocdCmPath, "ignore-resource-updates", "Renders fields excluded from resource updates", resourceUpdates: true));
        return command;
    }

    private static Command Health(Option<string?> argocdCmPath)
    {
        var (command, file) = WithObject("health", "Assess resource health using the Lua script configured in argocd-cm (or the built-in rule).");
        command.SetAction(parse => Run(() =>
        {
            var (obj, customizations) = Load(parse, file, argocdCmPath);
            var health = HealthRules.Assess(obj, customizations);
            Console.Write(health is null
                ? $"Health script is not configured for '{Kind(obj)}'\n"
                : $"STATUS: {health.Status.ToArgoString()}\nMESSAGE: {health.Message}\n");
        }));
        return command;
    }

    private static Command ListActions(Option<string?> argocdCmPath)
    {
        var (command, file) = WithObject("list-actions", "List the actions argocd-cm's discovery.lua offers for the object.");
        command.SetAction(parse => Run(() =>
        {
            if (LoadWithActions(parse, file, argocdCmPath) is not { } loaded) return;
            var (obj, customizations) = loaded;
            var rows = customizations.DiscoverActions(obj).Select(a => (a.Name, a.Disabled ? "true" : "false")).ToList();
            // Go's tabwriter with a padding of 2, as argocd prints it.
            var width = rows.Select(r => r.Name.Length).Append("NAME".Length).Max() + 2;
            var sb = new StringBuilder().Append("NAME".PadRight(width)).Append("DISABLED\n");
            foreach (var (name, disabled) in rows) sb.Append(name.PadRight(width)).Append(disabled).Append('\n');
            Console.Write(sb.ToString());
        }));
        return command;
    }

    private static Command RunAction(Option<string?> argocdCmPath)
    {
        var (command, file) = WithObject("run-action", "Run an action of argocd-cm's on the object and show what it changes or creates.");
        var actionName = new Argument<string>("ACTION") { Description = "The action, e.g. resume." };
        var parameters = new Option<string[]>("--param") { Description = "An action parameter, name=value (repeatable).", AllowMultipleArgumentsPerToken = false };
        command.Arguments.Add(actionName);
        command.Options.Add(parameters);
        command.Aliases.Add("action");
        command.SetAction(parse => Run(() =>
        {
            if (LoadWithActions(parse, file, argocdCmPath) is not { } loaded) return;
            var (obj, customizations) = loaded;
            var gvk = obj.GetGroupVersionKind();
            var name = parse.GetValue(actionName)!;
            var action = customizations.FindAction(gvk.Group, gvk.Kind, name) ?? throw new CliException($"action {name} is not defined for '{Kind(obj)}'");
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var parameter in parse.GetValue(parameters) ?? [])
            {
                var equals = parameter.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0) throw new CliException($"Invalid parameter format: {parameter}");
                values[parameter[..equals]] = parameter[(equals + 1)..];
            }
            var sb = new StringBuilder();
            foreach (var impacted in customizations.RunAction(obj, action.ActionLua, values))
            {
                if (impacted.Operation == ImpactedOperation.Patch)
                    sb.Append("Following fields have been changed:\n\n").Append(NormalDiff.Render(Yaml(obj), Yaml(impacted.Object)));
                else
                    sb.Append("Following resource was created:\n").Append(Yaml(impacted.Object)).Append('\n');
            }
            Console.Write(sb.ToString());
        }));
        return command;
    }

    private static Command Ignore(Option<string?> argocdCmPath, string name, string description, bool resourceUpdates)
    {
        var (command, file) = WithObject(name, description + ", using argocd-cm's resource overrides.");
        var setting = resourceUpdates ? "ignoreResourceUpdates" : "ignoreDifferences";
        command.SetAction(parse => Run(() =>
        {
            var (obj, customizations) = Load(parse, file, argocdCmPath);
            var gvk = obj.GetGroupVersionKind();
            var own = customizations.Overrides.Exact(gvk.Group, gvk.Kind);
            var ignore = own is null ? OverrideIgnoreDiff.Empty : resourceUpdates ? own.IgnoreResourceUpdates : own.IgnoreDifferences;
            if (ignore.JsonPointers.Count == 0 && ignore.JqPathExpressions.Count == 0)
            {
                Console.Write($"{(resourceUpdates ? "Ignore resource updates" : "Ignore differences")} are not configured for '{Kind(obj)}'\n");
                return;
            }
            var normalized = ResourceDiff.WithoutIgnored(obj, customizations.Overrides.IgnoreRules(resourceUpdates));
            var (before, after) = (Yaml(obj), Yaml(normalized));
            Console.Write(before == after
                ? $"No fields are ignored by {setting} settings: \n{ignore}\n"
                : "Following fields are ignored:\n\n" + NormalDiff.Render(before, after));
        }));
        return command;
    }

    private static (Command Command, Argument<string> File) WithObject(string name, string description)
    {
        var command = new Command(name, description);
        var file = new Argument<string>("RESOURCE_YAML_PATH") { Description = "A file holding the object, as YAML or JSON." };
        command.Arguments.Add(file);
        return (command, file);
    }

    private static (JsonObject Object, ResourceCustomizations Customizations) Load(ParseResult parse, Argument<string> file, Option<string?> argocdCmPath)
    {
        var path = parse.GetValue(file)!;
        var cmPath = parse.GetValue(argocdCmPath) ?? throw new CliException("--argocd-cm-path is required: the argocd-cm.yaml whose resource customizations to use");
        if (ReadYaml(path) is not JsonObject obj) throw new CliException($"{path}: not an object");
        if (ReadYaml(cmPath) is not JsonObject configMap) throw new CliException($"{cmPath}: not a ConfigMap");
        var data = (configMap["data"] as JsonObject ?? []).Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!.ToString(), StringComparer.Ordinal);
        var customizations = ResourceCustomizations.FromConfigMapData(data);
        if (customizations.Overrides.Errors.Count > 0) throw new CliException(string.Join("\n", customizations.Overrides.Errors));
        return (obj, customizations);
    }

    // As argocd: actions are tried only for a kind argocd-cm configures actions for (the built-in ones are not listed alone).
    private static (JsonObject Object, ResourceCustomizations Customizations)? LoadWithActions(ParseResult parse, Argument<string> file, Option<string?> argocdCmPath)
    {
        var (obj, customizations) = Load(parse, file, argocdCmPath);
        var gvk = obj.GetGroupVersionKind();
        if (customizations.Actions(gvk.Group, gvk.Kind) is not null) return (obj, customizations);
        Console.Write($"Actions are not configured for '{Kind(obj)}'\n");
        return null;
    }

    private static JsonNode? ReadYaml(string path)
    {
        try
        {
            return YamlDocuments.Parse(File.ReadAllText(path), path).FirstOrDefault();
        }
        catch (IOException ex)
        {
            throw new CliException($"{path}: {ex.Message}");
        }
        catch (YamlFormatException ex)
        {
            throw new CliException(ex.Message);
        }
    }

    // As sigs.k8s.io/yaml writes an object: keys in order, so that the two sides of a diff line up.
    private static string Yaml(JsonObject obj) => YamlDocuments.Write(Sorted(obj));

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, Sorted(kv.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };

    private static string Kind(JsonObject obj)
    {
        var gvk = obj.GetGroupVersionKind();
        return $"{gvk.Group}/{gvk.Kind}";
    }

    private static int Run(Action body)
    {
        try
        {
            body();
            return 0;
        }
        catch (CliException ex)
        {
            Console.Error.WriteLine($"keelson: {ex.Message}");
            return ex.ExitCode;
        }
        catch (LuaScriptException ex)
        {
            Console.Error.WriteLine($"keelson: {ex.Message}");
            return 1;
        }
        catch (DiffException ex)
        {
            Console.Error.WriteLine($"keelson: {ex.Message}");
            return 1;
        }
    }
}
