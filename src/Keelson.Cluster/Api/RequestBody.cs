using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Cluster.Api.Protobuf;
using Keelson.Resources.Serialization;
using Microsoft.AspNetCore.Http;

namespace Keelson.Cluster.Api;

/// <summary>Reads request bodies with the apiserver's size limit and decodes JSON, YAML or Kubernetes protobuf.</summary>
internal static class RequestBody
{
    /// <summary>kube-apiserver refuses bodies over 3 MiB.</summary>
    public const int MaxBytes = 3 * 1024 * 1024;

    /// <summary>Reads the body; one over <see cref="MaxBytes"/> is drained (so the client sees the answer, not a reset) and refused with 413.</summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        var tooLarge = request.ContentLength > MaxBytes;
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes) tooLarge = true;
            if (!tooLarge) buffer.Write(chunk, 0, read);
        }
        if (tooLarge) throw ApiErrors.TooLarge();
        return buffer.ToArray();
    }

    /// <summary>Decodes a body that must be one object; JSON unless the media type says YAML or protobuf.</summary>
    public static JsonObject DecodeObject(byte[] body, string mediaType)
    {
        if (mediaType == MediaTypes.Protobuf) return DecodeProtobuf(body);
        var node = Decode(body, mediaType);
        return node as JsonObject ?? throw ApiErrors.BadRequest("the body of the request must be a JSON or YAML object");
    }

    public static JsonNode? Decode(byte[] body, string mediaType)
    {
        if (body.Length == 0) throw ApiErrors.BadRequest("the body of the request is empty");
        var yaml = mediaType is MediaTypes.Yaml or MediaTypes.ApplyPatch or "application/yml" or "text/yaml";
        var first = FirstNonSpace(body);
        if (!yaml || first is (byte)'{' or (byte)'[')
        {
            try
            {
                return JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
            }
            catch (JsonException ex) when (!yaml)
            {
                throw ApiErrors.BadRequest($"error decoding request body: {ex.Message}");
            }
            catch (JsonException)
            {
                // YAML may start with a flow mapping that is not JSON; fall through.
            }
        }
        try
        {
            var docs = YamlDocuments.Parse(System.Text.Encoding.UTF8.GetString(body), "request body");
            if (docs.Count != 1) throw ApiErrors.BadRequest($"the body of the request must hold exactly one YAML document, found {docs.Count}");
            return docs[0];
        }
        catch (YamlFormatException ex)
        {
            throw ApiErrors.BadRequest($"error decoding YAML request body: {ex.Message}");
        }
    }

    /// <summary>Protobuf of a kind in <see cref="ProtoSchema"/>: 400 when malformed, 415 for a kind without a schema.</summary>
    private static JsonObject DecodeProtobuf(byte[] body)
    {
        if (body.Length == 0) throw ApiErrors.BadRequest("the body of the request is empty");
        try
        {
            return KubernetesProtobuf.Decode(body);
        }
        catch (ProtobufFormatException ex)
        {
            throw ApiErrors.BadRequest($"error decoding protobuf request body: {ex.Message}");
        }
        catch (ProtobufTypeNotSupportedException ex)
        {
            throw new ApiException(415, "UnsupportedMediaType", ex.Message);
        }
    }

    private static byte FirstNonSpace(byte[] body)
    {
        foreach (var b in body)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return b;
        }
        return 0;
    }
}
