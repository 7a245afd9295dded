using System.CommandLine;
using System.Text.Json.Nodes;
using Keelson.Cli.App;

namespace Keelson.Cli.Api;

/// <summary>
/// `keelson login HOST`, `keelson logout [CONTEXT]`, `keelson context [NAME]`: sessions with Keelson's API server kept
/// as contexts in <see cref="CliConfig"/>, as `argocd login`, `logout` and `context` keep them.
/// </summary>
public static class LoginCommand
{
    public static Command Create()
    {
        var host = new Argument<string>("HOST") { Description = "The server: HOST:PORT (e.g. 127.0.0.1:8080) or https://HOST:PORT." };
        var username = new Option<string?>("--username") { Description = "The account (asked for on a terminal when not given)." };
        var password = new Option<string?>("--password") { Description = "The password (asked for on a terminal when not given)." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (one line)." };
        var insecure = new Option<bool>("--insecure") { Description = "Do not verify the server's TLS certificate (Keelson's server uses a self-signed one)." };
        var serverCrt = new Option<string?>("--server-crt") { Description = "Trust the server's certificate, or the CA that issued it, from this PEM file." };
        var name = new Option<string?>("--name") { Description = "The context's name (default: HOST)." };
        var sso = new Option<bool>("--sso") { Description = "Log in through SSO (not supported by Keelson)." };
        var command = new Command("login", "Log in to Keelson's API server and make it the current context (as `argocd login`).")
        {
            host, username, password, passwordStdin, insecure, serverCrt, name, sso,
        };
        command.SetAction((parse, ct) => RunAsync(async () =>
        {
            if (parse.GetValue(sso)) throw new CliException("--sso is not supported: Keelson has local accounts only; pass --username and --password");
            var server = parse.GetValue(host)!.TrimEnd('/');
            if (parse.GetValue(password) is not null && parse.GetValue(passwordStdin)) throw new CliException("give --password or --password-stdin, not both");
            var user = parse.GetValue(username) ?? Prompt.Line("Username", "--username");
            string secret;
            if (parse.GetValue(passwordStdin)) secret = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n') ?? "";
            else secret = parse.GetValue(password) ?? Prompt.Secret("Password", "--password");
            if (user.Length == 0) throw new CliException("a username is required");

            using var api = new ApiClient(server, token: null, parse.GetValue(insecure), ServerCertificate.Load(parse.GetValue(serverCrt)));
            var answer = await api.SendAsync(HttpMethod.Post, "api/v1/session", new JsonObject { ["username"] = user, ["password"] = secret }, ct);
            var token = answer["token"]?.ToString() is { Length: > 0 } t ? t : throw new CliException($"the server at {server} answered the login without a token");
            var config = CliConfig.Load();
            var contextName = parse.GetValue(name) ?? server;
            config.Upsert(new LoginContext(contextName, server, contextName, token, parse.GetValue(insecure)));
            config.CurrentName = contextName;
            config.Save();
            Terminal.Line($"'{user}:login' logged in successfully");
            Terminal.Line($"Context '{contextName}' updated");
            return 0;
        }));
        return command;
    }

    public static Command Logout()
    {
        var name = new Argument<string?>("CONTEXT") { Description = "The context (default: the current one).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("logout", "Log out: end the session on the server and remove the context's token (as `argocd logout`).") { name };
        command.SetAction((parse, ct) => RunAsync(async () =>
        {
            var config = CliConfig.Load();
            var wanted = parse.GetValue(name) ?? config.CurrentName;
            var context = config.Contexts.FirstOrDefault(c => c.Name == wanted)
                ?? throw new CliException(wanted is null ? "not logged in: there is no current context" : $"no context '{wanted}' (see `keelson context`)");
            if (context.Token is { Length: > 0 } token)
            {
                try
                {
                    using var api = new ApiClient(context.Server, token, context.Insecure);
                    await api.SendAsync(HttpMethod.Delete, "api/v1/session", null, ct);
                }
                catch (CliException ex)
                {
                    // The token is removed all the same: it is this machine's copy that logging out is about.
                    Terminal.Error($"keelson: warning: the server did not end the session: {ex.Message}");
                }
            }
            config.Upsert(context with { Token = null });
            config.Save();
            Terminal.Line($"Logged out from '{context.Name}'");
            return 0;
        }));
        return command;
    }

    public static Command Context()
    {
        var name = new Argument<string?>("NAME") { Description = "The context to make current (none: list them).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("context", "List the login contexts, or switch to one (as `argocd context`).") { name };
        command.SetAction((parse, ct) => RunAsync(() =>
        {
            var config = CliConfig.Load();
            if (parse.GetValue(name) is { } wanted)
            {
                if (config.Contexts.All(c => c.Name != wanted)) throw new CliException($"no context '{wanted}' (see `keelson context`; add one with `keelson login HOST --name {wanted}`)");
                config.CurrentName = wanted;
                config.Save();
                Terminal.Line($"Switched to context '{wanted}'");
                return Task.FromResult(0);
            }
            Terminal.Create("never").Table(["CURRENT", "NAME", "SERVER"], config.Contexts.Select(c => (IReadOnlyList<string>)
                [c.Name == config.CurrentName ? "*" : "", c.Name, c.Server + (c.Token is null ? " (logged out)" : "")]));
            return Task.FromResult(0);
        }));
        return command;
    }

    /// <summary>Runs a verb, printing a <see cref="CliException"/> as one line on standard error with its exit code.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> verb)
    {
        try
        {
            return await verb();
        }
        catch (CliException ex)
        {
            Terminal.Error($"keelson: {ex.Message}");
            return ex.ExitCode;
        }
        catch (OperationCanceledException)
        {
            Terminal.Error("keelson: interrupted");
            return 130;
        }
    }
}
