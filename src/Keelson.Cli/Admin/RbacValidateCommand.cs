using System.CommandLine;
using Keelson.Cli.App;

namespace Keelson.Cli.Admin;

/// <summary>
/// `keelson admin rbac validate`: whether the policy (of <c>--policy-file</c>, or of argocd-rbac-cm in the cluster)
/// would be accepted — "Policy is valid." (exit 0) or "Policy is invalid:" and every error by key and line (exit 1).
/// Warnings (patterns that match nothing, roles granted nothing) go to standard error and do not fail it.
/// </summary>
public static class RbacValidateCommand
{
    public static Command Create()
    {
        var source = new RbacPolicySource();
        var command = new Command("validate", "Validate an RBAC policy, as `argocd admin settings rbac validate`.");
        source.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var (result, empty) = await source.LoadAsync(parse, ct);
                if (empty) throw new CliException("the policy is empty or could not be loaded");
                foreach (var warning in result.Warnings) Console.Error.WriteLine($"warning: {warning}");
                if (!result.IsValid)
                {
                    Console.WriteLine($"Policy is invalid:\n{RbacCanCommand.Indent(result.ErrorMessage)}");
                    return 1;
                }
                Console.WriteLine("Policy is valid.");
                return 0;
            }
            catch (CliException ex)
            {
                Console.Error.WriteLine($"keelson: {ex.Message}");
                return ex.ExitCode;
            }
        });
        return command;
    }
}
