using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Kustomize;

/// <summary>The content hash kustomize appends to generated ConfigMap and Secret names.</summary>
internal static class NameHashes
{
    public static void Apply(List<Resource> resources)
    {
        foreach (var resource in resources.Where(r => r.NeedsHashSuffix))
        {
            resource.Object.SetName(resource.Name + "-" + Hash(resource.Object));
            resource.NeedsHashSuffix = false;
        }
    }

    /// <summary>The 10-character suffix for a ConfigMap or Secret, from its data, kind and type (never its name).</summary>
    public static string Hash(JsonObject obj)
    {
        var encoded = new JsonObject();
        var kind = obj.GetKind() ?? "";
        if (kind == "Secret")
        {
            encoded["data"] = obj["data"]?.DeepClone() ?? new JsonObject();
            encoded["kind"] = kind;
            encoded["name"] = "";
            if (obj["stringData"] is JsonObject { Count: > 0 } stringData) encoded["stringData"] = stringData.DeepClone();
            encoded["type"] = obj["type"]?.DeepClone() ?? "";
        }
        else
        {
            if (obj["binaryData"] is JsonObject { Count: > 0 } binary) encoded["binaryData"] = binary.DeepClone();
            encoded["data"] = obj["data"]?.DeepClone() ?? new JsonObject();
            encoded["kind"] = kind;
            encoded["name"] = "";
        }
        var json = new StringBuilder();
        GoJson.Write(json, encoded);
        var hex = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json.ToString())));
        var chars = hex[..10].ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch { '0' => 'g', '1' => 'h', '3' => 'k', 'a' => 'm', 'e' => 't', var c => c };
        }
        return new string(chars);
    }
}
