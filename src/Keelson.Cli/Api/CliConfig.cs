using System.Text.Json.Nodes;
using Keelson.Cli.App;
using Keelson.Resources.Serialization;

namespace Keelson.Cli.Api;

/// <summary>
/// The CLI's login contexts, as `argocd login` keeps them in ~/.config/argocd/config: <c>contexts</c> (name, server,
/// user), <c>servers</c> (server, insecure), <c>users</c> (name, auth-token) and <c>current-context</c>, in YAML.
/// The file is <c>$KEELSON_CONFIG</c>, else ~/.config/keelson/config; it holds tokens, never passwords, and is written
/// with mode 0600.
/// </summary>
public sealed class CliConfig
{
    private CliConfig(string path, List<LoginContext> contexts, string? current)
    {
        Path = path;
        Contexts = contexts;
        CurrentName = current;
    }

    public string Path { get; }

    public List<LoginContext> Contexts { get; }

    public string? CurrentName { get; set; }

    /// <summary>The current context, or null when there is none (the CLI then uses a kubeconfig).</summary>
    public LoginContext? Current => Contexts.FirstOrDefault(c => c.Name == CurrentName);

    public static string DefaultPath =>
        Environment.GetEnvironmentVariable("KEELSON_CONFIG") is { Length: > 0 } path
            ? path
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "keelson", "config");

    /// <summary>Reads the file; a missing file is an empty configuration, an unreadable one a <see cref="CliException"/>.</summary>
    public static CliConfig Load(string? path = null)
    {
        path ??= DefaultPath;
        if (!File.Exists(path)) return new CliConfig(path, [], null);
        JsonObject root;
        try
        {
            root = YamlDocuments.Parse(File.ReadAllText(path), path).FirstOrDefault() as JsonObject ?? [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or YamlFormatException)
        {
            throw new CliException($"cannot read the keelson config {path}: {ex.Message}");
        }
        var servers = Items(root, "servers").ToDictionary(s => s["server"]?.ToString() ?? "", s => s["insecure"]?.GetValue<bool>() == true, StringComparer.Ordinal);
        var users = Items(root, "users").ToDictionary(u => u["name"]?.ToString() ?? "", u => u["auth-token"]?.ToString(), StringComparer.Ordinal);
        var contexts = Items(root, "contexts").Select(c =>
        {
            var server = c["server"]?.ToString() ?? "";
            var user = c["user"]?.ToString() ?? server;
            return new LoginContext(c["name"]?.ToString() ?? server, server, user, users.GetValueOrDefault(user), servers.GetValueOrDefault(server));
        }).ToList();
        return new CliConfig(path, contexts, root["current-context"]?.ToString());
    }

    /// <summary>Adds or replaces a context by name.</summary>
    public void Upsert(LoginContext context)
    {
        Contexts.RemoveAll(c => c.Name == context.Name);
        Contexts.Add(context);
    }

    /// <summary>Writes the file with mode 0600 (its directory 0700), replacing it in one rename.</summary>
    public void Save()
    {
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        if (!Directory.Exists(dir))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(dir);
            else Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var root = new JsonObject
        {
            ["contexts"] = new JsonArray(Contexts.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["server"] = c.Server, ["user"] = c.User }).ToArray()),
            ["current-context"] = CurrentName ?? "",
            ["servers"] = new JsonArray(Contexts.DistinctBy(c => c.Server).Select(c => (JsonNode)new JsonObject { ["server"] = c.Server, ["insecure"] = c.Insecure }).ToArray()),
            ["users"] = new JsonArray(Contexts.DistinctBy(c => c.User).Select(c =>
            {
                var user = new JsonObject { ["name"] = c.User };
                if (c.Token is { Length: > 0 } token) user["auth-token"] = token;
                return (JsonNode)user;
            }).ToArray()),
        };
        var temp = Path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var stream = new FileStream(temp, options))
            using (var writer = new StreamWriter(stream))
                writer.Write(YamlDocuments.Write(root));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Move(temp, Path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write the keelson config {Path}: {ex.Message}");
        }
    }

    private static IEnumerable<JsonObject> Items(JsonObject root, string key) => (root[key] as JsonArray ?? []).OfType<JsonObject>();
}

/// <summary>One login: the server (host:port or a URL), who (the user entry), the session token, and whether TLS verification is skipped.</summary>
public sealed record LoginContext(string Name, string Server, string User, string? Token, bool Insecure);
