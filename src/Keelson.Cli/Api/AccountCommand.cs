using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Cli.App;

namespace Keelson.Cli.Api;

/// <summary>`keelson account …`: Argo CD's `argocd account` verbs over the server's AccountService (<c>/api/v1/account</c>).</summary>
public static class AccountCommand
{
    public static Command Create()
    {
        var options = new ApiOptions();
        var account = new Command("account", "Manage local accounts on Keelson's API server: list, get, update-password, generate-token, can-i.");
        options.AddTo(account, core: false);
        account.Subcommands.Add(List(options));
        account.Subcommands.Add(Get(options));
        account.Subcommands.Add(UpdatePassword(options));
        account.Subcommands.Add(GenerateToken(options));
        account.Subcommands.Add(CanI(options));
        return account;
    }

    private static Command List(ApiOptions options)
    {
        var output = AppCommand.Output("Output format: json, yaml, name (default: a table).", "json", "yaml", "name");
        var command = new Command("list", "List the accounts.") { output };
        command.SetAction((parse, ct) => RunAsync(parse, options, "account list", async api =>
        {
            var list = await api.GetAsync("api/v1/account", ct);
            var items = (list["items"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            if (Structured(parse.GetValue(output), list["items"])) return 0;
            if (parse.GetValue(output) == "name")
            {
                foreach (var a in items) Terminal.Line(a["name"]?.ToString() ?? "");
                return 0;
            }
            Terminal.Create("never").Table(["NAME", "ENABLED", "CAPABILITIES"], items.Select(a => (IReadOnlyList<string>)
                [a["name"]?.ToString() ?? "", a["enabled"]?.ToString() ?? "", Join(a["capabilities"])]));
            return 0;
        }));
        return command;
    }

    private static Command Get(ApiOptions options)
    {
        var name = new Argument<string?>("NAME") { Description = "The account (default: the one logged in).", Arity = ArgumentArity.ZeroOrOne };
        var accountFlag = new Option<string?>("--account", "-a") { Description = "The account (as NAME)." };
        var output = AppCommand.Output("Output format: json, yaml (default: fields and a token table).", "json", "yaml");
        var command = new Command("get", "Show an account and its API tokens.") { name, accountFlag, output };
        command.SetAction((parse, ct) => RunAsync(parse, options, "account get", async api =>
        {
            var who = parse.GetValue(name) ?? parse.GetValue(accountFlag) ?? await CurrentAccountAsync(api, ct);
            var account = await api.GetAsync($"api/v1/account/{ApiClient.Escape(who)}", ct);
            if (Structured(parse.GetValue(output), account)) return 0;
            Terminal.Fields([("Name", account["name"]?.ToString() ?? who), ("Enabled", account["enabled"]?.ToString() ?? ""), ("Capabilities", Join(account["capabilities"]))]);
            Terminal.Line();
            Terminal.Line("Tokens:");
            var tokens = (account["tokens"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            if (tokens.Count == 0)
            {
                Terminal.Line("NONE");
                return 0;
            }
            Terminal.Create("never").Table(["ID", "ISSUED AT", "EXPIRING AT"], tokens.Select(t => (IReadOnlyList<string>)
                [t["id"]?.ToString() ?? "", Time(t["issuedAt"]), t["expiresAt"] is null ? "never" : Time(t["expiresAt"])]));
            return 0;
        }));
        return command;
    }

    private static Command UpdatePassword(ApiOptions options)
    {
        var accountFlag = new Option<string?>("--account") { Description = "The account whose password changes (default: the one logged in; another needs update rights on accounts)." };
        var current = new Option<string?>("--current-password") { Description = "The logged-in account's current password (asked for on a terminal)." };
        var next = new Option<string?>("--new-password") { Description = "The new password (asked for twice on a terminal)." };
        var command = new Command("update-password", "Change an account's password.") { accountFlag, current, next };
        command.SetAction((parse, ct) => RunAsync(parse, options, "account update-password", async api =>
        {
            var who = parse.GetValue(accountFlag) ?? await CurrentAccountAsync(api, ct);
            var currentPassword = parse.GetValue(current) ?? Prompt.Secret("*** Enter password of currently logged in user", "--current-password");
            var newPassword = parse.GetValue(next);
            if (newPassword is null)
            {
                newPassword = Prompt.Secret($"*** Enter new password for user {who}", "--new-password");
                if (Prompt.Secret($"*** Confirm new password for user {who}", "--new-password") != newPassword) throw new CliException("the passwords do not match");
            }
            await api.SendAsync(HttpMethod.Put, "api/v1/account/password",
                new JsonObject { ["name"] = who, ["currentPassword"] = currentPassword, ["newPassword"] = newPassword }, ct);
            Terminal.Line($"Password updated for {who}");
            return 0;
        }));
        return command;
    }

    private static Command GenerateToken(ApiOptions options)
    {
        var accountFlag = new Option<string?>("--account", "-a") { Description = "The account (default: the one logged in)." };
        var expiresIn = new Option<string>("--expires-in", "-e") { Description = "How long the token is valid: 90s, 30m, 24h, 7d; 0 for ever.", DefaultValueFactory = _ => "0" };
        var id = new Option<string?>("--id") { Description = "The token's id (default: a new uuid)." };
        var command = new Command("generate-token", "Make an API token for an account (it must have the apiKey capability); prints the token.") { accountFlag, expiresIn, id };
        command.SetAction((parse, ct) => RunAsync(parse, options, "account generate-token", async api =>
        {
            var who = parse.GetValue(accountFlag) ?? await CurrentAccountAsync(api, ct);
            var body = new JsonObject { ["name"] = who, ["expiresIn"] = Duration.Seconds(parse.GetValue(expiresIn)!, "--expires-in") };
            if (parse.GetValue(id) is { } tokenId) body["id"] = tokenId;
            var answer = await api.SendAsync(HttpMethod.Post, $"api/v1/account/{ApiClient.Escape(who)}/token", body, ct);
            Terminal.Line(answer["token"]?.ToString() ?? "");
            return 0;
        }));
        return command;
    }

    private static Command CanI(ApiOptions options)
    {
        var action = new Argument<string>("ACTION") { Description = "get, create, update, delete, sync, override, action/…" };
        var resource = new Argument<string>("RESOURCE") { Description = "applications, projects, repositories, clusters, accounts, logs, exec…" };
        var subresource = new Argument<string>("SUBRESOURCE") { Description = "The object, e.g. production/web-prod or '*'." };
        var command = new Command("can-i", "Ask whether the logged-in account may do ACTION to RESOURCE SUBRESOURCE; prints yes or no (exit 0 either way, as argocd).") { action, resource, subresource };
        command.SetAction((parse, ct) => RunAsync(parse, options, "account can-i", async api =>
        {
            var answer = await api.GetAsync($"api/v1/account/can-i/{ApiClient.Escape(parse.GetValue(resource)!)}/{ApiClient.Escape(parse.GetValue(action)!)}/{parse.GetValue(subresource)!}", ct);
            Terminal.Line(answer["value"]?.ToString() ?? "no");
            return 0;
        }));
        return command;
    }

    /// <summary>The logged-in account (<c>/api/v1/session/userinfo</c>).</summary>
    public static async Task<string> CurrentAccountAsync(ApiClient api, CancellationToken ct)
    {
        var info = await api.GetAsync("api/v1/session/userinfo", ct);
        if (info["loggedIn"]?.GetValue<bool>() != true || info["username"]?.ToString() is not { Length: > 0 } user)
            throw new CliException($"not logged in to {api.Server}: run `keelson login {api.Server}`");
        return user;
    }

    /// <summary>Runs a verb that needs the server, printing a <see cref="CliException"/> as one line on standard error.</summary>
    public static Task<int> RunAsync(ParseResult parse, ApiOptions options, string verb, Func<ApiClient, Task<int>> body) => LoginCommand.RunAsync(async () =>
    {
        using var api = options.Require(parse, verb);
        return await body(api);
    });

    /// <summary>Prints <paramref name="node"/> as -o json or yaml asks; false for the other formats.</summary>
    public static bool Structured(string? output, JsonNode? node)
    {
        switch (output)
        {
            case "json":
                Terminal.Json(node);
                return true;
            case "yaml":
                Terminal.Yaml(node);
                return true;
            default:
                return false;
        }
    }

    public static string Join(JsonNode? list) => string.Join(", ", (list as JsonArray ?? []).Select(c => c?.ToString()));

    private static string Time(JsonNode? unix) =>
        long.TryParse(unix?.ToString(), out var s) ? DateTimeOffset.FromUnixTimeSeconds(s).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : "";
}
