using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Resources;

namespace Keelson.Cluster.Tests.Catalog;

public class DefaulterTests
{
    public static TheoryData<string> Cases() =>
        new(Directory.GetDirectories(TestObjects.TestData("defaulting")).Select(Path.GetFileName).OfType<string>().Order());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Defaults_match_a_real_apiserver(string name)
    {
        var input = TestObjects.Parse(File.ReadAllText(TestObjects.TestData("defaulting", name, "input.json")));
        var expected = JsonNode.Parse(File.ReadAllText(TestObjects.TestData("defaulting", name, "expected.json")));
        var type = ResourceCatalog.CreateBuiltin().FindByKind(input.GetGroupVersionKind())!;

        Defaulter.Apply(type, input, () => "10.96.0.10", () => 30080);

        Assert.True(JsonNode.DeepEquals(expected, input), $"{name}: got {input.ToJsonString()}");
    }

    [Fact]
    public void Fixture_folders_exist()
    {
        Assert.True(Cases().Count >= 6);
    }

    [Fact]
    public void Defaulting_twice_changes_nothing_more()
    {
        var catalog = ResourceCatalog.CreateBuiltin();
        foreach (var name in Cases())
        {
            var obj = TestObjects.Parse(File.ReadAllText(TestObjects.TestData("defaulting", name, "input.json")));
            var type = catalog.FindByKind(obj.GetGroupVersionKind())!;
            Defaulter.Apply(type, obj, () => "10.96.0.10", () => 30080);
            var once = obj.DeepClone();
            Defaulter.Apply(type, obj, () => "10.96.0.99", () => 31000);
            Assert.True(JsonNode.DeepEquals(once, obj), name);
        }
    }

    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("nginx:1.27", "IfNotPresent")]
    [InlineData("localhost:5000/nginx", "Always")]
    [InlineData("localhost:5000/nginx:v2", "IfNotPresent")]
    [InlineData("nginx@sha256:abc", "IfNotPresent")]
    public void Image_pull_policy_follows_the_tag(string image, string policy) =>
        Assert.Equal(policy, Defaulter.PullPolicy(image));

    [Fact]
    public void Headless_service_gets_no_allocated_ip()
    {
        var svc = TestObjects.Parse("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"db"},"spec":{"clusterIP":"None","ports":[{"port":5432}]}}""");
        Defaulter.Apply(ResourceCatalog.CreateBuiltin().Find("", "v1", "services")!, svc, () => throw new InvalidOperationException("must not allocate"));
        Assert.Equal("""["None"]""", svc.GetPath("spec", "clusterIPs")!.ToJsonString());
    }

    [Fact]
    public void Namespace_gets_finalizer_phase_and_name_label()
    {
        var ns = TestObjects.Parse("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"demo"}}""");
        Defaulter.Apply(ResourceCatalog.CreateBuiltin().Find("", "v1", "namespaces")!, ns);
        Assert.Equal("""{"finalizers":["kubernetes"]}""", ns["spec"]!.ToJsonString());
        Assert.Equal("Active", ns.GetPath("status", "phase")!.GetValue<string>());
        Assert.Equal("demo", ns.GetLabels()["kubernetes.io/metadata.name"]);
    }

    [Fact]
    public void Custom_resources_get_schema_defaults()
    {
        var type = Assert.Single(CrdTypes.FromCrd(TestObjects.ApplicationCrd(), out _));
        var app = TestObjects.Parse("""{"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":"guestbook"},"spec":{"project":"default","destination":{},"source":{"repoURL":"https://example.com/repo.git"}}}""");
        Defaulter.Apply(type, app);
        Assert.Equal("HEAD", app.GetPath("spec", "source", "targetRevision")!.GetValue<string>());
        Assert.Equal(10, app.GetPath("spec", "revisionHistoryLimit")!.GetValue<int>());
        Assert.Null(app.GetPath("spec", "syncPolicy"));
    }

    [Fact]
    public void Secret_type_and_network_policy_types()
    {
        var catalog = ResourceCatalog.CreateBuiltin();
        var secret = TestObjects.Parse("""{"metadata":{"name":"s"}}""");
        Defaulter.Apply(catalog.Find("", "v1", "secrets")!, secret);
        Assert.Equal("Opaque", secret.GetString("type"));
        var netpol = TestObjects.Parse("""{"metadata":{"name":"n"},"spec":{"podSelector":{},"egress":[{"ports":[{"port":53}]}]}}""");
        Defaulter.Apply(catalog.Find("networking.k8s.io", "v1", "networkpolicies")!, netpol);
        Assert.Equal("""["Ingress","Egress"]""", netpol.GetPath("spec", "policyTypes")!.ToJsonString());
        Assert.Equal("TCP", netpol["spec"]!["egress"]![0]!["ports"]![0]!["protocol"]!.GetValue<string>());
    }
}
