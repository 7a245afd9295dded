using System.CommandLine;
using System.Text.Json.Nodes;
using Keelson.Engine.Kube;
using Keelson.Engine.Model;
using Keelson.Resources;
using Keelson.Resources.Serialization;

namespace Keelson.Cli.App;

/// <summary>`keelson app create NAME --repo … | -f FILE`: creates Applications, as `argocd app create` (--upsert replaces an existing one's spec).</summary>
public static class AppCreateCommand
{
    public static Command Create(AppOptions options)
    {
        var name = new Argument<string?>("NAME") { Description = "The Application (not with -f).", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<string?>("--file", "-f") { Description = "Create the Applications of this YAML file (- for standard input)." };
        var repo = new Option<string?>("--repo") { Description = "The Git repository URL." };
        var path = new Option<string?>("--path") { Description = "The directory in the repository (kustomization or plain YAML)." };
        var revision = new Option<string?>("--revision") { Description = "The target revision: branch, tag or commit (default HEAD)." };
        var destServer = new Option<string?>("--dest-server") { Description = "The destination cluster's server URL (https://kubernetes.default.svc: the cluster the engine runs in)." };
        var destName = new Option<string?>("--dest-name") { Description = "The destination cluster's name (in-cluster, or a context given to `keelson controller --cluster`)." };
        var destNamespace = new Option<string?>("--dest-namespace") { Description = "The namespace objects without one are deployed to." };
        var project = new Option<string>("--project") { Description = "The AppProject.", DefaultValueFactory = _ => "default" };
        var syncPolicy = new Option<string?>("--sync-policy") { Description = "automated (or auto) to sync on every change in Git; none (default) to sync by hand." };
        syncPolicy.AcceptOnlyFromAmong("automated", "auto", "automatic", "none", "manual");
        var selfHeal = new Option<bool>("--self-heal") { Description = "With automated sync: also undo changes made in the cluster." };
        var autoPrune = new Option<bool>("--auto-prune") { Description = "With automated sync: also delete objects Git no longer has." };
        var syncOptions = new Option<string[]>("--sync-option") { Description = "A sync option, such as CreateNamespace=true (repeatable)." };
        var upsert = new Option<bool>("--upsert") { Description = "Replace the spec of an Application that already exists." };
        var command = new Command("create", "Create an Application.")
        {
            name, file, repo, path, revision, destServer, destName, destNamespace, project, syncPolicy, selfHeal, autoPrune, syncOptions, upsert,
        };
        command.SetAction((parse, ct) => AppCommand.RunAsync(parse, options, async session =>
        {
            List<JsonObject> apps;
            if (parse.GetValue(file) is { } f)
            {
                if (parse.GetValue(name) is not null) throw new CliException("give either NAME and flags, or -f FILE, not both");
                string text;
                try
                {
                    text = f == "-" ? await Console.In.ReadToEndAsync(ct) : await File.ReadAllTextAsync(f, ct);
                }
                catch (IOException ex)
                {
                    throw new CliException($"cannot read {f}: {ex.Message}");
                }
                apps = YamlDocuments.Parse(text, f).OfType<JsonObject>().ToList();
                var wrong = apps.Where(a => a.GetKind() != "Application" || a.GetApiVersion() != ArgoAnnotations.ApiVersion).Select(a => $"{a.GetKind()} {a.GetName()}").ToList();
                if (apps.Count == 0 || wrong.Count > 0)
                    throw new CliException($"{f}: expected {ArgoAnnotations.ApiVersion} Applications{(wrong.Count > 0 ? $", found {string.Join(", ", wrong)}" : ", found none")}");
            }
            else
            {
                apps = [FromFlags(parse, name, repo, path, revision, destServer, destName, destNamespace, project, syncPolicy, selfHeal, autoPrune, syncOptions)];
            }
            foreach (var app in apps)
            {
                var appName = app.GetName() ?? throw new CliException("an Application without metadata.name");
                var created = await session.CreateAsync(app, parse.GetValue(upsert), ct);
                Terminal.Line($"application '{appName}' {(created ? "created" : "updated")}");
            }
            return 0;
        }));
        return command;
    }

    private static JsonObject FromFlags(ParseResult parse, Argument<string?> name, Option<string?> repo, Option<string?> path, Option<string?> revision,
        Option<string?> destServer, Option<string?> destName, Option<string?> destNamespace, Option<string> project, Option<string?> syncPolicy,
        Option<bool> selfHeal, Option<bool> autoPrune, Option<string[]> syncOptions)
    {
        var errors = new List<string>();
        if (parse.GetValue(name) is not { Length: > 0 }) errors.Add("NAME is required (or -f FILE)");
        if (parse.GetValue(repo) is not { Length: > 0 }) errors.Add("--repo is required");
        if (parse.GetValue(destServer) is null == parse.GetValue(destName) is null) errors.Add("give one of --dest-server and --dest-name");
        var automated = parse.GetValue(syncPolicy) is "automated" or "auto" or "automatic";
        if (!automated && (parse.GetValue(selfHeal) || parse.GetValue(autoPrune))) errors.Add("--self-heal and --auto-prune need --sync-policy automated");
        if (errors.Count > 0) throw new CliException(string.Join("; ", errors));

        var source = new JsonObject { ["repoURL"] = parse.GetValue(repo) };
        if (parse.GetValue(path) is { } p) source["path"] = p;
        source["targetRevision"] = parse.GetValue(revision) ?? "HEAD";
        var destination = new JsonObject();
        if (parse.GetValue(destServer) is { } server) destination["server"] = server;
        if (parse.GetValue(destName) is { } dn) destination["name"] = dn;
        if (parse.GetValue(destNamespace) is { } dns) destination["namespace"] = dns;
        var spec = new JsonObject { ["project"] = parse.GetValue(project), ["source"] = source, ["destination"] = destination };
        var policy = new JsonObject();
        if (automated) policy["automated"] = new JsonObject { ["prune"] = parse.GetValue(autoPrune), ["selfHeal"] = parse.GetValue(selfHeal) };
        if (parse.GetValue(syncOptions) is { Length: > 0 } opts) policy["syncOptions"] = new JsonArray(opts.Select(o => (JsonNode)o).ToArray());
        if (policy.Count > 0) spec["syncPolicy"] = policy;
        return new JsonObject
        {
            ["apiVersion"] = ArgoAnnotations.ApiVersion,
            ["kind"] = "Application",
            ["metadata"] = new JsonObject { ["name"] = parse.GetValue(name) },
            ["spec"] = spec,
        };
    }
}
