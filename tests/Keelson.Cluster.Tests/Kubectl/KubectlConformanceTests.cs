using System.Text.Json.Nodes;

namespace Keelson.Cluster.Tests.Kubectl;

/// <summary>Real kubectl 1.32 against the embedded cluster: the commands a GitOps user runs every day.</summary>
public sealed class KubectlConformanceTests(KubectlCluster k) : IClassFixture<KubectlCluster>
{
    private static string Deployment(string ns, string name = "web", int replicas = 1, string image = "nginx:1.27") => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          namespace: {ns}
          labels:
            app: {name}
        spec:
          replicas: {replicas}
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              containers:
              - name: web
                image: {image}
                ports:
                - containerPort: 80
        """;

    private async Task<string> NamespaceAsync(string name)
    {
        await k.OkAsync($"create namespace {name}");
        return name;
    }

    [Fact]
    public async Task Version_reports_server_1_32()
    {
        var json = JsonNode.Parse(await k.OkAsync("version -o json"))!;
        Assert.Equal("32", json["serverVersion"]!["minor"]!.ToString());
        Assert.StartsWith("v1.32", json["clientVersion"]!["gitVersion"]!.ToString());
    }

    [Fact]
    public async Task Api_resources_lists_built_in_kinds_with_short_names()
    {
        var output = await k.OkAsync("api-resources");
        Assert.Matches(@"deployments\s+deploy\s+apps/v1\s+true\s+Deployment", output);
        Assert.Matches(@"namespaces\s+ns\s+v1\s+false\s+Namespace", output);
        Assert.Matches(@"customresourcedefinitions\s+crd,crds\s+apiextensions.k8s.io/v1\s+false\s+CustomResourceDefinition", output);
    }

    [Fact]
    public async Task Get_namespaces_and_pods_in_all_namespaces()
    {
        var ns = await k.OkAsync("get namespaces");
        Assert.Matches(@"default\s+Active", ns);
        var pods = await k.RunAsync("get pods -A");
        Assert.Equal(0, pods.ExitCode);
        // Other tests' Deployments have pods by now; an empty namespace has none.
        var empty = await NamespaceAsync("no-pods");
        Assert.Contains("No resources found", (await k.RunAsync($"get pods -n {empty}")).Stderr);
    }

    [Fact]
    public async Task Apply_creates_then_configures_then_leaves_unchanged()
    {
        var ns = await NamespaceAsync("apply-csa");
        var file = k.WriteFile("csa/deploy.yaml", Deployment(ns));
        Assert.Contains("deployment.apps/web created", await k.OkAsync($"apply -f {file}"));
        Assert.Contains("deployment.apps/web unchanged", await k.OkAsync($"apply -f {file}"));
        k.WriteFile("csa/deploy.yaml", Deployment(ns, replicas: 3));
        Assert.Contains("deployment.apps/web configured", await k.OkAsync($"apply -f {file}"));
        Assert.Equal("3", await k.OkAsync($"get deploy web -n {ns} -o jsonpath={{.spec.replicas}}"));
    }

    [Fact]
    public async Task Get_deployments_in_every_output_format()
    {
        var ns = await NamespaceAsync("outputs");
        await k.OkAsync($"apply -f {k.WriteFile("outputs/d.yaml", Deployment(ns))}");
        Assert.Contains("kind: Deployment", await k.OkAsync($"get deployments -n {ns} -o yaml"));
        var json = JsonNode.Parse(await k.OkAsync($"get deployments -n {ns} -o json"))!;
        Assert.Equal("web", json["items"]![0]!["metadata"]!["name"]!.ToString());
        var wide = await k.OkAsync($"get deployments -n {ns} -o wide");
        Assert.Matches(@"NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR", wide);
        Assert.Matches(@"web\s+\S+\s+\d+\s+\d+\s+\S+\s+web\s+nginx:1.27\s+app=web", wide);
        Assert.Equal("deployment.apps/web", (await k.OkAsync($"get deployments -n {ns} -o name")).Trim());
    }

    [Fact]
    public async Task Server_side_apply_creates_updates_conflicts_and_forces()
    {
        var ns = await NamespaceAsync("apply-ssa");
        var file = k.WriteFile("ssa/deploy.yaml", Deployment(ns));
        Assert.Contains("serverside-applied", await k.OkAsync($"apply --server-side -f {file}"));
        k.WriteFile("ssa/deploy.yaml", Deployment(ns, replicas: 2));
        Assert.Contains("serverside-applied", await k.OkAsync($"apply --server-side -f {file}"));

        k.WriteFile("ssa/other.yaml", Deployment(ns, replicas: 5));
        var conflict = await k.RunAsync($"apply --server-side --field-manager=other -f {Path.Combine(k.WorkDir, "ssa/other.yaml")}");
        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Contains("conflict", conflict.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(".spec.replicas", conflict.Stderr);

        await k.OkAsync($"apply --server-side --field-manager=other --force-conflicts -f {Path.Combine(k.WorkDir, "ssa/other.yaml")}");
        Assert.Equal("5", await k.OkAsync($"get deploy web -n {ns} -o jsonpath={{.spec.replicas}}"));
    }

    [Fact]
    public async Task Apply_k_renders_a_kustomization_client_side()
    {
        k.WriteFile("kust/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kust\n");
        k.WriteFile("kust/deploy.yaml", Deployment("kust"));
        k.WriteFile("kust/kustomization.yaml", "resources:\n- ns.yaml\n- deploy.yaml\ncommonLabels:\n  team: blue\n");
        var output = await k.OkAsync($"apply -k {Path.Combine(k.WorkDir, "kust")}");
        Assert.Contains("namespace/kust created", output);
        Assert.Contains("deployment.apps/web created", output);
        Assert.Equal("blue", await k.OkAsync("get deploy web -n kust -o jsonpath={.metadata.labels.team}"));
    }

    [Fact]
    public async Task Diff_exits_0_when_unchanged_and_1_when_changed()
    {
        var ns = await NamespaceAsync("diff");
        var file = k.WriteFile("diff/deploy.yaml", Deployment(ns));
        await k.OkAsync($"apply -f {file}");
        var same = await k.RunAsync($"diff -f {file}");
        Assert.True(same.ExitCode == 0, same.ToString());
        k.WriteFile("diff/deploy.yaml", Deployment(ns, image: "nginx:1.28"));
        var changed = await k.RunAsync($"diff -f {file}");
        Assert.True(changed.ExitCode == 1, changed.ToString());
        Assert.Contains("nginx:1.28", changed.Stdout);
        Assert.Equal("nginx:1.27", await k.OkAsync($"get deploy web -n {ns} -o jsonpath={{.spec.template.spec.containers[0].image}}"));
    }

    [Fact]
    public async Task Patch_merge_json_and_strategic()
    {
        var ns = await NamespaceAsync("patch");
        await k.OkAsync($"apply -f {k.WriteFile("patch/d.yaml", Deployment(ns))}");
        await k.OkAsync($"patch deploy web -n {ns} --type=merge -p '{{\"spec\":{{\"replicas\":2}}}}'");
        await k.OkAsync($"patch deploy web -n {ns} --type=json -p '[{{\"op\":\"add\",\"path\":\"/spec/minReadySeconds\",\"value\":5}}]'");
        await k.OkAsync($"patch deploy web -n {ns} -p '{{\"spec\":{{\"template\":{{\"spec\":{{\"containers\":[{{\"name\":\"web\",\"image\":\"nginx:1.29\"}}]}}}}}}}}'");
        var d = JsonNode.Parse(await k.OkAsync($"get deploy web -n {ns} -o json"))!;
        Assert.Equal(2, d["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(5, d["spec"]!["minReadySeconds"]!.GetValue<int>());
        var container = d["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("nginx:1.29", container["image"]!.ToString());
        Assert.Equal(80, container["ports"]![0]!["containerPort"]!.GetValue<int>());
    }

    [Fact]
    public async Task Label_annotate_and_scale()
    {
        var ns = await NamespaceAsync("meta");
        await k.OkAsync($"apply -f {k.WriteFile("meta/d.yaml", Deployment(ns))}");
        Assert.Contains("labeled", await k.OkAsync($"label deploy web -n {ns} tier=frontend"));
        Assert.Contains("annotated", await k.OkAsync($"annotate deploy web -n {ns} owner=team-a"));
        Assert.Contains("scaled", await k.OkAsync($"scale deploy web -n {ns} --replicas=4"));
        var d = JsonNode.Parse(await k.OkAsync($"get deploy web -n {ns} -o json"))!;
        Assert.Equal("frontend", d["metadata"]!["labels"]!["tier"]!.ToString());
        Assert.Equal("team-a", d["metadata"]!["annotations"]!["owner"]!.ToString());
        Assert.Equal(4, d["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Delete_f_removes_what_the_file_describes()
    {
        var ns = await NamespaceAsync("delete");
        var file = k.WriteFile("delete/d.yaml", Deployment(ns));
        await k.OkAsync($"apply -f {file}");
        Assert.Contains("deleted", await k.OkAsync($"delete -f {file}"));
        var get = await k.RunAsync($"get deploy web -n {ns}");
        Assert.NotEqual(0, get.ExitCode);
        Assert.Contains("NotFound", get.Stderr);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Delete_cascade_foreground_waits_until_pods_and_replica_sets_are_gone(bool rolledOut)
    {
        var ns = await NamespaceAsync(rolledOut ? "cascade-rolled" : "cascade-fresh");
        await k.OkAsync("apply -f -", Deployment(ns, replicas: 3));
        if (rolledOut) await k.OkAsync($"rollout status deploy/web -n {ns} --timeout=30s");

        // kubectl waits for the Deployment to go, which the garbage collector allows only once its ReplicaSet (and so
        // every pod) is gone.
        Assert.Contains("deleted", await k.OkAsync($"delete deployment web -n {ns} --cascade=foreground --timeout=20s"));
        Assert.Contains("No resources found", (await k.RunAsync($"get deploy,rs,pods -n {ns}")).Stderr);
    }

    [Fact]
    public async Task Get_watch_prints_new_objects_as_they_arrive()
    {
        var ns = await NamespaceAsync("watch");
        using var watch = k.Start($"get configmaps -n {ns} -w");
        try
        {
            var lines = new System.Collections.Concurrent.BlockingCollection<string>();
            _ = Task.Run(async () =>
            {
                while (await watch.StandardOutput.ReadLineAsync() is { } line) lines.Add(line);
            });
            // Wait for the watch to be established by creating objects until one shows up.
            var deadline = DateTime.UtcNow.AddSeconds(20);
            var seen = false;
            for (var i = 0; !seen && DateTime.UtcNow < deadline; i++)
            {
                await k.OkAsync("apply -f -", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: watched-{i}\n  namespace: {ns}\ndata:\n  a: b\n");
                while (lines.TryTake(out var line, TimeSpan.FromMilliseconds(500)))
                {
                    if (line.StartsWith("watched-", StringComparison.Ordinal)) seen = true;
                }
            }
            Assert.True(seen, "kubectl get -w printed no watched-* ConfigMap");
        }
        finally
        {
            watch.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Crd_and_custom_resource_work_with_short_names()
    {
        var crd = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: gadgets.example.org
            spec:
              group: example.org
              scope: Namespaced
              names:
                plural: gadgets
                singular: gadget
                kind: Gadget
                shortNames: [gd]
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        properties:
                          color:
                            type: string
            """;
        await k.OkAsync($"apply -f {k.WriteFile("crd/crd.yaml", crd)}");
        await k.OkAsync("wait --for=condition=Established crd/gadgets.example.org --timeout=20s");
        var ns = await NamespaceAsync("gadgets");
        var cr = $"apiVersion: example.org/v1\nkind: Gadget\nmetadata:\n  name: g1\n  namespace: {ns}\nspec:\n  color: red\n";
        Assert.Contains("gadget.example.org/g1 created", await k.OkAsync($"apply -f {k.WriteFile("crd/g1.yaml", cr)}"));
        Assert.Contains("g1", await k.OkAsync($"get gd -n {ns}"));
        Assert.Equal("red", await k.OkAsync($"get gadget g1 -n {ns} -o jsonpath={{.spec.color}}"));
        Assert.Contains("gadget.example.org/g1 unchanged", await k.OkAsync($"apply -f {Path.Combine(k.WorkDir, "crd/g1.yaml")}"));
    }

    [Fact]
    public async Task Create_replace_and_get_all_keep_the_service_cluster_ip()
    {
        var ns = await NamespaceAsync("replace");
        var service = $"apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: {ns}\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n";
        var file = k.WriteFile("replace/all.yaml", Deployment(ns) + "\n---\n" + service);
        var created = await k.OkAsync($"create -f {file}");
        Assert.Contains("deployment.apps/web created", created);
        Assert.Contains("service/web created", created);
        var ip = await k.OkAsync($"get svc web -n {ns} -o jsonpath={{.spec.clusterIP}}");
        var replaced = await k.OkAsync($"replace -f {file}");
        Assert.Contains("service/web replaced", replaced);
        Assert.Equal(ip, await k.OkAsync($"get svc web -n {ns} -o jsonpath={{.spec.clusterIP}}"));
        var all = await k.OkAsync($"get all -n {ns}");
        Assert.Contains("deployment.apps/web", all);
        Assert.Contains("service/web", all);
    }

    [Fact]
    public async Task Auth_can_i_and_whoami_answer_for_the_admin_token()
    {
        Assert.Equal("yes", (await k.OkAsync("auth can-i create deployments")).Trim());
        Assert.Contains("keelson-admin", await k.OkAsync("auth whoami"));
    }

    [Fact]
    public async Task Invalid_object_is_reported_with_its_field()
    {
        var ns = await NamespaceAsync("invalid");
        var result = await k.RunAsync("apply -f -", Deployment(ns).Replace("image: nginx:1.27", "image: \"\""));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("spec.template.spec.containers[0].image: Required value", result.Stderr);
    }
}
