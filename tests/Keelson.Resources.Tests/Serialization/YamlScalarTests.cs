using System.Text.Json.Nodes;
using Keelson.Resources.Serialization;

namespace Keelson.Resources.Tests.Serialization;

public class YamlScalarTests
{
    private static JsonNode? ValueOf(string yamlValue) => ((JsonObject)YamlDocuments.Parse($"v: {yamlValue}\n")[0]!)["v"];

    [Theory]
    [InlineData("true", "true")]
    [InlineData("True", "true")]
    [InlineData("TRUE", "true")]
    [InlineData("yes", "true")]
    [InlineData("Yes", "true")]
    [InlineData("YES", "true")]
    [InlineData("y", "true")]
    [InlineData("Y", "true")]
    [InlineData("on", "true")]
    [InlineData("On", "true")]
    [InlineData("ON", "true")]
    [InlineData("false", "false")]
    [InlineData("no", "false")]
    [InlineData("No", "false")]
    [InlineData("NO", "false")]
    [InlineData("n", "false")]
    [InlineData("N", "false")]
    [InlineData("off", "false")]
    [InlineData("OFF", "false")]
    [InlineData("~", "null")]
    [InlineData("null", "null")]
    [InlineData("Null", "null")]
    [InlineData("NULL", "null")]
    [InlineData("", "null")]
    [InlineData("0", "0")]
    [InlineData("42", "42")]
    [InlineData("-17", "-17")]
    [InlineData("+5", "5")]
    [InlineData("0x1F", "31")]
    [InlineData("-0x10", "-16")]
    [InlineData("0o17", "15")]
    [InlineData("017", "15")]
    [InlineData("0b101", "5")]
    [InlineData("1_000", "1000")]
    [InlineData("9223372036854775807", "9223372036854775807")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    [InlineData("1.5", "1.5")]
    [InlineData("-0.25", "-0.25")]
    [InlineData(".5", "0.5")]
    [InlineData("1.", "1")]
    [InlineData("1e3", "1000")]
    [InlineData("6.02E+23", "6.02E+23")]
    [InlineData("08", "8")]
    [InlineData("1_000.5", "1000.5")]
    [InlineData("\"true\"", "\"true\"")]
    [InlineData("'yes'", "\"yes\"")]
    [InlineData("\"42\"", "\"42\"")]
    [InlineData("'null'", "\"null\"")]
    [InlineData("\"\"", "\"\"")]
    [InlineData("!!str 42", "\"42\"")]
    [InlineData("hello", "\"hello\"")]
    [InlineData("TrUe", "\"TrUe\"")]
    [InlineData("yEs", "\"yEs\"")]
    [InlineData("nil", "\"nil\"")]
    [InlineData("1.2.3", "\"1.2.3\"")]
    [InlineData("0x", "\"0x\"")]
    [InlineData("0xZZ", "\"0xZZ\"")]
    [InlineData("1e400", "\"1e400\"")]
    [InlineData("2001-12-14", "\"2001-12-14\"")]
    [InlineData("2001-12-14T21:59:43.10-05:00", "\"2001-12-14T21:59:43.10-05:00\"")]
    [InlineData("+inf", "\"+inf\"")]
    [InlineData("-x", "\"-x\"")]
    [InlineData("v1.2", "\"v1.2\"")]
    [InlineData("12Mi", "\"12Mi\"")]
    [InlineData("100m", "\"100m\"")]
    public void Plain_scalars_resolve_as_yaml_1_1(string yaml, string expectedJson)
    {
        var actual = ValueOf(yaml);
        var expected = JsonNode.Parse(expectedJson);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"'{yaml}' parsed as {actual?.ToJsonString() ?? "null"}, expected {expectedJson}");
    }

    [Theory]
    [InlineData(".inf", double.PositiveInfinity)]
    [InlineData(".Inf", double.PositiveInfinity)]
    [InlineData("+.INF", double.PositiveInfinity)]
    [InlineData("-.inf", double.NegativeInfinity)]
    [InlineData(".nan", double.NaN)]
    [InlineData(".NaN", double.NaN)]
    public void Special_floats_resolve_to_doubles(string yaml, double expected)
    {
        var value = Assert.IsAssignableFrom<JsonValue>(ValueOf(yaml));
        Assert.True(value.TryGetValue<double>(out var actual));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("n", "false")]
    [InlineData("y", "true")]
    [InlineData("on", "true")]
    [InlineData("Off", "false")]
    [InlineData("yes", "true")]
    [InlineData("1", "1")]
    [InlineData("0x10", "16")]
    [InlineData("1.5", "1.5")]
    [InlineData("1e6", "1e+06")]
    [InlineData("\"on\"", "on")]
    [InlineData("'y'", "y")]
    [InlineData("plain", "plain")]
    public void Keys_become_strings_the_way_kubectl_makes_them(string yamlKey, string expectedKey)
    {
        var doc = (JsonObject)YamlDocuments.Parse($"{yamlKey}: v\n")[0]!;
        Assert.Equal([expectedKey], doc.Select(p => p.Key));
    }

    [Fact]
    public void Null_key_is_rejected_with_the_line()
    {
        var e = Assert.Throws<YamlFormatException>(() => YamlDocuments.Parse("a: 1\n~: 2\n", "k.yaml"));
        Assert.Equal(2, e.Line);
        Assert.Contains("k.yaml", e.Message, StringComparison.Ordinal);
    }
}
