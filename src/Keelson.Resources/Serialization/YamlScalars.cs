using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Keelson.Resources.Serialization;

/// <summary>
/// YAML 1.1 plain-scalar resolution as kubectl sees it (sigs.k8s.io/yaml over go-yaml v2): which plain
/// scalars are booleans, nulls, integers and floats, and how a non-string key is turned back into a string.
/// </summary>
internal static partial class YamlScalars
{
    private static readonly Dictionary<string, JsonNode?> Specials = BuildSpecials();

    private static Dictionary<string, JsonNode?> BuildSpecials()
    {
        var map = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var s in new[] { "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON" }) map[s] = JsonValue.Create(true);
        foreach (var s in new[] { "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF" }) map[s] = JsonValue.Create(false);
        foreach (var s in new[] { "", "~", "null", "Null", "NULL" }) map[s] = null;
        foreach (var s in new[] { ".nan", ".NaN", ".NAN" }) map[s] = JsonValue.Create(double.NaN);
        foreach (var s in new[] { ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF" }) map[s] = JsonValue.Create(double.PositiveInfinity);
        foreach (var s in new[] { "-.inf", "-.Inf", "-.INF" }) map[s] = JsonValue.Create(double.NegativeInfinity);
        return map;
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex YamlFloat();

    [GeneratedRegex(@"^\.[0-9]+([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DotFloat();

    [GeneratedRegex(@"^[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampLike();

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Base60Float();

    /// <summary>True when <paramref name="text"/>, written plain, would be read back as something other than this string.</summary>
    public static bool ResolvesToNonString(string text) =>
        Resolve(text, out _) || TimestampLike().IsMatch(text) || Base60Float().IsMatch(text);

    /// <summary>
    /// Resolves an untagged plain scalar. Returns false (and a null value) when it is a string; true with the
    /// typed value (null for YAML null) otherwise.
    /// </summary>
    public static bool Resolve(string text, out JsonNode? value)
    {
        value = null;
        if (Specials.TryGetValue(text, out var special))
        {
            value = special?.DeepClone();
            return true;
        }
        var first = text[0];
        if (first == '.')
        {
            if (DotFloat().IsMatch(text) && TryDouble(text, out var d))
            {
                value = JsonValue.Create(d);
                return true;
            }
            return false;
        }
        if (!(char.IsAsciiDigit(first) || first == '+' || first == '-')) return false;

        var plain = text.Replace("_", "", StringComparison.Ordinal);
        if (TryGoInteger(plain, out var integer, out var unsigned, out var isUnsigned))
        {
            value = isUnsigned ? JsonValue.Create(unsigned) : JsonValue.Create(integer);
            return true;
        }
        if (YamlFloat().IsMatch(plain) && TryDouble(plain, out var f))
        {
            value = JsonValue.Create(f);
            return true;
        }
        return false;
    }

    private static bool TryDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsInfinity(value);

    /// <summary>Integer syntax of Go's strconv.ParseInt/ParseUint with base 0 (0x, 0o, 0b, leading-0 octal), int64 then uint64.</summary>
    private static bool TryGoInteger(string text, out long value, out ulong unsignedValue, out bool isUnsigned)
    {
        value = 0;
        unsignedValue = 0;
        isUnsigned = false;
        var negative = false;
        var s = text;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s.Length == 0) return false;
        var radix = 10;
        if (s.Length > 1 && s[0] == '0')
        {
            switch (s[1])
            {
                case 'x' or 'X': radix = 16; s = s[2..]; break;
                case 'o' or 'O': radix = 8; s = s[2..]; break;
                case 'b' or 'B': radix = 2; s = s[2..]; break;
                default: radix = 8; s = s[1..]; break;
            }
            if (s.Length == 0) return false;
        }
        System.Numerics.BigInteger magnitude = 0;
        foreach (var c in s)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0'
                : c is >= 'a' and <= 'f' ? c - 'a' + 10
                : c is >= 'A' and <= 'F' ? c - 'A' + 10
                : 99;
            if (digit >= radix) return false;
            magnitude = magnitude * radix + digit;
        }
        var signed = negative ? -magnitude : magnitude;
        if (signed >= long.MinValue && signed <= long.MaxValue)
        {
            value = (long)signed;
            return true;
        }
        // Go's ParseUint rejects any sign.
        if (!negative && text[0] != '+' && signed <= ulong.MaxValue)
        {
            unsignedValue = (ulong)signed;
            isUnsigned = true;
            return true;
        }
        return false;
    }

    /// <summary>The string kubectl makes of a resolved non-string key (bools "true"/"false", numbers in Go's formatting).</summary>
    public static string? KeyString(JsonNode? resolved)
    {
        if (resolved is not JsonValue v) return null;
        if (v.TryGetValue<bool>(out var b)) return b ? "true" : "false";
        if (v.TryGetValue<long>(out var l)) return l.ToString(CultureInfo.InvariantCulture);
        if (v.TryGetValue<ulong>(out var u)) return u.ToString(CultureInfo.InvariantCulture);
        if (v.TryGetValue<double>(out var d)) return GoFloat32G(d);
        return null;
    }

    /// <summary>Go's strconv.FormatFloat(d, 'g', -1, 32), with the YAML spellings for infinities and NaN.</summary>
    internal static string GoFloat32G(double d)
    {
        if (double.IsNaN(d)) return ".nan";
        if (double.IsPositiveInfinity(d)) return ".inf";
        if (double.IsNegativeInfinity(d)) return "-.inf";
        var f = (float)d;
        if (f == 0) return float.IsNegative(f) ? "-0" : "0";
        // Shortest float32 digits from the round-trip form; Go switches to exponent form outside [1e-4, 1e6).
        var shortest = f.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest.StartsWith('-');
        if (negative) shortest = shortest[1..];
        var ePos = shortest.IndexOfAny(['E', 'e']);
        var mantissa = ePos < 0 ? shortest : shortest[..ePos];
        var exp10 = ePos < 0 ? 0 : int.Parse(shortest[(ePos + 1)..], CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot < 0 ? mantissa : mantissa[..dot];
        var fracPart = dot < 0 ? "" : mantissa[(dot + 1)..];
        var digits = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - digits.Length;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        var decimalPoint = intPart.Length - leadingZeros + exp10;
        var exponent = decimalPoint - 1;
        string body;
        if (exponent < -4 || exponent >= 6)
        {
            var m = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            body = $"{m}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
        }
        else if (decimalPoint <= 0)
        {
            body = "0." + new string('0', -decimalPoint) + digits;
        }
        else if (decimalPoint >= digits.Length)
        {
            body = digits + new string('0', decimalPoint - digits.Length);
        }
        else
        {
            body = digits[..decimalPoint] + "." + digits[decimalPoint..];
        }
        return negative ? "-" + body : body;
    }
}
