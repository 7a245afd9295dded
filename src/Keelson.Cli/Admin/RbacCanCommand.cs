using System.CommandLine;
using Keelson.Cli.App;
using Keelson.Server.Rbac;

namespace Keelson.Cli.Admin;

/// <summary>
/// `keelson admin rbac can SUBJECT ACTION RESOURCE [OBJECT]`: whether a role or subject may, as
/// `argocd admin settings rbac can` answers — "Yes" (exit 0) or "No" (exit 1) on standard output. The subject is
/// taken as it is (its <c>g</c> roles, not a token's groups or project roles); short resource names (app, proj,
/// repo, cert…) are accepted; a project-scoped resource without an object is asked for <c>*/*</c>.
/// </summary>
/// <remarks>Errors (no policy, an invalid one, an unknown resource or action) go to standard error with exit 1, as Argo CD's.</remarks>
public static class RbacCanCommand
{
    public static Command Create()
    {
        var source = new RbacPolicySource();
        var subject = new Argument<string>("SUBJECT") { Description = "A role (role:readonly), a local account or an SSO group, as policy lines name it." };
        var action = new Argument<string>("ACTION") { Description = "get, create, update, delete, sync, rollback, override, action, invoke; update/, delete/ and action/ paths for applications." };
        var resource = new Argument<string>("RESOURCE") { Description = "applications, applicationsets, clusters, projects, repositories, accounts, certificates, gpgkeys, logs, exec, extensions (or app, proj, repo…)." };
        var obj = new Argument<string?>("OBJECT") { Description = "The object: <project>/<app> for applications (default */* for project-scoped resources).", Arity = ArgumentArity.ZeroOrOne };
        var defaultRole = new Option<string?>("--default-role") { Description = "The default role to check first (default: the policy's policy.default)." };
        var useBuiltin = new Option<bool>("--use-builtin-policy") { Description = "Also use Argo CD's built-in policy (role:readonly, role:admin).", DefaultValueFactory = _ => true };
        var strict = new Option<bool>("--strict") { Description = "Refuse resource and action names that Argo CD does not have.", DefaultValueFactory = _ => true };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing: only the exit code answers." };
        var command = new Command("can", "Check whether a role or subject may do an action on a resource, as `argocd admin settings rbac can`.")
        {
            subject, action, resource, obj, defaultRole, useBuiltin, strict, quiet,
        };
        source.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var request = Request(parse.GetValue(action)!, parse.GetValue(resource)!, parse.GetValue(obj), parse.GetValue(strict));
                var (result, _) = await source.LoadAsync(parse, ct);
                if (result.Policy is not { } policy) throw new CliException($"the policy is invalid:\n{Indent(result.ErrorMessage)}");
                if (parse.GetValue(defaultRole) is { Length: > 0 } role) policy = policy with { DefaultRole = role };
                var enforcer = new RbacEnforcer(policy, options: new RbacEnforcerOptions { UseBuiltinPolicy = parse.GetValue(useBuiltin) });
                var who = parse.GetValue(subject)!;
                var allowed = enforcer.Enforce(who, request);
                if (allowed && IsUnboundGroup(policy, who))
                {
                    Console.Error.WriteLine($"warning: '{who}' looks like an SSO group and has its own 'p' lines but no 'g, {who}, <role>' line: "
                        + "the API server checks a user's groups only when a 'g' line binds them, so this grant does not apply to its members");
                }
                if (!parse.GetValue(quiet)) Console.WriteLine(allowed ? "Yes" : "No");
                return allowed ? 0 : 1;
            }
            catch (CliException ex)
            {
                Console.Error.WriteLine($"keelson: {ex.Message}");
                return ex.ExitCode;
            }
        });
        return command;
    }

    private static RbacRequest Request(string action, string resourceName, string? obj, bool strict)
    {
        var known = RbacVocabulary.TryResolve(resourceName, out var resource);
        if (strict)
        {
            if (!known) throw new CliException($"'{resourceName}' is not a valid resource name (one of {string.Join(", ", Enum.GetValues<RbacResource>().Select(r => r.Name()))})");
            if (!resource.IsActionOf(action))
                throw new CliException($"'{action}' is not a valid action for {resource.Name()} (one of {string.Join(", ", resource.ActionsOf().Select(a => a.Name()))})");
        }
        var name = known ? resource.Name() : resourceName;
        if (known && resource.IsProjectScoped() && obj is null or "" or "*") obj = "*/*";
        return new RbacRequest(name, action, obj ?? "");
    }

    // As Argo CD warns: a group ("org:team") granted by its own p lines but bound by no g line.
    private static bool IsUnboundGroup(RbacPolicy policy, string subject) =>
        subject.Contains(':', StringComparison.Ordinal) && !subject.StartsWith("role:", StringComparison.Ordinal)
        && !ProjectPolicy.TryParseSubject(subject, out _, out _)
        && policy.Rules.Any(r => r.Subject == subject) && !policy.Bindings.Any(b => b.Member == subject);

    internal static string Indent(string lines) => string.Join("\n", lines.Split('\n').Select(l => "  " + l));
}
