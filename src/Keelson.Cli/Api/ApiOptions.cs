using System.CommandLine;
using Keelson.Cli.App;

namespace Keelson.Cli.Api;

/// <summary>
/// The options that choose Keelson's API server over a kubeconfig: --server, --auth-token, --insecure and --core. A
/// verb talks to the server when --server or --auth-token is given, else when $KEELSON_SERVER/$KEELSON_AUTH_TOKEN (or
/// Argo CD's $ARGOCD_SERVER/$ARGOCD_AUTH_TOKEN) is set, else when a login context is current (`keelson login`); --core
/// (or --kubeconfig) forces the kubeconfig.
/// </summary>
public sealed class ApiOptions
{
    public Option<string?> Server { get; } = new("--server")
    {
        Description = "Keelson's API server, HOST:PORT (default: $KEELSON_SERVER, $ARGOCD_SERVER, else the current `keelson login` context).",
        Recursive = true,
    };

    public Option<string?> AuthToken { get; } = new("--auth-token")
    {
        Description = "The token to call the server with (default: $KEELSON_AUTH_TOKEN, $ARGOCD_AUTH_TOKEN, else the login context's).",
        Recursive = true,
    };

    public Option<bool> Insecure { get; } = new("--insecure")
    {
        Description = "Do not verify the server's TLS certificate (Keelson's server uses a self-signed one).",
        Recursive = true,
    };

    public Option<string?> ServerCrt { get; } = new("--server-crt")
    {
        Description = "Trust the server's certificate, or the CA that issued it, from this PEM file (as `argocd --server-crt`).",
        Recursive = true,
    };

    public Option<bool> Core { get; } = new("--core")
    {
        Description = "Talk to the control cluster through the kubeconfig, not to the API server (as `argocd --core`).",
        Recursive = true,
    };

    public void AddTo(Command command, bool core = true)
    {
        command.Options.Add(Server);
        command.Options.Add(AuthToken);
        command.Options.Add(Insecure);
        command.Options.Add(ServerCrt);
        if (core) command.Options.Add(Core);
    }

    /// <summary>
    /// The server to call, or null for kubeconfig mode: --core or <paramref name="kubeconfigGiven"/>, or nothing
    /// naming a server (no flag, environment variable or current context).
    /// </summary>
    public ApiClient? Resolve(ParseResult parse, bool kubeconfigGiven)
    {
        if (kubeconfigGiven || parse.GetValue(Core)) return null;
        var server = parse.GetValue(Server) ?? Env("KEELSON_SERVER") ?? Env("ARGOCD_SERVER");
        var token = parse.GetValue(AuthToken) ?? Env("KEELSON_AUTH_TOKEN") ?? Env("ARGOCD_AUTH_TOKEN");
        var config = CliConfig.Load();
        var context = server is null ? config.Current : config.Contexts.FirstOrDefault(c => c.Server == server) ?? config.Contexts.FirstOrDefault(c => c.Name == server);
        if (server is null && token is null && context is null) return null;
        server ??= context?.Server
            ?? throw new CliException("an auth token without a server: pass --server HOST:PORT (or set $KEELSON_SERVER), or log in with `keelson login HOST`");
        token ??= context?.Token
            ?? throw new CliException($"not logged in to {server}: run `keelson login {server}` (or pass --auth-token)");
        return new ApiClient(server, token, parse.GetValue(Insecure) || context?.Insecure == true, ServerCertificate.Load(parse.GetValue(ServerCrt)));
    }

    /// <summary>As <see cref="Resolve"/> for verbs that only exist on the server: no server is an error that says how to name one.</summary>
    public ApiClient Require(ParseResult parse, string verb) =>
        Resolve(parse, kubeconfigGiven: false) ?? throw NeedsServer(verb);

    public static CliException NeedsServer(string verb) =>
        new($"`keelson {verb}` needs Keelson's API server: log in with `keelson login HOST`, or pass --server HOST:PORT --auth-token TOKEN (it does not work with --kubeconfig or --core)");

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
