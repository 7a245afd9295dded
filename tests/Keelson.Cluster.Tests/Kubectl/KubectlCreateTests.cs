using System.Text.Json.Nodes;

namespace Keelson.Cluster.Tests.Kubectl;

/// <summary>
/// kubectl 1.32's typed create commands, which send their objects as application/vnd.kubernetes.protobuf,
/// against the embedded cluster; each stored object is read back with <c>kubectl get -o json</c>.
/// </summary>
public sealed class KubectlCreateTests(KubectlCluster k) : IClassFixture<KubectlCluster>
{
    private async Task<JsonNode> GetJsonAsync(string arguments) => JsonNode.Parse(await k.OkAsync($"get {arguments} -o json"))!;

    private async Task<string> NamespaceAsync(string name)
    {
        Assert.Contains($"namespace/{name} created", await k.OkAsync($"create namespace {name}"));
        return name;
    }

    [Fact]
    public async Task Create_namespace_stores_an_active_namespace_and_answers_in_json()
    {
        // -o json prints the server's answer: kubectl decoded a JSON response to a protobuf request.
        var created = JsonNode.Parse(await k.OkAsync("create namespace typed-ns -o json"))!;
        Assert.Equal("typed-ns", created["metadata"]!["name"]!.ToString());
        Assert.False(string.IsNullOrEmpty(created["metadata"]!["uid"]?.ToString()));
        var ns = await GetJsonAsync("namespace typed-ns");
        Assert.Equal("Namespace", ns["kind"]!.ToString());
        Assert.Equal("Active", ns["status"]!["phase"]!.ToString());
    }

    [Fact]
    public async Task Create_configmap_from_literals_stores_data()
    {
        var ns = await NamespaceAsync("typed-cm");
        Assert.Contains("configmap/settings created", await k.OkAsync($"create configmap settings -n {ns} --from-literal=a=b --from-literal=mode=fast"));
        var cm = await GetJsonAsync($"configmap settings -n {ns}");
        Assert.Equal("b", cm["data"]!["a"]!.ToString());
        Assert.Equal("fast", cm["data"]!["mode"]!.ToString());
    }

    [Fact]
    public async Task Create_secret_generic_stores_base64_data_and_type_Opaque()
    {
        var ns = await NamespaceAsync("typed-secret");
        Assert.Contains("secret/creds created", await k.OkAsync($"create secret generic creds -n {ns} --from-literal=user=admin --from-literal=password=s3cr=t"));
        var secret = await GetJsonAsync($"secret creds -n {ns}");
        Assert.Equal("Opaque", secret["type"]!.ToString());
        Assert.Equal(Convert.ToBase64String("admin"u8), secret["data"]!["user"]!.ToString());
        Assert.Equal(Convert.ToBase64String("s3cr=t"u8), secret["data"]!["password"]!.ToString());
    }

    [Fact]
    public async Task Create_deployment_stores_replicas_image_ports_labels_and_selector()
    {
        var ns = await NamespaceAsync("typed-deploy");
        Assert.Contains("deployment.apps/web created", await k.OkAsync($"create deployment web -n {ns} --image=nginx --replicas=2 --port=80"));
        var deploy = await GetJsonAsync($"deployment web -n {ns}");
        Assert.Equal("web", deploy["metadata"]!["labels"]!["app"]!.ToString());
        Assert.Equal(2, (int)deploy["spec"]!["replicas"]!);
        Assert.Equal("web", deploy["spec"]!["selector"]!["matchLabels"]!["app"]!.ToString());
        var template = deploy["spec"]!["template"]!;
        Assert.Equal("web", template["metadata"]!["labels"]!["app"]!.ToString());
        var container = template["spec"]!["containers"]![0]!;
        Assert.Equal("nginx", container["name"]!.ToString());
        Assert.Equal("nginx", container["image"]!.ToString());
        Assert.Equal(80, (int)container["ports"]![0]!["containerPort"]!);
    }

    [Fact]
    public async Task Create_deployment_with_zero_replicas_keeps_zero()
    {
        var ns = await NamespaceAsync("typed-deploy-zero");
        await k.OkAsync($"create deployment idle -n {ns} --image=nginx --replicas=0");
        Assert.Equal("0", await k.OkAsync($"get deployment idle -n {ns} -o jsonpath={{.spec.replicas}}"));
    }

