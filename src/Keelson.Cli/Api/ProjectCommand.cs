using System.CommandLine;
using System.Text.Json.Nodes;
using Keelson.Cli.App;
using Keelson.Resources;

namespace Keelson.Cli.Api;

/// <summary>`keelson proj …`: Argo CD's `argocd proj` verbs over the server's ProjectService (<c>/api/v1/projects</c>).</summary>
public static class ProjectCommand
{
    public static Command Create()
    {
        var options = new ApiOptions();
        var proj = new Command("proj", "Read AppProjects and manage their role tokens on Keelson's API server: list, get, role create-token, role delete-token.");
        options.AddTo(proj, core: false);
        proj.Subcommands.Add(List(options));
        proj.Subcommands.Add(Get(options));
        var role = new Command("role", "A project role's JWT tokens.");
        role.Subcommands.Add(CreateToken(options));
        role.Subcommands.Add(DeleteToken(options));
        proj.Subcommands.Add(role);
        return proj;
    }

    private static Command List(ApiOptions options)
    {
        var output = AppCommand.Output("Output format: json, yaml, name (default: a table).", "json", "yaml", "name");
        var command = new Command("list", "List the AppProjects.") { output };
        command.SetAction((parse, ct) => AccountCommand.RunAsync(parse, options, "proj list", async api =>
        {
            var list = await api.GetAsync("api/v1/projects", ct);
            var items = (list["items"] as JsonArray ?? []).OfType<JsonObject>().OrderBy(p => p.GetName(), StringComparer.Ordinal).ToList();
            if (AccountCommand.Structured(parse.GetValue(output), new JsonArray(items.Select(i => (JsonNode)i.DeepClone()).ToArray()))) return 0;
            if (parse.GetValue(output) == "name")
            {
                foreach (var p in items) Terminal.Line(p.GetName() ?? "");
                return 0;
            }
            Terminal.Create("never").Table(["NAME", "DESCRIPTION", "DESTINATIONS", "SOURCES", "CLUSTER-RESOURCE-WHITELIST", "NAMESPACE-RESOURCE-BLACKLIST"],
                items.Select(p => (IReadOnlyList<string>)
                [
                    p.GetName() ?? "", p.GetPath("spec", "description")?.ToString() ?? "", Destinations(p), Summary(p.GetPath("spec", "sourceRepos"), "repos"),
                    Kinds(p.GetPath("spec", "clusterResourceWhitelist")), Kinds(p.GetPath("spec", "namespaceResourceBlacklist")),
                ]));
            return 0;
        }));
        return command;
    }

    private static Command Get(ApiOptions options)
    {
        var name = new Argument<string>("NAME") { Description = "The AppProject." };
        var output = AppCommand.Output("Output format: json, yaml (default: fields).", "json", "yaml");
        var command = new Command("get", "Show an AppProject.") { name, output };
        command.SetAction((parse, ct) => AccountCommand.RunAsync(parse, options, "proj get", async api =>
        {
            var project = (await api.GetAsync($"api/v1/projects/{ApiClient.Escape(parse.GetValue(name)!)}", ct)).AsObject();
            if (AccountCommand.Structured(parse.GetValue(output), project)) return 0;
            var roles = (project.GetPath("spec", "roles") as JsonArray ?? []).OfType<JsonObject>().ToList();
            Terminal.Fields(
            [
                ("Name", project.GetName() ?? ""),
                ("Description", project.GetPath("spec", "description")?.ToString() ?? ""),
                // get shows every item (list counts them, as argocd's table does).
                ("Destinations", Full(DestinationList(project))),
                ("Repositories", Full(project.GetPath("spec", "sourceRepos"))),
                ("Allowed Cluster Resources", Full(KindList(project.GetPath("spec", "clusterResourceWhitelist")))),
                ("Denied Namespaced Resources", Full(KindList(project.GetPath("spec", "namespaceResourceBlacklist")))),
                ("Roles", string.Join(", ", roles.Select(r => r["name"]?.ToString()))),
            ]);
            foreach (var role in roles)
            {
                Terminal.Line();
                Terminal.Fields(
                [
                    ("Role", role["name"]?.ToString() ?? ""),
                    ("Groups", AccountCommand.Join(role["groups"])),
                    ("Policies", string.Join("; ", (role["policies"] as JsonArray ?? []).Select(p => p?.ToString()))),
                    ("Tokens", string.Join(", ", (role["jwtTokens"] as JsonArray ?? []).OfType<JsonObject>().Select(t => $"iat {t["iat"]}{(t["id"] is { } id ? $" ({id})" : "")}"))),
                ]);
            }
            return 0;
        }));
        return command;
    }

