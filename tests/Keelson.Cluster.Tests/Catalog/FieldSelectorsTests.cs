using Keelson.Cluster.Catalog;

namespace Keelson.Cluster.Tests.Catalog;

public class FieldSelectorsTests
{
    private static readonly ResourceCatalog Catalog = ResourceCatalog.CreateBuiltin();

    [Fact]
    public void Name_and_namespace_for_every_resource()
    {
        foreach (var t in Catalog.All)
        {
            Assert.True(FieldSelectors.IsSupported(t, "metadata.name"));
            Assert.True(FieldSelectors.IsSupported(t, "metadata.namespace"));
        }
        Assert.False(FieldSelectors.IsSupported(Catalog.Find("apps", "v1", "deployments")!, "spec.replicas"));
    }

    [Fact]
    public void Pod_fields()
    {
        var pods = Catalog.Find("", "v1", "pods")!;
        var pod = TestObjects.Parse("""{"metadata":{"name":"p","namespace":"demo"},"spec":{"nodeName":"n1"},"status":{"phase":"Running"}}""");
        Assert.Equal("p", FieldSelectors.Value(pods, pod, "metadata.name"));
        Assert.Equal("demo", FieldSelectors.Value(pods, pod, "metadata.namespace"));
        Assert.Equal("n1", FieldSelectors.Value(pods, pod, "spec.nodeName"));
        Assert.Equal("Running", FieldSelectors.Value(pods, pod, "status.phase"));
        Assert.Equal("", FieldSelectors.Value(pods, pod, "status.podIP"));
        Assert.Null(FieldSelectors.Value(pods, pod, "spec.containers"));
    }

    [Fact]
    public void Event_secret_node_and_job_fields()
    {
        var ev = TestObjects.Parse("""{"metadata":{"name":"e"},"involvedObject":{"kind":"Pod","name":"web-1"},"reason":"Pulled","type":"Normal","source":{"component":"kubelet"}}""");
        var events = Catalog.Find("", "v1", "events")!;
        Assert.Equal("Pod", FieldSelectors.Value(events, ev, "involvedObject.kind"));
        Assert.Equal("kubelet", FieldSelectors.Value(events, ev, "source"));
        Assert.Equal("Opaque", FieldSelectors.Value(Catalog.Find("", "v1", "secrets")!, TestObjects.Parse("""{"type":"Opaque"}"""), "type"));
        Assert.Equal("false", FieldSelectors.Value(Catalog.Find("", "v1", "nodes")!, TestObjects.Parse("""{"metadata":{"name":"n"}}"""), "spec.unschedulable"));
        Assert.Equal("1", FieldSelectors.Value(Catalog.Find("batch", "v1", "jobs")!, TestObjects.Parse("""{"status":{"succeeded":1}}"""), "status.successful"));
    }
}
