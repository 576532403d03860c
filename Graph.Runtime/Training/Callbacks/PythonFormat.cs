using System.Globalization;
using System.Text;

namespace Graph.Runtime.Training.Callbacks;

/// <summary>
/// Python's <c>str.format</c> with named fields, as Keras's <c>ModelCheckpoint</c> applies it to its file path
/// (<c>weights.{epoch:02d}-{val_loss:.2f}.safetensors</c>). Supported: <c>{{</c>/<c>}}</c>, and the format spec
/// <c>[[fill]align][sign][0][width][,][.precision][type]</c> with types <c>d</c>, <c>f</c>/<c>F</c>,
/// <c>e</c>/<c>E</c>, <c>g</c>/<c>G</c>, <c>%</c> and none (Python's <c>str</c>: integers plainly, floats in
/// shortest round-trip form). Integers are the values that are whole numbers (Keras passes <c>epoch</c> as an int).
/// </summary>
public static class PythonFormat
{
    /// <summary>Formats <paramref name="template"/> with <paramref name="values"/>.</summary>
    /// <exception cref="FormatException">an unknown field (Python's KeyError), an unbalanced brace or a bad spec.</exception>
    public static string Format(string template, IReadOnlyDictionary<string, double> values)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if (c == '}')
            {
                if (i + 1 < template.Length && template[i + 1] == '}') { sb.Append('}'); i++; continue; }
                throw new FormatException($"Single '}}' encountered in format string '{template}'.");
            }
            if (c != '{') { sb.Append(c); continue; }
            if (i + 1 < template.Length && template[i + 1] == '{') { sb.Append('{'); i++; continue; }
            int close = template.IndexOf('}', i);
            if (close < 0) throw new FormatException($"Single '{{' encountered in format string '{template}'.");
            string field = template[(i + 1)..close];
            int colon = field.IndexOf(':');
            string name = colon < 0 ? field : field[..colon], spec = colon < 0 ? "" : field[(colon + 1)..];
            if (!values.TryGetValue(name, out double value))
                throw new FormatException($"KeyError: '{name}' is not among the values available to format '{template}' ({string.Join(", ", values.Keys)}).");
            sb.Append(FormatValue(value, spec));
            i = close;
        }
        return sb.ToString();
    }

    /// <summary>One value under a format spec (the part after the colon).</summary>
    public static string FormatValue(double value, string spec)
    {
        int p = 0;
        char fill = ' ', align = '\0', sign = '-';
        if (spec.Length >= 2 && spec[1] is '<' or '>' or '^' or '=') { fill = spec[0]; align = spec[1]; p = 2; }
        else if (spec.Length >= 1 && spec[0] is '<' or '>' or '^' or '=') { align = spec[0]; p = 1; }
        if (p < spec.Length && spec[p] is '+' or '-' or ' ') sign = spec[p++];
        if (p < spec.Length && spec[p] == '0' && align == '\0') { fill = '0'; align = '='; p++; }
        int width = ReadNumber(spec, ref p) ?? 0;
        bool grouping = p < spec.Length && spec[p] == ',' && ++p > 0;
        int? precision = null;
        if (p < spec.Length && spec[p] == '.')
        {
            p++;
            precision = ReadNumber(spec, ref p) ?? throw new FormatException($"Format specifier missing precision in '{spec}'.");
        }
        char type = p < spec.Length ? spec[p++] : '\0';
        if (p != spec.Length) throw new FormatException($"Invalid format specifier '{spec}'.");

        bool negative = value < 0 || (value == 0 && double.IsNegative(value));
        string body = Body(Math.Abs(value), type, precision, grouping, spec);
        string signText = negative ? "-" : sign == '+' ? "+" : sign == ' ' ? " " : "";
        bool numericDefault = type != 's';
        if (align == '\0') align = numericDefault ? '>' : '<';
        int pad = Math.Max(0, width - signText.Length - body.Length);
        return align switch
        {
            '<' => signText + body + new string(fill, pad),
            '^' => new string(fill, pad / 2) + signText + body + new string(fill, pad - pad / 2),
            '=' => signText + new string(fill, pad) + body,
            _ => new string(fill, pad) + signText + body,
        };
    }

    private static string Body(double magnitude, char type, int? precision, bool grouping, string spec)
    {
        var inv = CultureInfo.InvariantCulture;
        if (double.IsNaN(magnitude)) return type is 'F' or 'E' or 'G' ? "NAN" : "nan";
        if (double.IsInfinity(magnitude)) return type is 'F' or 'E' or 'G' ? "INF" : "inf";
        switch (type)
        {
            case 'd':
                if (magnitude != Math.Floor(magnitude) || precision is not null)
                    throw new FormatException($"Unknown format code 'd' for a non-integer value {magnitude.ToString("R", inv)} (spec '{spec}').");
                return magnitude.ToString(grouping ? "#,0" : "0", inv);
            case 'f' or 'F':
                return magnitude.ToString((grouping ? "N" : "F") + (precision ?? 6), inv);
            case '%':
                return (magnitude * 100).ToString((grouping ? "N" : "F") + (precision ?? 6), inv) + "%";
            case 'e' or 'E':
                string e = Scientific(magnitude, precision ?? 6);
                return type == 'E' ? e.ToUpperInvariant() : e;
            case 'g' or 'G':
                string g = General(magnitude, precision ?? 6);
                return type == 'G' ? g.ToUpperInvariant() : g;
            case '\0' or 's':
                if (precision is not null && type == '\0') return General(magnitude, precision.Value);
                return magnitude == Math.Floor(magnitude) && magnitude < 1e16 ? magnitude.ToString(grouping ? "#,0" : "0", inv) : magnitude.ToString("R", inv);
            default:
                throw new FormatException($"Unknown format code '{type}' in '{spec}'.");
        }
    }

    // Python's 'g': exponent x of the value rounded to p significant digits; fixed when -4 <= x < p, else
    // scientific; trailing zeros (and a trailing point) removed.
    private static string General(double magnitude, int precision)
    {
        var inv = CultureInfo.InvariantCulture;
        int p = Math.Max(1, precision);
        if (magnitude == 0) return "0";
        string sci = Scientific(magnitude, p - 1);
        int exponent = int.Parse(sci[(sci.IndexOf('e') + 1)..], inv);
        if (exponent >= -4 && exponent < p) return Trim(magnitude.ToString("F" + (p - 1 - exponent), inv));
        int e = sci.IndexOf('e');
        return Trim(sci[..e]) + sci[e..];
    }

    // The standard "E" format rounds correctly (custom formats first round to 15 digits); Python writes the
    // exponent with a sign and at least two digits.
    private static string Scientific(double magnitude, int decimals)
    {
        string text = magnitude.ToString("E" + decimals, CultureInfo.InvariantCulture);
        int e = text.IndexOf('E');
        int exponent = int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture);
        return text[..e] + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    private static string Trim(string number) => number.Contains('.') ? number.TrimEnd('0').TrimEnd('.') : number;

    private static int? ReadNumber(string spec, ref int p)
    {
        int start = p;
        while (p < spec.Length && char.IsAsciiDigit(spec[p])) p++;
        return p == start ? null : int.Parse(spec[start..p], CultureInfo.InvariantCulture);
    }
}
