namespace Keelson.Cluster.Tests.Kubectl;

/// <summary>
/// Real kubectl 1.32 reading the OpenAPI v3 documents: client-side apply computes its strategic merge patch from
/// them (no "error calculating patch" fallback), and kubectl explain walks them.
/// </summary>
public sealed class KubectlOpenApiTests(KubectlCluster k) : IClassFixture<KubectlCluster>
{
    private static string Deployment(string ns, string image, params string[] extraContainers)
    {
        var extra = string.Concat(extraContainers.Select(c => $"""

                  - name: {c}
                    image: busybox:1.36
            """));
        return $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: {ns}
            spec:
              replicas: 1
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                  - name: web
                    image: {image}
                    ports:
                    - containerPort: 80{extra}
            """;
    }

    private async Task<string> NamespaceAsync(string name)
    {
        await k.OkAsync("apply -f -", $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n");
        return name;
    }

    private async Task<string> ApplyAsync(string file)
    {
        var result = await k.RunAsync($"apply -f {file}");
        Assert.True(result.ExitCode == 0, $"kubectl apply failed:\n{result}");
        Assert.DoesNotContain("error calculating patch", result.Stderr);
        Assert.DoesNotContain("warning", result.Stderr, StringComparison.OrdinalIgnoreCase);
        return result.Stdout;
    }

    [Fact]
    public async Task Apply_of_a_changed_image_configures_without_falling_back()
    {
        var ns = await NamespaceAsync("openapi-image");
        var file = k.WriteFile("image/deploy.yaml", Deployment(ns, "nginx:1.27"));
        Assert.Contains("deployment.apps/web created", await ApplyAsync(file));
        k.WriteFile("image/deploy.yaml", Deployment(ns, "nginx:1.28"));
        Assert.Contains("deployment.apps/web configured", await ApplyAsync(file));
        Assert.Equal("nginx:1.28", await k.OkAsync($"get deploy web -n {ns} -o jsonpath={{.spec.template.spec.containers[0].image}}"));
        Assert.Contains("deployment.apps/web unchanged", await ApplyAsync(file));
    }

    [Fact]
    public async Task Apply_merges_containers_by_name_and_removes_those_dropped_from_the_file()
    {
        var ns = await NamespaceAsync("openapi-merge");
        var file = k.WriteFile("merge/deploy.yaml", Deployment(ns, "nginx:1.27"));
        await ApplyAsync(file);
        // A field set by another actor survives the three-way merge.
        const string pullAlways = """{"spec":{"template":{"spec":{"containers":[{"name":"web","imagePullPolicy":"Always"}]}}}}""";
        await k.OkAsync($"patch deploy web -n {ns} --type strategic -p '{pullAlways}'");

        k.WriteFile("merge/deploy.yaml", Deployment(ns, "nginx:1.27", "sidecar"));
        Assert.Contains("configured", await ApplyAsync(file));
        Assert.Equal("web sidecar", await k.OkAsync($"get deploy web -n {ns} -o jsonpath={{.spec.template.spec.containers[*].name}}"));
        Assert.Equal("Always", await k.OkAsync($"get deploy web -n {ns} -o jsonpath={{.spec.template.spec.containers[0].imagePullPolicy}}"));

        k.WriteFile("merge/deploy.yaml", Deployment(ns, "nginx:1.27"));
        Assert.Contains("configured", await ApplyAsync(file));
        Assert.Equal("web", await k.OkAsync($"get deploy web -n {ns} -o jsonpath={{.spec.template.spec.containers[*].name}}"));
        Assert.Equal("Always", await k.OkAsync($"get deploy web -n {ns} -o jsonpath={{.spec.template.spec.containers[0].imagePullPolicy}}"));
    }

    [Fact]
    public async Task Apply_of_other_built_in_kinds_does_not_fall_back()
    {
        var ns = await NamespaceAsync("openapi-kinds");
        string Manifest(string value) => $"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: {ns}
              labels:
                tier: {value}
            data:
              key: {value}
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              namespace: {ns}
            spec:
              selector:
                app: web
              ports:
              - name: http
                port: 80
                targetPort: {value}
            """;
        var file = k.WriteFile("kinds/all.yaml", Manifest("one"));
        await ApplyAsync(file);
        k.WriteFile("kinds/all.yaml", Manifest("two"));
        var output = await ApplyAsync(file);
        Assert.Contains("configmap/settings configured", output);
        Assert.Contains("service/web configured", output);
        Assert.Equal("two", await k.OkAsync($"get svc web -n {ns} -o jsonpath={{.spec.ports[0].targetPort}}"));
    }

    [Fact]
    public async Task Apply_of_a_changed_crd_and_custom_resource_does_not_fall_back()
    {
        static string Crd(string extraField) => $"""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.openapi.example.org
            spec:
              group: openapi.example.org
              scope: Namespaced
              names:
                plural: widgets
                singular: widget
                kind: Widget
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
                          {extraField}:
                            type: string
            """;
        var crdFile = k.WriteFile("crd/crd.yaml", Crd("size"));
        await ApplyAsync(crdFile);
        k.WriteFile("crd/crd.yaml", Crd("shape"));
        Assert.Contains("configured", await ApplyAsync(crdFile));
        await k.OkAsync("wait --for=condition=Established crd/widgets.openapi.example.org --timeout=20s");

        var ns = await NamespaceAsync("openapi-widgets");
        string Widget(string color) => $"apiVersion: openapi.example.org/v1\nkind: Widget\nmetadata:\n  name: w1\n  namespace: {ns}\nspec:\n  color: {color}\n";
        var file = k.WriteFile("crd/w1.yaml", Widget("red"));
        await ApplyAsync(file);
        k.WriteFile("crd/w1.yaml", Widget("blue"));
        Assert.Contains("widget.openapi.example.org/w1 configured", await ApplyAsync(file));
        Assert.Equal("blue", await k.OkAsync($"get widget w1 -n {ns} -o jsonpath={{.spec.color}}"));
    }

    [Fact]
    public async Task Explain_prints_a_nested_field()
    {
        var output = await k.OkAsync("explain deployment.spec.replicas");
        Assert.Contains("GROUP:      apps", output);
        Assert.Contains("KIND:       Deployment", output);
        Assert.Contains("VERSION:    v1", output);
        Assert.Contains("FIELD: replicas <integer>", output);
    }

    [Fact]
    public async Task Explain_lists_the_fields_of_pod_containers()
    {
        var output = await k.OkAsync("explain pods.spec.containers");
        Assert.Contains("KIND:       Pod", output);
        Assert.Contains("FIELD: containers <[]Container>", output);
        Assert.Matches(@"\n\s+image\s+<string>", output);
        Assert.Matches(@"\n\s+ports\s+<\[\]ContainerPort>", output);
        Assert.Matches(@"\n\s+resources\s+<ResourceRequirements>", output);
        Assert.Matches(@"\n\s+env\s+<\[\]EnvVar>", output);
        var resources = await k.OkAsync("explain pods.spec.containers.resources");
        Assert.Matches(@"\n\s+limits\s+<map\[string\]Quantity>", resources);
    }

    [Fact]
    public async Task Explain_recursive_walks_the_whole_schema()
    {
        var output = await k.OkAsync("explain deployment.spec.strategy --recursive");
        Assert.Matches(@"\n\s+rollingUpdate\s+<RollingUpdateDeployment>", output);
        Assert.Matches(@"\n\s+maxSurge\s+<IntOrString>", output);
        Assert.Matches(@"\n\s+type\s+<string>", output);
    }
}
