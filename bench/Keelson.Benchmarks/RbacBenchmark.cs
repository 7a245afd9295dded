using System.Diagnostics;
using Keelson.Server.Rbac;

namespace Keelson.Benchmarks;

/// <summary>
/// RBAC as an application list asks it: N applications over 20 projects (each with two roles), a user in five
/// groups, one <see cref="RbacEnforcer.EnforceClaims"/> per application. Measures the first list on a new enforcer
/// (patterns and project policies compiled, nothing cached), the next lists (cached), and N distinct questions
/// (goal: a warm list of 1,000 applications under 5 ms, a cold one under 50 ms).
/// </summary>
internal static class RbacBenchmark
{
    public static Task<int> RunAsync(int n)
    {
        var csv = string.Join("\n", Enumerable.Range(0, 50).SelectMany(i => new[]
        {
            $"p, role:team-{i}, applications, get, project-{i % 20}/*, allow",
            $"p, role:team-{i}, applications, sync, project-{i % 20}/app-{i}*, allow",
            $"p, role:team-{i}, applications, delete, project-{i % 20}/*-prod, deny",
            $"g, group-{i}, role:team-{i}",
        }));
        var policy = RbacPolicy.Parse(new Dictionary<string, string> { ["policy.csv"] = csv, ["policy.default"] = "role:none" }).Policy!;
        var projects = Enumerable.Range(0, 20).Select(p => new ProjectPolicy($"project-{p}",
        [
            new ProjectRole("deployers") { Policies = [$"p, proj:project-{p}:deployers, applications, sync, project-{p}/*, allow"], Groups = [$"group-{p}"] },
            new ProjectRole("viewers") { Policies = [$"p, proj:project-{p}:viewers, applications, get, project-{p}/*, allow"], Groups = ["everyone"] },
        ])).ToList();
        var claims = RbacClaims.WithGroups("alice", "group-3", "group-17", "group-42", "everyone", "unbound");
        var apps = Enumerable.Range(0, n).Select(i => RbacRequest.Application(RbacAction.Sync, $"project-{i % 20}/app-{i}")).ToList();

        for (var i = 0; i < 3; i++) List(new RbacEnforcer(policy, projects), claims, apps); // JIT warm-up
        var build = Stopwatch.StartNew();
        var enforcer = new RbacEnforcer(policy, projects);
        build.Stop();
        var cold = Stopwatch.StartNew();
        var allowed = List(enforcer, claims, apps);
        cold.Stop();
        const int Lists = 100;
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < Lists; i++) List(enforcer, claims, apps);
        warm.Stop();
        var distinct = Stopwatch.StartNew();
        var users = 0;
        for (var i = 0; i < n; i++) users += enforcer.EnforceClaims(RbacClaims.WithGroups($"user-{i}", $"group-{i % 50}"), apps[i]).Allowed ? 1 : 0;
        distinct.Stop();

        Console.WriteLine($"Keelson RBAC, {Environment.ProcessorCount} cores: {policy.Rules.Count} rules, {policy.Bindings.Count} bindings, {projects.Count} projects; alice may sync {allowed} of {n} applications");
        Console.WriteLine($"| {"benchmark",-48} | {"measured",-14} | {"goal",-8} |");
        Console.WriteLine($"|{new string('-', 50)}|{new string('-', 16)}|{new string('-', 10)}|");
        Console.WriteLine($"| {"build an enforcer",-48} | {build.Elapsed.TotalMilliseconds,8:F2} ms    | —        |");
        Console.WriteLine($"| {$"first list of {n:N0} apps (cold enforcer)",-48} | {cold.Elapsed.TotalMilliseconds,8:F2} ms    | < 50 ms  |");
        Console.WriteLine($"| {$"next lists of {n:N0} apps (mean of {Lists})",-48} | {warm.Elapsed.TotalMilliseconds / Lists,8:F3} ms    | < 5 ms   |");
        Console.WriteLine($"| {$"{n:N0} distinct users, one question each",-48} | {distinct.Elapsed.TotalMilliseconds,8:F2} ms    | —        |");
        return Task.FromResult(users > 0 ? 0 : 1);
    }

    private static int List(RbacEnforcer enforcer, RbacClaims claims, List<RbacRequest> apps)
    {
        var allowed = 0;
        foreach (var app in apps) allowed += enforcer.EnforceClaims(claims, app).Allowed ? 1 : 0;
        return allowed;
    }
}
