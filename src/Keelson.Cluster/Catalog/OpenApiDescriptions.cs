using System.Reflection;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using k8s.Models;

namespace Keelson.Cluster.Catalog;

/// <summary>
/// Descriptions of the model types and their properties, read from the XML documentation KubernetesClient ships
/// (KubernetesClient.xml) when it lies beside the assembly. Without it, schemas carry no descriptions.
/// </summary>
internal static class OpenApiDescriptions
{
    private static readonly Lazy<Dictionary<string, string>> Members = new(Load);

    /// <summary>The description of a model type, or null.</summary>
    public static string? OfType(Type type) => Members.Value.GetValueOrDefault("T:" + type.FullName);

    /// <summary>The description of a model property, or null.</summary>
    public static string? OfProperty(PropertyInfo property) =>
        Members.Value.GetValueOrDefault($"P:{property.DeclaringType?.FullName}.{property.Name}");

    private static Dictionary<string, string> Load()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var location = typeof(V1Deployment).Assembly.Location;
        if (string.IsNullOrEmpty(location)) return result;
        var path = Path.ChangeExtension(location, ".xml");
        if (!File.Exists(path)) return result;
        try
        {
            var doc = XDocument.Load(path);
            foreach (var member in doc.Descendants("member"))
            {
                var name = (string?)member.Attribute("name");
                var summary = member.Element("summary")?.Value;
                if (name is null || string.IsNullOrWhiteSpace(summary)) continue;
                if (!name.StartsWith("T:k8s.Models.", StringComparison.Ordinal) && !name.StartsWith("P:k8s.Models.", StringComparison.Ordinal)) continue;
                result[name] = Normalize(summary);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or XmlException)
        {
            // Descriptions are optional.
            result.Clear();
        }
        return result;
    }

    // The XML wraps lines; paragraphs are separated by blank lines, as in the Go comments the text comes from.
    private static string Normalize(string text)
    {
        var paragraphs = new List<string>();
        var current = new StringBuilder();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                if (current.Length > 0) paragraphs.Add(current.ToString());
                current.Clear();
                continue;
            }
            if (current.Length > 0) current.Append(' ');
            current.Append(line);
        }
        if (current.Length > 0) paragraphs.Add(current.ToString());
        return string.Join("\n\n", paragraphs);
    }
}
