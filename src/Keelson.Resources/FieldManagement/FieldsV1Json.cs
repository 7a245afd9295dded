using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Resources.FieldManagement;

/// <summary>
/// JSON text the way the Kubernetes API server writes it inside FieldsV1: compact, with quotes in keys
/// escaped as <c>\"</c> rather than <c>\u0022</c>.
/// </summary>
internal static class FieldsV1Json
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode? node) => node is null ? "null" : node.ToJsonString(Options);
}
