using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;

namespace Keelson.Cluster.Tests.Catalog;

public class TableConverterTests
{
    private static readonly ResourceCatalog Catalog = ResourceCatalog.CreateBuiltin();
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2025-01-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static List<string> Names(JsonObject table) => table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList();

    private static List<string> Cells(JsonObject table, int row = 0) => table["rows"]![row]!["cells"]!.AsArray().Select(c => c is JsonValue v && v.TryGetValue<string>(out var s) ? s : c?.ToJsonString() ?? "null").ToList();

    [Theory]
    [InlineData(5, "5s")]
    [InlineData(119, "119s")]
    [InlineData(200, "3m20s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 + 60, "3h1m")]
    [InlineData(2 * 86400, "2d")]
    [InlineData(3 * 86400 + 3600 * 4, "3d4h")]
    [InlineData(400 * 86400, "400d")]
    public void Human_duration(int seconds, string expected) => Assert.Equal(expected, TableConverter.HumanDuration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Pods_show_ready_status_restarts_age_and_wide_columns()
    {
        var pod = TestObjects.Parse("""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","namespace":"demo","creationTimestamp":"2025-01-01T11:56:40Z","labels":{"app":"web"}},
         "spec":{"nodeName":"node-1","containers":[{"name":"a","image":"x"},{"name":"b","image":"y"}]},
         "status":{"phase":"Pending","podIP":"10.244.0.5","containerStatuses":[
           {"name":"a","ready":true,"restartCount":2,"state":{"running":{}}},
           {"name":"b","ready":false,"restartCount":1,"state":{"waiting":{"reason":"ImagePullBackOff"}}}]}}
        """);
        var table = TableConverter.ToTable(Catalog.Find("", "v1", "pods")!, [pod], "42", Now);
        Assert.Equal("Table", table["kind"]!.GetValue<string>());
        Assert.Equal("42", table["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"], Names(table));
        Assert.Equal(["web-1", "1/2", "ImagePullBackOff", "3", "3m20s", "10.244.0.5", "node-1", "<none>", "<none>"], Cells(table));
        Assert.Equal(1, table["columnDefinitions"]![5]!["priority"]!.GetValue<int>());
        var obj = table["rows"]![0]!["object"]!;
        Assert.Equal("PartialObjectMetadata", obj["kind"]!.GetValue<string>());
        Assert.Equal("web", obj["metadata"]!["labels"]!["app"]!.GetValue<string>());
    }

    [Fact]
    public void Terminating_pod()
    {
        var pod = TestObjects.Parse("""{"metadata":{"name":"p","deletionTimestamp":"2025-01-01T11:59:00Z"},"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Running"}}""");
        Assert.Equal("Terminating", Cells(TableConverter.ToTable(Catalog.Find("", "v1", "pods")!, [pod], "1", Now))[2]);
    }

    [Fact]
    public void Deployments_show_ready_up_to_date_available()
    {
        var deploy = TestObjects.Parse("""
        {"metadata":{"name":"web","creationTimestamp":"2024-12-30T12:00:00Z"},
         "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}},
         "status":{"readyReplicas":2,"updatedReplicas":3,"availableReplicas":2}}
        """);
        var table = TableConverter.ToTable(Catalog.Find("apps", "v1", "deployments")!, [deploy], "7", Now, includeObject: false);
        Assert.Equal(["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"], Names(table));
        Assert.Equal(["web", "2/3", "3", "2", "2d", "web", "nginx:1.27", "app=web"], Cells(table));
        Assert.Null(table["rows"]![0]!["object"]);
    }

    [Fact]
    public void Services_show_type_ips_and_ports()
    {
        var svc = TestObjects.Parse("""
        {"metadata":{"name":"web","creationTimestamp":"2025-01-01T11:59:55Z"},
         "spec":{"type":"NodePort","clusterIP":"10.96.0.10","selector":{"app":"web"},"ports":[{"port":80,"nodePort":30080,"protocol":"TCP"},{"port":53,"protocol":"UDP"}]}}
        """);
        var table = TableConverter.ToTable(Catalog.Find("", "v1", "services")!, [svc], "7", Now);
        Assert.Equal(["Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"], Names(table));
        Assert.Equal(["web", "NodePort", "10.96.0.10", "<none>", "80:30080/TCP,53/UDP", "5s", "app=web"], Cells(table));
    }

    [Fact]
    public void Custom_resources_use_printer_columns()
    {
        var type = Assert.Single(CrdTypes.FromCrd(TestObjects.ApplicationCrd(), out _));
        var app = TestObjects.Parse("""
        {"metadata":{"name":"guestbook"},"spec":{"project":"default"},
         "status":{"sync":{"status":"Synced","revision":"abc123"},"health":{"status":"Healthy"}}}
        """);
        var table = TableConverter.ToTable(type, [app], "9", Now);
        Assert.Equal(["Name", "Sync Status", "Health Status", "Revision", "Project"], Names(table));
        Assert.Equal(["guestbook", "Synced", "Healthy", "abc123", "default"], Cells(table));
        Assert.Equal(10, table["columnDefinitions"]![3]!["priority"]!.GetValue<int>());
    }

    [Fact]
    public void Printer_column_filters_and_default_columns()
    {
        var crd = TestObjects.Parse("""
        {"metadata":{"name":"widgets.example.com"},"spec":{"group":"example.com","scope":"Namespaced","names":{"plural":"widgets","kind":"Widget"},
         "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object"}},
           "additionalPrinterColumns":[{"name":"Ready","type":"string","jsonPath":".status.conditions[?(@.type==\"Ready\")].status"},{"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}]},
          {"name":"v2","served":true,"storage":false,"schema":{"openAPIV3Schema":{"type":"object"}}}]}}
        """);
        var types = CrdTypes.FromCrd(crd, out _);
        var w = TestObjects.Parse("""{"metadata":{"name":"w","creationTimestamp":"2025-01-01T11:00:00Z"},"status":{"conditions":[{"type":"Synced","status":"False"},{"type":"Ready","status":"True"}]}}""");
        Assert.Equal(["w", "True", "60m"], Cells(TableConverter.ToTable(types[0], [w], "1", Now)));
        Assert.Equal(["w", "60m"], Cells(TableConverter.ToTable(types[1], [w], "1", Now)));
    }

    [Fact]
    public void Unlisted_kinds_get_name_and_age()
    {
        var role = TestObjects.Parse("""{"metadata":{"name":"reader","creationTimestamp":"2025-01-01T11:00:00Z"}}""");
        var table = TableConverter.ToTable(Catalog.Find("rbac.authorization.k8s.io", "v1", "roles")!, [role], "1", Now);
        Assert.Equal(["Name", "Age"], Names(table));
    }
}
