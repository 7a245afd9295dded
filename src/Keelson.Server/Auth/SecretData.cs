using System.Text;
using System.Text.Json.Nodes;

namespace Keelson.Server.Auth;

/// <summary>
/// The <c>data</c> of a Secret as bytes by key, decoded from and encoded to the API's base64. Values are
/// secrets: nothing here formats them into messages.
/// </summary>
public sealed class SecretData
{
    private readonly Dictionary<string, byte[]> _values;

    public SecretData(IReadOnlyDictionary<string, byte[]>? values = null) =>
        _values = values is null ? new(StringComparer.Ordinal) : new(values, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, byte[]> Values => _values;

    /// <summary>Whether a write changed anything since this was read (a write of the same value does not).</summary>
    public bool Changed { get; private set; }

    public string? GetString(string key) => _values.TryGetValue(key, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    public bool Contains(string key) => _values.TryGetValue(key, out var bytes) && bytes.Length > 0;

    public void Set(string key, string value) => Set(key, Encoding.UTF8.GetBytes(value));

    public void Set(string key, byte[] value)
    {
        if (_values.TryGetValue(key, out var old) && old.AsSpan().SequenceEqual(value)) return;
        _values[key] = value;
        Changed = true;
    }

    public void Remove(string key) => Changed |= _values.Remove(key);

    /// <summary>Reads a Secret object's <c>data</c>; a value that is not base64 is skipped.</summary>
    public static SecretData FromSecret(JsonObject? secret)
    {
        var values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, node) in secret?["data"] as JsonObject ?? [])
        {
            var buffer = new byte[((node?.ToString().Length ?? 0) * 3 / 4) + 3];
            if (node?.ToString() is { } text && Convert.TryFromBase64String(text, buffer, out var written)) values[key] = buffer[..written];
        }
        return new SecretData(values);
    }

    public JsonObject ToJson()
    {
        var data = new JsonObject();
        foreach (var (key, value) in _values.OrderBy(p => p.Key, StringComparer.Ordinal)) data[key] = Convert.ToBase64String(value);
        return data;
    }
}
