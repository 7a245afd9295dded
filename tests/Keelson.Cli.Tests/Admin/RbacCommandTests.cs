using Keelson.Cluster;
using Keelson.Engine.Kube;

namespace Keelson.Cli.Tests.Admin;

/// <summary>`keelson admin rbac can|validate` as a process, answering as `argocd admin settings rbac` does.</summary>
public sealed class RbacCommandTests
{
    private static string Examples
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (!File.Exists(Path.Combine(dir.FullName, "Keelson.slnx"))) dir = dir.Parent!;
            return Path.Combine(dir.FullName, "examples", "argocd-apps");
        }
    }

    private static string SeedPolicy => Path.Combine(Examples, "argocd-rbac-cm.yaml");

    private static string TempFile(string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("keelson-rbac-").FullName, "policy.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("alice", "sync", "applications", "production/guestbook-prod", "Yes")]
    [InlineData("bob", "sync", "app", "default/guestbook-dev", "Yes")]
    [InlineData("bob", "sync", "app", "production/guestbook-prod", "No")]
    [InlineData("bob", "get", "app", "production/guestbook-prod", "Yes")]
    [InlineData("carol", "sync", "applications", "production/guestbook-prod", "Yes")]
    [InlineData("carol", "delete", "applications", "production/guestbook-prod", "No")]
    [InlineData("operations", "sync", "applications", "production/guestbook-prod", "Yes")]
    [InlineData("role:readonly", "get", "clusters", "https://kubernetes.default.svc", "Yes")]
    [InlineData("someone", "get", "logs", "", "Yes")]
    [InlineData("someone", "update", "proj", "production", "No")]
    [InlineData("admin", "update/apps/Deployment/guestbook-prod/frontend", "applications", "production/guestbook-prod", "Yes")]
    public async Task Can_answers_Yes_with_exit_0_or_No_with_exit_1_from_the_seed_ConfigMap(string subject, string action, string resource, string obj, string answer)
    {
        string[] args = obj.Length > 0
            ? ["admin", "rbac", "can", subject, action, resource, obj, "--policy-file", SeedPolicy]
            : ["admin", "rbac", "can", subject, action, resource, "--policy-file", SeedPolicy];
        var (code, stdout, stderr) = await KustomizeFixtures.KeelsonAsync(args);
        Assert.Equal(answer + "\n", stdout);
        Assert.Equal(answer == "Yes" ? 0 : 1, code);
        Assert.Equal("", stderr);
    }

    [Fact]
    public async Task A_CSV_policy_file_takes_the_default_role_from_the_flag_and_may_leave_out_the_built_in_policy()
    {
        var csv = TempFile("p, role:deployer, applications, sync, default/*, allow\ng, dev, role:deployer\n");
        Assert.Equal((0, "Yes\n"), Short(await KustomizeFixtures.KeelsonAsync("admin", "rbac", "can", "dev", "sync", "applications", "default/web", "--policy-file", csv)));
        Assert.Equal((1, "No\n"), Short(await KustomizeFixtures.KeelsonAsync("admin", "rbac", "can", "dev", "get", "applications", "default/web", "--policy-file", csv)));
        Assert.Equal((0, "Yes\n"), Short(await KustomizeFixtures.KeelsonAsync("admin", "rbac", "can", "dev", "get", "applications", "default/web", "--policy-file", csv, "--default-role", "role:readonly")));
        Assert.Equal((1, "No\n"), Short(await KustomizeFixtures.KeelsonAsync("admin", "rbac", "can", "admin", "delete", "applications", "default/web", "--policy-file", csv, "--use-builtin-policy=false")));
        Assert.Equal((0, ""), Short(await KustomizeFixtures.KeelsonAsync("admin", "rbac", "can", "admin", "delete", "applications", "default/web", "--policy-file", csv, "-q")));
    }

    [Fact]
    public async Task Unknown_resources_and_actions_are_errors_unless_not_strict()
    {
        var (code, stdout, stderr) = await KustomizeFixtures.KeelsonAsync("admin", "rbac", "can", "bob", "deploy", "applications", "default/x", "--policy-file", SeedPolicy);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("keelson: 'deploy' is not a valid action for applications", stderr, StringComparison.Ordinal);
        Assert.Equal((1, "No\n"), Short(await KustomizeFixtures.KeelsonAsync("admin", "rbac", "can", "bob", "deploy", "applications", "default/x", "--policy-file", SeedPolicy, "--strict=false")));
    }

    [Fact]
    public async Task Validate_says_the_policy_is_valid_or_lists_every_error_by_key_and_line()
    {
        Assert.Equal((0, "Policy is valid.\n"), Short(await KustomizeFixtures.KeelsonAsync("admin", "rbac", "validate", "--policy-file", SeedPolicy)));

        var bad = TempFile("p, alice, applications, get, */*, allow\np, bob, applications, get, */*\ng, carol\n");
        var (code, stdout, _) = await KustomizeFixtures.KeelsonAsync("admin", "rbac", "validate", "--policy-file", bad);
        Assert.Equal(1, code);
        Assert.Equal("Policy is invalid:\n  policy.csv line 2: a 'p' line has 6 fields, found 5\n  policy.csv line 3: a 'g' line has 3 fields, found 2\n", stdout);

        var (canCode, canOut, canErr) = await KustomizeFixtures.KeelsonAsync("admin", "rbac", "can", "alice", "get", "applications", "x/y", "--policy-file", bad);
        Assert.Equal((1, ""), (canCode, canOut));
        Assert.Contains("policy.csv line 2: a 'p' line has 6 fields, found 5", canErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_file_the_ConfigMap_is_read_from_the_cluster_of_the_kubeconfig()
    {
        var dir = Directory.CreateTempSubdirectory("keelson-rbac-cluster-").FullName;
        await using var cluster = await EmbeddedCluster.StartAsync(new ClusterOptions { InMemory = true });
        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(dir, "kubeconfig"));
        using (var client = KubeClient.FromKubeconfig(kubeconfig))
        {
            await client.ApplyManifestsAsync("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: argocd\n", "test");
            await client.ApplyManifestsAsync(File.ReadAllText(SeedPolicy), "test", SeedPolicy);
        }

        Assert.Equal((0, "Yes\n"), Short(await KustomizeFixtures.KeelsonAsync("admin", "rbac", "can", "carol", "sync", "applications", "production/guestbook-prod", "--kubeconfig", kubeconfig)));
        Assert.Equal((1, "No\n"), Short(await KustomizeFixtures.KeelsonAsync("admin", "rbac", "can", "bob", "sync", "applications", "production/guestbook-prod", "--kubeconfig", kubeconfig, "-n", "argocd")));
        Assert.Equal((0, "Policy is valid.\n"), Short(await KustomizeFixtures.KeelsonAsync("admin", "rbac", "validate", "--kubeconfig", kubeconfig)));

        var (code, stdout, stderr) = await KustomizeFixtures.KeelsonAsync("admin", "rbac", "can", "bob", "get", "applications", "x/y", "--kubeconfig", kubeconfig, "-n", "elsewhere");
        Assert.Equal((1, ""), (code, stdout));
        Assert.StartsWith("keelson: configmap argocd-rbac-cm not found in namespace elsewhere", stderr, StringComparison.Ordinal);
        Directory.Delete(dir, true);
    }

    private static (int Code, string Stdout) Short((int ExitCode, string Stdout, string Stderr) run) => (run.ExitCode, run.Stdout);
}
