using System.Text.Json.Nodes;
using Keelson.Cluster.Api.Protobuf;

namespace Keelson.Cluster.Tests.Protobuf;

/// <summary>Protobuf bodies laid out as Go's generated code writes them, decoded into the JSON form of the object.</summary>
public sealed class ProtobufDecoderTests
{
    private static void AssertJson(string expected, JsonObject actual) =>
        Assert.Equal(JsonNode.Parse(expected)!.ToJsonString(), actual.ToJsonString());

    [Fact]
    public void Namespace_decodes_with_type_meta_first_and_zero_scalars_dropped()
    {
        var body = ProtoWriter.Envelope("v1", "Namespace", new ProtoWriter()
            .Msg(1, ProtoWriter.Meta("team-a", labels: ("env", "dev")))
            .Msg(2, new ProtoWriter())
            .Msg(3, new ProtoWriter().Str(1, "")));

        AssertJson("""
            {"apiVersion":"v1","kind":"Namespace",
             "metadata":{"name":"team-a","creationTimestamp":null,"labels":{"env":"dev"}},
             "spec":{},"status":{}}
            """, KubernetesProtobuf.Decode(body));
    }

    [Fact]
    public void Deployment_decodes_template_containers_ports_and_int_or_string()
    {
        var container = new ProtoWriter().Str(1, "nginx").Str(2, "nginx:1.27").Str(5, "")
            .Msg(6, new ProtoWriter().Str(1, "").Int(2, 0).Int(3, 80).Str(4, "TCP").Str(5, ""))
            .Msg(8, new ProtoWriter())
            .Str(13, "").Str(14, "IfNotPresent").Bool(16, false).Bool(17, false).Bool(18, false).Str(20, "");
        var spec = new ProtoWriter()
            .Int(1, 2)
            .Msg(2, new ProtoWriter().Entry(1, "app", "web"))
            .Msg(3, new ProtoWriter().Msg(1, ProtoWriter.Meta("", labels: ("app", "web"))).Msg(2, new ProtoWriter().Msg(2, container).Str(3, "Always")))
            .Msg(4, new ProtoWriter().Str(1, "RollingUpdate").Msg(2, new ProtoWriter()
                .Msg(1, new ProtoWriter().Int(1, 0).Int(2, 1).Str(3, ""))
                .Msg(2, new ProtoWriter().Int(1, 1).Int(2, 0).Str(3, "25%"))))
            .Int(5, 0);
        var body = ProtoWriter.Envelope("apps/v1", "Deployment", new ProtoWriter()
            .Msg(1, ProtoWriter.Meta("web", "prod", ("app", "web"))).Msg(2, spec).Msg(3, new ProtoWriter()));

        AssertJson("""
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"web","namespace":"prod","creationTimestamp":null,"labels":{"app":"web"}},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
               "template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},
                 "spec":{"containers":[{"name":"nginx","image":"nginx:1.27","ports":[{"containerPort":80,"protocol":"TCP"}],
                   "resources":{},"imagePullPolicy":"IfNotPresent"}],"restartPolicy":"Always"}},
               "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":1,"maxSurge":"25%"}}},
             "status":{}}
            """, KubernetesProtobuf.Decode(body));
    }

    [Fact]
    public void Pointer_fields_keep_their_zero_values()
    {
        var body = ProtoWriter.Envelope("apps/v1", "Deployment", new ProtoWriter()
            .Msg(1, ProtoWriter.Meta("idle")).Msg(2, new ProtoWriter().Int(1, 0).Bool(7, false)));
        var spec = KubernetesProtobuf.Decode(body)["spec"]!;
        Assert.Equal(0L, (long)spec["replicas"]!);
        Assert.Null(spec["paused"]);

        var priority = KubernetesProtobuf.Decode(ProtoWriter.Envelope("scheduling.k8s.io/v1", "PriorityClass", new ProtoWriter()
            .Msg(1, ProtoWriter.Meta("low")).Int(2, 0).Bool(3, false).Str(4, "")));
        AssertJson("""{"apiVersion":"scheduling.k8s.io/v1","kind":"PriorityClass","metadata":{"name":"low","creationTimestamp":null},"value":0}""", priority);
    }

    [Fact]
    public void Secret_bytes_become_base64_and_configmap_data_stays_text()
    {
        var secret = KubernetesProtobuf.Decode(ProtoWriter.Envelope("v1", "Secret", new ProtoWriter()
            .Msg(1, ProtoWriter.Meta("creds", "default"))
            .Msg(2, new ProtoWriter().Str(1, "password").Bytes(2, [0, 1, 2, 255]))
            .Str(3, "Opaque")));
        Assert.Equal(Convert.ToBase64String([0, 1, 2, 255]), secret["data"]!["password"]!.ToString());
        Assert.Equal("Opaque", secret["type"]!.ToString());

        var configMap = KubernetesProtobuf.Decode(ProtoWriter.Envelope("v1", "ConfigMap", new ProtoWriter()
            .Msg(1, ProtoWriter.Meta("settings", "default")).Entry(2, "a", "b").Entry(2, "empty", "")));
        Assert.Equal("""{"a":"b","empty":""}""", configMap["data"]!.ToJsonString());
    }

    [Fact]
    public void Quota_hard_limits_are_quantity_strings()
    {
        var hard = new ProtoWriter()
            .Msg(1, new ProtoWriter().Str(1, "cpu").Msg(2, new ProtoWriter().Str(1, "500m")))
            .Msg(1, new ProtoWriter().Str(1, "memory").Msg(2, new ProtoWriter().Str(1, "1Gi")));
        var quota = KubernetesProtobuf.Decode(ProtoWriter.Envelope("v1", "ResourceQuota", new ProtoWriter()
            .Msg(1, ProtoWriter.Meta("q", "default")).Msg(2, hard)));
        Assert.Equal("""{"hard":{"cpu":"500m","memory":"1Gi"}}""", quota["spec"]!.ToJsonString());
    }

