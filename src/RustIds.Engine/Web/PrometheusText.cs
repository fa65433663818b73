using System.Globalization;
using System.Text;

namespace RustIds.Engine.Web;

/// <summary>
/// Writes the Prometheus text exposition format (version 0.0.4): a <c># HELP</c> and <c># TYPE</c> line per
/// family, then its samples with escaped label values. What <c>promtool check metrics</c> reads.
/// </summary>
public sealed class PrometheusText
{
    /// <summary>The Content-Type scrapers expect for this format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();

    /// <summary>Starts a family: <paramref name="name"/> must be unique in the output, and end in <c>_total</c> for a counter.</summary>
    public PrometheusText Family(string name, string type, string help)
    {
        _text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        return this;
    }

    /// <summary>One sample; <paramref name="labels"/> are name/value pairs, values escaped here.</summary>
    public PrometheusText Sample(string name, double value, params ReadOnlySpan<(string Name, string Value)> labels)
    {
        _text.Append(name);
        if (labels.Length > 0)
        {
            _text.Append('{');
            for (var i = 0; i < labels.Length; i++)
            {
                if (i > 0)
                    _text.Append(',');
                _text.Append(labels[i].Name).Append("=\"");
                AppendLabelValue(labels[i].Value);
                _text.Append('"');
            }
            _text.Append('}');
        }
        _text.Append(' ').Append(Format(value)).Append('\n');
        return this;
    }

    /// <summary>A single-sample family, the common case.</summary>
    public PrometheusText Single(string name, string type, string help, double value) => Family(name, type, help).Sample(name, value);

    public override string ToString() => _text.ToString();

    /// <summary>Prometheus' float syntax: integers without a decimal point, +Inf/-Inf/NaN spelled its way.</summary>
    public static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private void AppendLabelValue(string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\':
                    _text.Append("\\\\");
                    break;
                case '"':
                    _text.Append("\\\"");
                    break;
                case '\n':
                    _text.Append("\\n");
                    break;
                default:
                    _text.Append(c);
                    break;
            }
        }
    }

    private static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
