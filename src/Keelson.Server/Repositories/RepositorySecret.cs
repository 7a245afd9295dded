using System.Text.Json.Nodes;
using Keelson.Git;
using Keelson.Resources;
using Keelson.Server.Auth;
using Keelson.Server.Settings;

namespace Keelson.Server.Repositories;

/// <summary>
/// A repository as Argo CD stores it: a Secret labelled <c>argocd.argoproj.io/secret-type: repository</c> whose data
/// holds <c>url</c>, <c>type</c>, <c>name</c>, <c>project</c>, the credentials (<c>username</c>, <c>password</c>,
/// <c>sshPrivateKey</c>, <c>bearerToken</c>, TLS client certificate) and flags. The credentials live only there:
/// <see cref="Sanitized"/> — the only shape that leaves the server — carries the username and none of them.
/// </summary>
public sealed class RepositorySecret
{
    /// <summary>Wire field → Secret data key, for the string fields (the URL is <c>repo</c> on the wire, <c>url</c> in the Secret).</summary>
    private static readonly (string Field, string Key)[] StringFields =
    [
        ("repo", "url"), ("type", "type"), ("name", "name"), ("project", "project"), ("username", "username"), ("password", "password"),
        ("sshPrivateKey", "sshPrivateKey"), ("bearerToken", "bearerToken"), ("tlsClientCertData", "tlsClientCertData"),
        ("tlsClientCertKey", "tlsClientCertKey"), ("proxy", "proxy"), ("noProxy", "noProxy"),
    ];

    private static readonly string[] BoolFields = ["insecure", "insecureIgnoreHostKey", "enableLfs", "forceHttpBasicAuth", "enableOCI"];

    /// <summary>The fields that are credentials: stored, used to connect, never answered.</summary>
    private static readonly HashSet<string> CredentialFields = new(StringComparer.Ordinal) { "password", "sshPrivateKey", "bearerToken", "tlsClientCertData", "tlsClientCertKey" };

    private readonly Dictionary<string, string> _strings;
    private readonly Dictionary<string, bool> _flags;

    private RepositorySecret(string? secretName, Dictionary<string, string> strings, Dictionary<string, bool> flags)
    {
        SecretName = secretName;
        _strings = strings;
        _flags = flags;
    }

    public string? SecretName { get; }

    public string Repo => Get("repo");

    public string Type => Get("type") is { Length: > 0 } t ? t : "git";

    public string Project => Get("project");

    public string Username => Get("username");

    public bool HasSshKey => Get("sshPrivateKey").Length > 0;

    /// <summary>The credential to connect with over https (username and password or bearer token), or null.</summary>
    public GitCredential? Credential =>
        Get("password") is { Length: > 0 } password ? new GitCredential(Username.Length > 0 ? Username : "x-access-token", password)
        : Get("bearerToken") is { Length: > 0 } token ? GitCredential.FromToken(token)
        : null;

    /// <summary>The RBAC object: <c>&lt;project&gt;/&lt;repo&gt;</c> for a project-scoped repository, else the URL.</summary>
    public string RbacObject => Project.Length > 0 ? $"{Project}/{Repo}" : Repo;

    /// <summary>Argo CD's <c>secretToRepository</c>.</summary>
    public static RepositorySecret Read(JsonObject secret)
    {
        var data = SecretData.FromSecret(secret);
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, key) in StringFields)
        {
            if (data.GetString(key) is { Length: > 0 } value) strings[field] = value;
        }
        var flags = BoolFields.Where(f => data.GetString(f) == "true").ToDictionary(f => f, _ => true, StringComparer.Ordinal);
        return new RepositorySecret(secret.GetName(), strings, flags);
    }

    /// <summary>Reads a Repository of the API (<c>{repo, type, name, username, password, sshPrivateKey, project, insecure, …}</c>); the problems name the fields.</summary>
    public static (RepositorySecret? Repository, IReadOnlyList<string> Problems) FromApi(JsonObject body, string? secretName = null)
    {
        var problems = new List<string>();
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, _) in StringFields)
        {
            switch (body[field])
            {
                case null:
                    break;
                case JsonValue v when v.TryGetValue<string>(out var s):
                    if (s.Length > 0) strings[field] = s;
                    break;
                default:
                    problems.Add($"repo.{field}: must be a string");
                    break;
            }
        }
        var flags = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var field in BoolFields)
        {
            if (body[field] is null) continue;
            if (body[field] is JsonValue v && v.TryGetValue<bool>(out var b)) flags[field] = b;
            else problems.Add($"repo.{field}: must be true or false");
        }
        var repo = strings.GetValueOrDefault("repo") ?? "";
        if (repo.Length == 0) problems.Add("repo.repo: the repository URL is required, e.g. https://github.com/org/repo.git");
        else if (repo != repo.Trim()) problems.Add($"repo.repo '{repo}': must not start or end with spaces");
        else if (RepositoryUrl.EmbeddedCredential(repo) is not null) problems.Add("repo.repo: put the username and password in repo.username and repo.password, not in the URL");
        if (strings.GetValueOrDefault("type") is { } type && type != "git")
            problems.Add($"repo.type '{type}': Keelson serves git repositories only");
        if (strings.GetValueOrDefault("project") is { } project && Projects.ProjectValidation.NameProblem(project) is { } bad) problems.Add($"repo.project: {bad}");
        return problems.Count > 0 ? (null, problems) : (new RepositorySecret(secretName, strings, flags.Where(f => f.Value).ToDictionary(StringComparer.Ordinal)), []);
    }

    public RepositorySecret WithSecretName(string? name) => new(name, _strings, _flags);

    /// <summary>The Secret that stores the repository, named as Argo CD names it unless it has a name already.</summary>
    public JsonObject ToSecret(string ns)
    {
        var data = new SecretData();
        foreach (var (field, key) in StringFields)
        {
            if (_strings.TryGetValue(field, out var value)) data.Set(key, value);
        }
        if (!_strings.ContainsKey("type")) data.Set("type", "git");
        foreach (var (flag, _) in _flags) data.Set(flag, "true");
        return ArgoSecrets.Build(ns, SecretName ?? ArgoSecrets.NameFor("repo", Repo, Project), ArgoSecrets.RepositoryType, data);
    }

    /// <summary>Argo CD's <c>Repository.Sanitized</c>: the URL, type, name, project, username and flags; no credential.</summary>
    public JsonObject Sanitized()
    {
        var json = new JsonObject { ["repo"] = Repo };
        foreach (var (field, _) in StringFields.Skip(1))
        {
            if (CredentialFields.Contains(field)) continue;
            if (field == "type") json["type"] = Type;
            else if (_strings.TryGetValue(field, out var value)) json[field] = value;
        }
        foreach (var (flag, _) in _flags) json[flag] = true;
        return json;
    }

    /// <summary>Whether two repositories would be stored alike (credentials included), for an idempotent create.</summary>
    public bool SameAs(RepositorySecret other) =>
        Type == other.Type
        && _strings.Where(p => p.Key != "type").OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(other._strings.Where(p => p.Key != "type").OrderBy(p => p.Key, StringComparer.Ordinal))
        && _flags.Keys.Order(StringComparer.Ordinal).SequenceEqual(other._flags.Keys.Order(StringComparer.Ordinal));

    /// <summary>Whether this names <paramref name="url"/> (compared as the Git cache keys URLs: case, trailing '/' and '.git' aside).</summary>
    public bool IsFor(string url) => RepositoryUrl.Normalize(Repo) == RepositoryUrl.Normalize(url);

    private string Get(string field) => _strings.GetValueOrDefault(field) ?? "";
}