    [Fact]
    public async Task Create_service_clusterip_stores_port_and_target_port()
    {
        var ns = await NamespaceAsync("typed-svc");
        Assert.Contains("service/api created", await k.OkAsync($"create service clusterip api -n {ns} --tcp=80:8080"));
        var svc = await GetJsonAsync($"service api -n {ns}");
        Assert.Equal("ClusterIP", svc["spec"]!["type"]!.ToString());
        var port = svc["spec"]!["ports"]![0]!;
        Assert.Equal(80, (int)port["port"]!);
        Assert.Equal(8080, (int)port["targetPort"]!);
        Assert.Equal("TCP", port["protocol"]!.ToString());
        Assert.Equal("api", svc["spec"]!["selector"]!["app"]!.ToString());
    }

    [Fact]
    public async Task Create_serviceaccount()
    {
        var ns = await NamespaceAsync("typed-sa");
        Assert.Contains("serviceaccount/robot created", await k.OkAsync($"create serviceaccount robot -n {ns}"));
        Assert.Equal("robot", (await GetJsonAsync($"serviceaccount robot -n {ns}"))["metadata"]!["name"]!.ToString());
    }

    [Fact]
    public async Task Create_job_stores_image_and_command()
    {
        var ns = await NamespaceAsync("typed-job");
        Assert.Contains("job.batch/once created", await k.OkAsync($"create job once -n {ns} --image=busybox -- echo hello"));
        var job = await GetJsonAsync($"job once -n {ns}");
        var container = job["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("busybox", container["image"]!.ToString());
        Assert.Equal("""["echo","hello"]""", container["command"]!.ToJsonString());
        Assert.Equal("Never", job["spec"]!["template"]!["spec"]!["restartPolicy"]!.ToString());
    }

    [Fact]
    public async Task Create_cronjob_stores_schedule_and_job_template()
    {
        var ns = await NamespaceAsync("typed-cron");
        Assert.Contains("cronjob.batch/tick created", await k.OkAsync($"create cronjob tick -n {ns} --image=busybox --schedule='*/5 * * * *' -- date"));
        var cron = await GetJsonAsync($"cronjob tick -n {ns}");
        Assert.Equal("*/5 * * * *", cron["spec"]!["schedule"]!.ToString());
        var container = cron["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("busybox", container["image"]!.ToString());
        Assert.Equal("""["date"]""", container["command"]!.ToJsonString());
    }

    [Fact]
    public async Task Create_role_and_rolebinding_store_rules_subjects_and_role_ref()
    {
        var ns = await NamespaceAsync("typed-rbac");
        Assert.Contains("role.rbac.authorization.k8s.io/reader created", await k.OkAsync($"create role reader -n {ns} --verb=get,list --resource=pods,deployments.apps"));
        var role = await GetJsonAsync($"role reader -n {ns}");
        var rules = role["rules"]!.AsArray();
        Assert.Contains(rules, r => r!["resources"]![0]!.ToString() == "pods" && r["apiGroups"]![0]!.ToString() == "" && r["verbs"]!.ToJsonString() == """["get","list"]""");
        Assert.Contains(rules, r => r!["resources"]![0]!.ToString() == "deployments" && r["apiGroups"]![0]!.ToString() == "apps");

        Assert.Contains("rolebinding.rbac.authorization.k8s.io/reader-binding created",
            await k.OkAsync($"create rolebinding reader-binding -n {ns} --role=reader --user=alice --serviceaccount={ns}:robot"));
        var binding = await GetJsonAsync($"rolebinding reader-binding -n {ns}");
        Assert.Equal("Role", binding["roleRef"]!["kind"]!.ToString());
        Assert.Equal("reader", binding["roleRef"]!["name"]!.ToString());
        Assert.Equal("rbac.authorization.k8s.io", binding["roleRef"]!["apiGroup"]!.ToString());
        var subjects = binding["subjects"]!.AsArray();
        Assert.Contains(subjects, s => s!["kind"]!.ToString() == "User" && s["name"]!.ToString() == "alice");
        Assert.Contains(subjects, s => s!["kind"]!.ToString() == "ServiceAccount" && s["name"]!.ToString() == "robot" && s["namespace"]!.ToString() == ns);
    }

    [Fact]
    public async Task Create_clusterrole_and_clusterrolebinding()
    {
        Assert.Contains("clusterrole.rbac.authorization.k8s.io/node-viewer created", await k.OkAsync("create clusterrole node-viewer --verb=get,watch --resource=nodes"));
        var role = await GetJsonAsync("clusterrole node-viewer");
        Assert.Equal("nodes", role["rules"]![0]!["resources"]![0]!.ToString());
        Assert.Equal("""["get","watch"]""", role["rules"]![0]!["verbs"]!.ToJsonString());

        Assert.Contains("clusterrolebinding.rbac.authorization.k8s.io/node-viewers created", await k.OkAsync("create clusterrolebinding node-viewers --clusterrole=node-viewer --group=devs"));
        var binding = await GetJsonAsync("clusterrolebinding node-viewers");
        Assert.Equal("ClusterRole", binding["roleRef"]!["kind"]!.ToString());
        Assert.Equal("Group", binding["subjects"]![0]!["kind"]!.ToString());
        Assert.Equal("devs", binding["subjects"]![0]!["name"]!.ToString());
    }

    [Fact]
    public async Task Create_quota_stores_hard_limits()
    {
        var ns = await NamespaceAsync("typed-quota");
        Assert.Contains("resourcequota/limits created", await k.OkAsync($"create quota limits -n {ns} --hard=cpu=1,memory=1Gi,pods=10"));
        var hard = (await GetJsonAsync($"resourcequota limits -n {ns}"))["spec"]!["hard"]!;
        Assert.Equal("1", hard["cpu"]!.ToString());
        Assert.Equal("1Gi", hard["memory"]!.ToString());
        Assert.Equal("10", hard["pods"]!.ToString());
    }

    [Fact]
    public async Task Create_poddisruptionbudget_stores_min_available_and_selector()
    {
        var ns = await NamespaceAsync("typed-pdb");
        Assert.Contains("poddisruptionbudget.policy/web created", await k.OkAsync($"create poddisruptionbudget web -n {ns} --selector=app=web --min-available=1"));
        var pdb = await GetJsonAsync($"poddisruptionbudget web -n {ns}");
        Assert.Equal(1, (int)pdb["spec"]!["minAvailable"]!);
        Assert.Equal("web", pdb["spec"]!["selector"]!["matchLabels"]!["app"]!.ToString());

        await k.OkAsync($"create pdb half -n {ns} --selector=app=web --max-unavailable=50%");
        Assert.Equal("50%", (await GetJsonAsync($"pdb half -n {ns}"))["spec"]!["maxUnavailable"]!.ToString());
    }

    [Fact]
    public async Task Create_priorityclass_stores_value_and_description()
    {
        Assert.Contains("priorityclass.scheduling.k8s.io/typed-high created", await k.OkAsync("create priorityclass typed-high --value=1000 --description='for important pods'"));
        var pc = await GetJsonAsync("priorityclass typed-high");
        Assert.Equal(1000, (int)pc["value"]!);
        Assert.Equal("for important pods", pc["description"]!.ToString());
    }

    [Fact]
    public async Task Create_ingress_stores_rules_with_host_path_and_backend()
    {
        var ns = await NamespaceAsync("typed-ingress");
        Assert.Contains("ingress.networking.k8s.io/site created", await k.OkAsync($"create ingress site -n {ns} --class=nginx --rule=foo.example.com/bar=svc1:8080"));
        var ing = await GetJsonAsync($"ingress site -n {ns}");
        Assert.Equal("nginx", ing["spec"]!["ingressClassName"]!.ToString());
        var rule = ing["spec"]!["rules"]![0]!;
        Assert.Equal("foo.example.com", rule["host"]!.ToString());
        var path = rule["http"]!["paths"]![0]!;
        Assert.Equal("/bar", path["path"]!.ToString());
        Assert.Equal("Exact", path["pathType"]!.ToString());
        Assert.Equal("svc1", path["backend"]!["service"]!["name"]!.ToString());
        Assert.Equal(8080, (int)path["backend"]!["service"]!["port"]!["number"]!);
    }

    [Fact]
    public async Task Create_of_an_existing_object_reports_already_exists()
    {
        var ns = await NamespaceAsync("typed-exists");
        await k.OkAsync($"create configmap twice -n {ns} --from-literal=a=1");
        var again = await k.RunAsync($"create configmap twice -n {ns} --from-literal=a=1");
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("already exists", again.Stderr);
    }
}
