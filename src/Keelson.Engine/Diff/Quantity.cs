using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Keelson.Engine.Diff;

/// <summary>
/// Kubernetes' <c>resource.Quantity</c> in its canonical form, as the API server (and Argo CD's known-type normalizer)
/// writes it back: <c>1000m</c> → <c>1</c>, <c>0.5</c> → <c>500m</c>, <c>2048Mi</c> → <c>2Gi</c>, <c>1e3</c> → <c>1e3</c>.
/// The suffix family (binary, decimal SI, exponent) is kept; the largest suffix that leaves a whole number is chosen;
/// a binary quantity that is not a whole number of bytes, or is under 1024, is written in decimal SI; values finer
/// than a nano unit round up, as Kubernetes rounds them.
/// </summary>
public static partial class Quantity
{
    private static readonly Dictionary<string, int> Binary = new(StringComparer.Ordinal) { ["Ki"] = 10, ["Mi"] = 20, ["Gi"] = 30, ["Ti"] = 40, ["Pi"] = 50, ["Ei"] = 60 };

    private static readonly Dictionary<string, int> Decimal = new(StringComparer.Ordinal)
    {
        ["n"] = -9,
        ["u"] = -6,
        ["m"] = -3,
        [""] = 0,
        ["k"] = 3,
        ["M"] = 6,
        ["G"] = 9,
        ["T"] = 12,
        ["P"] = 15,
        ["E"] = 18,
    };

    [GeneratedRegex(@"^([+-]?)(\d*)(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$")]
    private static partial Regex Syntax();

    /// <summary>The canonical form of <paramref name="text"/>, or null when it is not a quantity.</summary>
    public static string? Canonical(string text)
    {
        var match = Syntax().Match(text.Trim());
        if (!match.Success || match.Groups[2].Length + match.Groups[3].Length == 0) return null;
        var negative = match.Groups[1].Value == "-";
        var digits = match.Groups[2].Value + match.Groups[3].Value;
        var scale = -match.Groups[3].Length;
        var suffix = match.Groups[4].Value;
        // value = mantissa × 10^exponent × 2^binary
        var mantissa = BigInteger.Parse(digits.Length == 0 ? "0" : digits, CultureInfo.InvariantCulture);
        int exponent;
        var binary = 0;
        string family;
        if (Binary.TryGetValue(suffix, out var power))
        {
            (exponent, binary, family) = (scale, power, "binary");
        }
        else if (suffix.Length > 0 && suffix[0] is 'e' or 'E')
        {
            (exponent, family) = (scale + int.Parse(suffix[1..], CultureInfo.InvariantCulture), "exponent");
        }
        else
        {
            (exponent, family) = (scale + Decimal[suffix], "decimal");
        }
        if (mantissa.IsZero) return "0";
        if (negative) mantissa = -mantissa;

        if (family == "binary")
        {
            // A whole number of bytes is written with the largest binary suffix that divides it (from 1Ki up).
            var scaled = mantissa * BigInteger.Pow(2, binary);
            BigInteger? bytes = exponent >= 0 ? scaled * BigInteger.Pow(10, exponent)
                : BigInteger.Remainder(scaled, BigInteger.Pow(10, -exponent)).IsZero ? scaled / BigInteger.Pow(10, -exponent) : null;
            if (bytes is { } whole)
            {
                if (BigInteger.Abs(whole) >= 1024)
                {
                    var (name, p) = Binary.Where(kv => BigInteger.Remainder(whole, BigInteger.Pow(2, kv.Value)).IsZero).MaxBy(kv => kv.Value);
                    return (whole / BigInteger.Pow(2, p)).ToString(CultureInfo.InvariantCulture) + name;
                }
                (mantissa, exponent) = (whole, 0);
            }
            else
            {
                mantissa = scaled;
            }
            family = "decimal";
        }

        // Round finer than nano up, then pick the largest multiple-of-3 exponent that keeps the mantissa whole.
        if (exponent < -9)
        {
            var divisor = BigInteger.Pow(10, -9 - exponent);
            var quotient = BigInteger.DivRem(mantissa, divisor, out var remainder);
            mantissa = remainder.IsZero ? quotient : quotient + (mantissa.Sign > 0 ? 1 : 0);
            exponent = -9;
        }
        while (exponent % 3 != 0)
        {
            mantissa *= 10;
            exponent--;
        }
        while (exponent < 18 && BigInteger.Remainder(mantissa, 1000).IsZero)
        {
            mantissa /= 1000;
            exponent += 3;
        }
        var number = mantissa.ToString(CultureInfo.InvariantCulture);
        if (family == "exponent") return exponent == 0 ? number : $"{number}e{exponent.ToString(CultureInfo.InvariantCulture)}";
        return number + Decimal.First(kv => kv.Value == exponent).Key;
    }
}
