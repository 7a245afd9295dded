using System.Text.Json.Nodes;
using Keelson.Resources.Serialization;

namespace Keelson.Resources.Tests.Serialization;

public class YamlDocumentsTests
{
    private static void AssertJson(string expectedJson, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expectedJson), actual), $"got {actual?.ToJsonString() ?? "null"}, expected {expectedJson}");

    [Fact]
    public void Multiple_documents_are_returned_in_order_and_empty_ones_skipped()
    {
        const string yaml = """
            # leading comment
            ---
            kind: A
            ---
            # only a comment
            ---
            ---
            kind: B
            ...
            """;
        var docs = YamlDocuments.Parse(yaml);
        Assert.Equal(2, docs.Count);
        AssertJson("""{"kind":"A"}""", docs[0]);
        AssertJson("""{"kind":"B"}""", docs[1]);
    }

    [Fact]
    public void Empty_stream_has_no_documents()
    {
        Assert.Empty(YamlDocuments.Parse(""));
        Assert.Empty(YamlDocuments.Parse("# nothing\n---\n"));
    }

    [Fact]
    public void Json_input_is_read_as_yaml()
    {
        var docs = YamlDocuments.Parse("""{"apiVersion": "v1", "kind": "ConfigMap", "data": {"a": "on", "n": 1.5, "list": [1, true, null]}}""");
        AssertJson("""{"apiVersion":"v1","kind":"ConfigMap","data":{"a":"on","n":1.5,"list":[1,true,null]}}""", docs.Single());
    }

    [Fact]
    public void Json_with_tab_indentation_is_read()
    {
        var docs = YamlDocuments.Parse("{\n\t\"a\": {\n\t\t\"b\": [1, 2]\n\t}\n}\n");
        AssertJson("""{"a":{"b":[1,2]}}""", docs.Single());
    }

    [Fact]
    public void Anchors_and_aliases_are_expanded()
    {
        const string yaml = """
            base: &labels
              app: web
              tier: fe
            copy: *labels
            list:
            - &item x
            - *item
            """;
        AssertJson("""{"base":{"app":"web","tier":"fe"},"copy":{"app":"web","tier":"fe"},"list":["x","x"]}""", YamlDocuments.Parse(yaml).Single());
    }

    [Fact]
    public void Merge_keys_copy_the_anchored_map_and_explicit_keys_after_it_win()
    {
        const string yaml = """
            defaults: &d
              replicas: 1
              image: nginx
            prod:
              <<: *d
              replicas: 3
            multi:
              <<: [{a: 1, b: 1}, {b: 2, c: 2}]
            """;
        AssertJson(
            """{"defaults":{"replicas":1,"image":"nginx"},"prod":{"replicas":3,"image":"nginx"},"multi":{"b":1,"c":2,"a":1}}""",
            YamlDocuments.Parse(yaml).Single());
    }

    [Fact]
    public void Quoted_merge_key_is_an_ordinary_key()
    {
        AssertJson("""{"<<":"x"}""", YamlDocuments.Parse("\"<<\": x\n").Single());
    }

    [Fact]
    public void Block_scalars_keep_their_text()
    {
        const string yaml = """
            script: |
              echo hi
              exit 0
            folded: >-
              a
              b
            """;
        AssertJson("""{"script":"echo hi\nexit 0\n","folded":"a b"}""", YamlDocuments.Parse(yaml).Single());
    }

    [Fact]
    public void Malformed_yaml_names_the_source_and_line()
    {
        const string yaml = "a: 1\nb: [1, 2\nc: 3\n";
        var e = Assert.Throws<YamlFormatException>(() => YamlDocuments.Parse(yaml, "overlays/prod/deploy.yaml"));
        Assert.StartsWith("overlays/prod/deploy.yaml: line ", e.Message, StringComparison.Ordinal);
        Assert.True(e.Line >= 2, $"line {e.Line}");
        Assert.Equal("overlays/prod/deploy.yaml", e.Source2);
    }

    [Fact]
    public void Bad_indentation_reports_its_line()
    {
        const string yaml = "metadata:\n  name: x\n   labels: y\n";
        var e = Assert.Throws<YamlFormatException>(() => YamlDocuments.Parse(yaml, "x.yaml"));
        Assert.Equal(3, e.Line);
        Assert.Contains("line 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_alias_is_a_format_error()
    {
        var e = Assert.Throws<YamlFormatException>(() => YamlDocuments.Parse("a: 1\nb: *nope\n", "f.yaml"));
        Assert.Contains("f.yaml", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_uses_kubectl_block_style()
    {
        var node = JsonNode.Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{}},
             "spec":{"replicas":2,"paused":false,"template":{"spec":{"containers":[
               {"name":"web","image":"nginx:1.25","args":["--port","8080"],"ports":[{"containerPort":80}]}],
               "volumes":[]}}}}
            """);
        const string expected = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {}
            spec:
              replicas: 2
              paused: false
              template:
                spec:
                  containers:
                  - name: web
                    image: nginx:1.25
                    args:
                    - --port
                    - "8080"
                    ports:
                    - containerPort: 80
                  volumes: []

            """;
        Assert.Equal(expected, YamlDocuments.Write(node));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("true", "\"true\"")]
    [InlineData("on", "\"on\"")]
    [InlineData("N", "\"N\"")]
    [InlineData("~", "\"~\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("", "\"\"")]
    [InlineData("0755", "\"0755\"")]
    [InlineData("1e3", "\"1e3\"")]
    [InlineData("0x1F", "\"0x1F\"")]
    [InlineData(".inf", "\".inf\"")]
    [InlineData("2024-01-02", "\"2024-01-02\"")]
    [InlineData("12:30", "\"12:30\"")]
    [InlineData(" lead", "\" lead\"")]
    [InlineData("trail ", "\"trail \"")]
    [InlineData("a: b", "\"a: b\"")]
    [InlineData("a #b", "\"a #b\"")]
    [InlineData("- x", "\"- x\"")]
    [InlineData("*star", "\"*star\"")]
    [InlineData("{x}", "\"{x}\"")]
    [InlineData("say \"hi\"", "say \"hi\"")]
    [InlineData("tab\there", "\"tab\\there\"")]
    [InlineData("http://x:80/a", "http://x:80/a")]
    [InlineData("--port", "--port")]
    public void Strings_are_quoted_only_when_needed(string value, string expectedScalar)
    {
        var yaml = YamlDocuments.Write(new JsonObject { ["v"] = value });
        Assert.Equal($"v: {expectedScalar}\n", yaml);
    }

    [Fact]
    public void Multi_line_strings_are_literal_blocks()
    {
        var yaml = YamlDocuments.Write(new JsonObject { ["a"] = "line1\nline2\n", ["b"] = "x\ny", ["c"] = new JsonArray("p\nq\n") });
        Assert.Equal("a: |\n  line1\n  line2\nb: |-\n  x\n  y\nc:\n- |\n  p\n  q\n", yaml);
    }

    [Fact]
    public void WriteAll_separates_documents()
    {
        var yaml = YamlDocuments.WriteAll([new JsonObject { ["a"] = 1 }, new JsonObject { ["b"] = 2 }]);
        Assert.Equal("a: 1\n---\nb: 2\n", yaml);
    }

    public static TheoryData<string> RoundTripCases => new()
    {
        """{"a":1,"b":"on","c":"1.0","d":null,"e":true,"f":[],"g":{},"h":"","i":-3.5,"j":18446744073709551615}""",
        """{"nested":[[1,2],[{"x":"y"},[]],{"k":[{"a":{"b":[1]}}]}]}""",
        """{"text":"a\nb\n\n","lead":"\n\nx","spaces":"  indented\nnext","trail":"x  \ny\t","ws":"a\n   \nb","cr":"a\r\nb","only":"\n\n"}""",
        """{"yes":"no","y":"n","0":"0","-":"-","? x":"? y","#c":"#d","'q'":"\"dq\"","a\\b":"\u00e9\u2603 \uD83D\uDE00","ctl":"\u0001\u007f\u0085\u2028"}""",
        """{"k:":"v:","k: v":"x","[":"]","& a":"! b","| p":"> f","%":"@","`":"`","<<":"<<","---":"...","--- x":"... y"}""",
        """["top","level",{"list":true}]""",
        "\"just a string\"",
        "\"multi\\nline\"",
        "42",
        "{}",
        "[]",
        """{"data":{"config.yaml":"server:\n  port: 8080\n  host: 0.0.0.0\n","empty":"","num":"0o17","ts":"2001-12-14t21:59:43.10Z"}}""",
    };

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public void Parse_of_Write_returns_the_same_value(string json)
    {
        var node = JsonNode.Parse(json);
        var yaml = YamlDocuments.Write(node);
        var back = YamlDocuments.Parse(yaml, "roundtrip").Single();
        Assert.True(JsonNode.DeepEquals(node, back), $"yaml:\n{yaml}\nread back as {back?.ToJsonString()}");
    }

    [Fact]
    public void WriteAll_then_Parse_returns_every_document()
    {
        JsonNode?[] docs = [JsonNode.Parse("""{"a":"b"}"""), JsonNode.Parse("""{"c":["d"]}""")];
        var back = YamlDocuments.Parse(YamlDocuments.WriteAll(docs));
        Assert.Equal(2, back.Count);
        Assert.True(JsonNode.DeepEquals(docs[0], back[0]));
        Assert.True(JsonNode.DeepEquals(docs[1], back[1]));
    }
}