    private static Command CreateToken(ApiOptions options)
    {
        var project = new Argument<string>("PROJECT") { Description = "The AppProject." };
        var role = new Argument<string>("ROLE") { Description = "The role." };
        var expiresIn = new Option<string>("--expires-in", "-e") { Description = "How long the token is valid: 90s, 30m, 24h, 7d; 0 for ever.", DefaultValueFactory = _ => "0" };
        var id = new Option<string?>("--id", "-i") { Description = "The token's id." };
        var description = new Option<string?>("--description") { Description = "What the token is for." };
        var command = new Command("create-token", "Make a JWT token for a project role; prints the token.") { project, role, expiresIn, id, description };
        command.SetAction((parse, ct) => AccountCommand.RunAsync(parse, options, "proj role create-token", async api =>
        {
            var body = new JsonObject
            {
                ["project"] = parse.GetValue(project),
                ["role"] = parse.GetValue(role),
                ["expiresIn"] = Duration.Seconds(parse.GetValue(expiresIn)!, "--expires-in"),
            };
            if (parse.GetValue(id) is { } tokenId) body["id"] = tokenId;
            if (parse.GetValue(description) is { } d) body["description"] = d;
            var answer = await api.SendAsync(HttpMethod.Post, $"{RolePath(parse.GetValue(project)!, parse.GetValue(role)!)}/token", body, ct);
            Terminal.Line(answer["token"]?.ToString() ?? "");
            return 0;
        }));
        return command;
    }

    private static Command DeleteToken(ApiOptions options)
    {
        var project = new Argument<string>("PROJECT") { Description = "The AppProject." };
        var role = new Argument<string>("ROLE") { Description = "The role." };
        var iat = new Argument<long>("IAT") { Description = "The token's issued-at time (see `keelson proj get PROJECT`)." };
        var command = new Command("delete-token", "Revoke a project role's token.") { project, role, iat };
        command.SetAction((parse, ct) => AccountCommand.RunAsync(parse, options, "proj role delete-token", async api =>
        {
            await api.SendAsync(HttpMethod.Delete, $"{RolePath(parse.GetValue(project)!, parse.GetValue(role)!)}/token/{parse.GetValue(iat)}", null, ct);
            Terminal.Line($"Token {parse.GetValue(iat)} of role '{parse.GetValue(role)}' in project '{parse.GetValue(project)}' deleted");
            return 0;
        }));
        return command;
    }

    private static string RolePath(string project, string role) => $"api/v1/projects/{ApiClient.Escape(project)}/roles/{ApiClient.Escape(role)}";

    private static JsonArray DestinationList(JsonObject project) => new((project.GetPath("spec", "destinations") as JsonArray ?? []).OfType<JsonObject>()
        .Select(d => (JsonNode)$"{(d["server"] ?? d["name"])},{d["namespace"]}").ToArray());

    private static JsonArray KindList(JsonNode? list) => new((list as JsonArray ?? []).OfType<JsonObject>()
        .Select(k => (JsonNode)$"{k["group"]}/{k["kind"]}").ToArray());

    private static string Destinations(JsonObject project) => Summary(DestinationList(project), "destinations");

    private static string Kinds(JsonNode? list) => Summary(KindList(list), "resources");

    /// <summary>Every item, comma-separated; none is <c>&lt;none&gt;</c>.</summary>
    private static string Full(JsonNode? list) => (list as JsonArray ?? []).Count == 0 ? "<none>" : AccountCommand.Join(list);

    /// <summary>As argocd's project table: one item as it is, more as a count of <paramref name="noun"/>.</summary>
    private static string Summary(JsonNode? list, string noun) => (list as JsonArray ?? []).Count switch
    {
        0 => "<none>",
        1 => (list as JsonArray)![0]?.ToString() ?? "",
        var n => $"{n} {noun}",
    };
}
