using System.Text;

namespace Keelson.Server.Rbac;

/// <summary>
/// Reads Argo CD's policy CSV: one line a rule, each line trimmed, blank lines and lines starting with <c>#</c>
/// skipped, fields split as Go's <c>encoding/csv</c> with <c>TrimLeadingSpace</c> (quotes allowed, <c>""</c> inside
/// quotes is a quote, trailing spaces kept). <c>p</c> lines have 6 fields, <c>g</c> lines 3.
/// </summary>
internal static class PolicyCsv
{
    /// <summary>Reads every line of one key's text, adding what it declares and one error per bad line.</summary>
    public static void Read(string text, string key, List<PolicyRule> rules, List<RoleBinding> bindings, List<PolicyError> errors)
    {
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var source = new PolicySource(key, number);
            if (!TrySplit(line, out var fields, out var reason))
            {
                errors.Add(new(source, reason));
                continue;
            }
            switch (fields[0])
            {
                case "p" when fields.Count != 6:
                    errors.Add(new(source, $"a 'p' line has 6 fields, found {fields.Count}"));
                    break;
                case "p" when fields[5] is not ("allow" or "deny"):
                    errors.Add(new(source, $"a 'p' line ends with allow or deny, found '{fields[5]}'"));
                    break;
                case "p":
                    rules.Add(new(fields[1], fields[2], fields[3], fields[4], fields[5] == "allow" ? PolicyEffect.Allow : PolicyEffect.Deny, source));
                    break;
                case "g" when fields.Count != 3:
                    errors.Add(new(source, $"a 'g' line has 3 fields, found {fields.Count}"));
                    break;
                case "g":
                    bindings.Add(new(fields[1], fields[2], source));
                    break;
                default:
                    errors.Add(new(source, $"a line starts with p or g, found '{fields[0]}'"));
                    break;
            }
        }
    }

    /// <summary>Splits one trimmed line into fields; false with the reason when quotes are misplaced.</summary>
    public static bool TrySplit(string line, out List<string> fields, out string reason)
    {
        fields = [];
        reason = "";
        var pos = 0;
        while (true)
        {
            while (pos < line.Length && char.IsWhiteSpace(line[pos])) pos++;
            if (pos < line.Length && line[pos] == '"')
            {
                var start = pos++;
                var field = new StringBuilder();
                while (true)
                {
                    if (pos >= line.Length)
                    {
                        reason = $"the quoted field at column {start + 1} is not closed";
                        return false;
                    }
                    if (line[pos] == '"')
                    {
                        if (pos + 1 < line.Length && line[pos + 1] == '"')
                        {
                            field.Append('"');
                            pos += 2;
                            continue;
                        }
                        pos++;
                        break;
                    }
                    field.Append(line[pos++]);
                }
                fields.Add(field.ToString());
                if (pos == line.Length) return true;
                if (line[pos] != ',')
                {
                    reason = $"extraneous \" in the quoted field at column {start + 1}";
                    return false;
                }
                pos++;
                continue;
            }
            var end = line.IndexOf(',', pos);
            if (end < 0) end = line.Length;
            var plain = line[pos..end];
            var quote = plain.IndexOf('"', StringComparison.Ordinal);
            if (quote >= 0)
            {
                reason = $"bare \" in a non-quoted field at column {pos + quote + 1} (quote the whole field)";
                return false;
            }
            fields.Add(plain);
            if (end == line.Length) return true;
            pos = end + 1;
        }
    }
}
