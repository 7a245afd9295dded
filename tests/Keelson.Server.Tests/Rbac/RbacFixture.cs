using System.Text.Json.Nodes;
using Keelson.Resources.Serialization;
using Keelson.Server.Rbac;

namespace Keelson.Server.Tests.Rbac;

/// <summary>
/// Loads Argo CD's configuration from a folder as a cluster holds it: <c>argocd-rbac-cm.yaml</c> (required),
/// <c>argocd-cm.yaml</c> and <c>projects.yaml</c> (AppProjects, optional).
/// </summary>
internal static class RbacFixture
{
    public static readonly string TestData = Path.Combine(AppContext.BaseDirectory, "testdata", "rbac");

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (!File.Exists(Path.Combine(dir.FullName, "Keelson.slnx"))) dir = dir.Parent ?? throw new InvalidOperationException("Keelson.slnx not found above the test binaries");
            return dir.FullName;
        }
    }

    public static List<JsonObject> ReadObjects(string path) =>
        YamlDocuments.Parse(File.ReadAllText(path), path).OfType<JsonObject>().ToList();

    public static JsonObject ReadObject(string path) => ReadObjects(path).Single();

    public static RbacEnforcer Load(string dir)
    {
        var rbac = RbacPolicy.Parse(ReadObject(Path.Combine(dir, "argocd-rbac-cm.yaml")));
        Assert.True(rbac.IsValid, rbac.ErrorMessage);
        var cm = Path.Combine(dir, "argocd-cm.yaml");
        var options = File.Exists(cm) ? RbacEnforcerOptions.FromArgoCdConfigMap(RbacPolicy.ConfigMapData(ReadObject(cm))) : RbacEnforcerOptions.Default;
        var projectsFile = Path.Combine(dir, "projects.yaml");
        var projects = File.Exists(projectsFile) ? ReadObjects(projectsFile).Select(ProjectPolicy.FromAppProject) : [];
        return new RbacEnforcer(rbac.Policy!, projects, options);
    }

    /// <summary>
    /// The claims column of a decision: <c>-</c> for none, else <c>name=v1,v2; iat=…; jti=…</c>
    /// (<c>iat</c> and <c>jti</c> are the token's, the others string claims such as groups or email).
    /// </summary>
    public static RbacClaims Claims(string subject, string column)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        long? iat = null;
        string? jti = null;
        foreach (var part in column == "-" ? [] : column.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = (part[..part.IndexOf('=')], part[(part.IndexOf('=') + 1)..]);
            switch (name)
            {
                case "iat":
                    iat = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "jti":
                    jti = value;
                    break;
                default:
                    values[name] = value.Split(',', StringSplitOptions.TrimEntries);
                    break;
            }
        }
        return new RbacClaims(subject) { Values = values, IssuedAt = iat, Id = jti };
    }

    /// <summary>
    /// Asks the enforcer as the API server will: a per-resource update/delete on an application
    /// (<c>update/&lt;group&gt;/&lt;kind&gt;/&lt;ns&gt;/&lt;name&gt;</c>) through <see cref="RbacEnforcer.EnforceApplicationResource"/>,
    /// anything else through <see cref="RbacEnforcer.EnforceClaims"/>.
    /// </summary>
    public static RbacDecision Ask(RbacEnforcer enforcer, RbacClaims claims, RbacRequest request)
    {
        var path = request.Action.Split('/');
        if (request.Resource == "applications" && path is ["update" or "delete", var group, var kind, var ns, var name])
            return enforcer.EnforceApplicationResource(claims, path[0] == "update" ? RbacAction.Update : RbacAction.Delete, request.Object, group, kind, ns, name);
        return enforcer.EnforceClaims(claims, request);
    }
}