    [Fact]
    public void Ingress_rule_value_is_inlined_into_the_rule()
    {
        var backend = new ProtoWriter().Msg(4, new ProtoWriter().Str(1, "svc1").Msg(2, new ProtoWriter().Str(1, "").Int(2, 8080)));
        var path = new ProtoWriter().Str(1, "/bar").Msg(2, backend).Str(3, "Exact");
        var rule = new ProtoWriter().Str(1, "foo.example.com").Msg(2, new ProtoWriter().Msg(1, new ProtoWriter().Msg(1, path)));
        var ingress = KubernetesProtobuf.Decode(ProtoWriter.Envelope("networking.k8s.io/v1", "Ingress", new ProtoWriter()
            .Msg(1, ProtoWriter.Meta("site", "default")).Msg(2, new ProtoWriter().Msg(3, rule))));
        Assert.Equal(
            """{"host":"foo.example.com","http":{"paths":[{"path":"/bar","pathType":"Exact","backend":{"service":{"name":"svc1","port":{"number":8080}}}}]}}""",
            ingress["spec"]!["rules"]![0]!.ToJsonString());
    }

    [Fact]
    public void Times_are_rfc3339_and_durations_go_strings()
    {
        var meta = new ProtoWriter().Str(1, "x").Msg(8, new ProtoWriter().Int(1, 1_700_000_000).Int(2, 5));
        var ns = KubernetesProtobuf.Decode(ProtoWriter.Envelope("v1", "Namespace", new ProtoWriter().Msg(1, meta)));
        Assert.Equal("2023-11-14T22:13:20Z", ns["metadata"]!["creationTimestamp"]!.ToString());

        Assert.Equal("0s", Keelson.Resources.GoDuration.Format(0));
        Assert.Equal("1h0m0s", Keelson.Resources.GoDuration.Format(3_600_000_000_000));
        Assert.Equal("2m30.5s", Keelson.Resources.GoDuration.Format(150_500_000_000));
        Assert.Equal("250ms", Keelson.Resources.GoDuration.Format(250_000_000));
        Assert.Equal("-1.5µs", Keelson.Resources.GoDuration.Format(-1_500));
    }

    [Fact]
    public void Unknown_field_number_names_the_message_field_and_path()
    {
        var container = new ProtoWriter().Str(1, "c").Str(99, "surprise");
        var body = ProtoWriter.Envelope("batch/v1", "Job", new ProtoWriter()
            .Msg(1, ProtoWriter.Meta("j")).Msg(2, new ProtoWriter().Msg(6, new ProtoWriter().Msg(2, new ProtoWriter().Msg(2, container)))));
        var ex = Assert.Throws<ProtobufFormatException>(() => KubernetesProtobuf.Decode(body));
        Assert.Contains("field 99", ex.Message);
        Assert.Contains("message Container", ex.Message);
        Assert.Contains("spec.template.spec.containers[0]", ex.Message);
    }

    [Fact]
    public void Wrong_wire_type_is_a_format_error()
    {
        var body = ProtoWriter.Envelope("v1", "Namespace", new ProtoWriter().Msg(1, new ProtoWriter().Int(1, 7)));
        var ex = Assert.Throws<ProtobufFormatException>(() => KubernetesProtobuf.Decode(body));
        Assert.Contains("wire type Varint, expected LengthDelimited", ex.Message);
    }

    [Fact]
    public void Truncated_or_unframed_bodies_are_format_errors()
    {
        var body = ProtoWriter.Envelope("v1", "ConfigMap", new ProtoWriter().Msg(1, ProtoWriter.Meta("cm")).Entry(2, "k", "v"));
        Assert.Throws<ProtobufFormatException>(() => KubernetesProtobuf.Decode(body[..^3]));
        var noMagic = Assert.Throws<ProtobufFormatException>(() => KubernetesProtobuf.Decode("{\"kind\":\"ConfigMap\"}"u8.ToArray()));
        Assert.Contains("magic", noMagic.Message);
        Assert.Throws<ProtobufFormatException>(() => KubernetesProtobuf.Decode([.. "k8s\0"u8, 0xFF, 0xFF, 0xFF]));
        Assert.Throws<ProtobufFormatException>(() => KubernetesProtobuf.Decode([.. "k8s\0"u8, .. new ProtoWriter().Msg(2, new ProtoWriter()).ToArray()]));
    }

    [Fact]
    public void Kind_without_a_schema_is_not_supported()
    {
        var body = ProtoWriter.Envelope("v1", "Pod", new ProtoWriter().Msg(1, ProtoWriter.Meta("p")));
        var ex = Assert.Throws<ProtobufTypeNotSupportedException>(() => KubernetesProtobuf.Decode(body));
        Assert.Equal("Pod", ex.Kind);
    }

    [Fact]
    public void Schema_table_references_only_messages_it_defines()
    {
        foreach (var message in ProtoSchema.Messages.Values)
        {
            foreach (var field in message.Fields)
            {
                if (field.Kind == ProtoKind.Message) Assert.True(ProtoSchema.Messages.ContainsKey(field.MessageName!), $"{message.Name}.{field.JsonName} refers to {field.MessageName}");
                Assert.True(field.Inline == (field.JsonName.Length == 0), $"{message.Name} field {field.Number}: only inlined fields have no JSON name");
            }
        }
        foreach (var (apiVersion, kind) in ProtoSchema.Kinds) Assert.NotNull(ProtoSchema.ForKind(apiVersion, kind));
    }
}
