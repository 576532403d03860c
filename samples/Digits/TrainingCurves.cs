using System.Globalization;
using System.Text;
using System.Xml;
using Graph.Runtime.Training.Callbacks;

namespace Digits;

/// <summary>
/// Draws a <see cref="History"/> as training curves in a small hand-written SVG (no native dependency): one panel per
/// metric (<c>loss</c>, <c>acc</c>, ...), x = epoch, y = value scaled to the panel's range, the training series as a
/// solid line and its <c>val_</c> counterpart dashed. Each series is one <c>polyline</c> with one point per epoch
/// whose value is finite (a NaN epoch leaves no point), plus a circle marker per point.
/// </summary>
public static class TrainingCurves
{
    private const double PanelWidth = 420, PanelHeight = 300, Left = 60, Right = 20, Top = 40, Bottom = 50;
    private const string TrainColor = "#1f77b4", ValidationColor = "#ff7f0e";

    /// <summary>Writes the SVG of <paramref name="history"/> to <paramref name="path"/>.</summary>
    public static void Write(History history, string path) => File.WriteAllText(path, ToSvg(history));

    /// <summary>The SVG document of <paramref name="history"/>.</summary>
    public static string ToSvg(History history)
    {
        var metrics = history.Keys.Where(k => !k.StartsWith("val_", StringComparison.Ordinal)).ToList();
        var settings = new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true };
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb, settings))
        {
            w.WriteStartElement("svg", "http://www.w3.org/2000/svg");
            w.WriteAttributeString("width", F(PanelWidth * Math.Max(1, metrics.Count)));
            w.WriteAttributeString("height", F(PanelHeight));
            w.WriteAttributeString("font-family", "sans-serif");
            w.WriteAttributeString("font-size", "11");
            Rect(w, 0, 0, PanelWidth * Math.Max(1, metrics.Count), PanelHeight, "white", "none");
            for (int i = 0; i < metrics.Count; i++) Panel(w, history, metrics[i], i * PanelWidth);
            w.WriteEndElement();
        }
        return sb.ToString();
    }

    private static void Panel(XmlWriter w, History history, string metric, double offsetX)
    {
        var series = new List<(string Name, string Color, bool Dashed)> { (metric, TrainColor, false) };
        if (history.Values.ContainsKey("val_" + metric)) series.Add(("val_" + metric, ValidationColor, true));
        var epochs = history.Epochs;
        var finite = series.SelectMany(s => history[s.Name]).Where(double.IsFinite).DefaultIfEmpty(0).ToList();
        double yMin = finite.Min(), yMax = finite.Max();
        if (yMax - yMin < 1e-12) { yMin -= 0.5; yMax += 0.5; }
        double xMin = epochs.Count > 0 ? epochs.Min() + 1 : 1, xMax = epochs.Count > 0 ? epochs.Max() + 1 : 1;
        double plotW = PanelWidth - Left - Right, plotH = PanelHeight - Top - Bottom;
        double X(double epoch) => offsetX + Left + (xMax > xMin ? (epoch - xMin) / (xMax - xMin) * plotW : plotW / 2);
        double Y(double value) => Top + (1 - (value - yMin) / (yMax - yMin)) * plotH;

        Text(w, offsetX + PanelWidth / 2, 20, metric, "middle", "14");
        Line(w, X(xMin) - (xMax > xMin ? 0 : plotW / 2), Top + plotH, offsetX + Left + plotW, Top + plotH);
        Line(w, offsetX + Left, Top, offsetX + Left, Top + plotH);
        for (int t = 0; t <= 4; t++)
        {
            double value = yMin + (yMax - yMin) * t / 4;
            Text(w, offsetX + Left - 6, Y(value) + 4, value.ToString("G4", CultureInfo.InvariantCulture), "end", null);
        }
        int step = Math.Max(1, (int)Math.Ceiling((xMax - xMin + 1) / 8));
        for (double e = xMin; e <= xMax; e += step) Text(w, X(e), Top + plotH + 16, F(e), "middle", null);
        Text(w, offsetX + Left + plotW / 2, PanelHeight - 12, "epoch", "middle", null);

        int row = 0;
        foreach (var (name, color, dashed) in series)
        {
            var values = history[name];
            var points = Enumerable.Range(0, Math.Min(values.Count, epochs.Count)).Where(i => double.IsFinite(values[i]))
                .Select(i => (X: X(epochs[i] + 1), Y: Y(values[i]))).ToList();
            w.WriteStartElement("polyline");
            w.WriteAttributeString("class", "series");
            w.WriteAttributeString("data-name", name);
            w.WriteAttributeString("fill", "none");
            w.WriteAttributeString("stroke", color);
            w.WriteAttributeString("stroke-width", "2");
            if (dashed) w.WriteAttributeString("stroke-dasharray", "6 4");
            w.WriteAttributeString("points", string.Join(" ", points.Select(p => F(p.X) + "," + F(p.Y))));
            w.WriteEndElement();
            foreach (var p in points)
            {
                w.WriteStartElement("circle");
                w.WriteAttributeString("cx", F(p.X));
                w.WriteAttributeString("cy", F(p.Y));
                w.WriteAttributeString("r", "2.5");
                w.WriteAttributeString("fill", color);
                w.WriteEndElement();
            }
            double legendY = Top + 12 + 14 * row++;
            Line(w, offsetX + PanelWidth - Right - 110, legendY - 4, offsetX + PanelWidth - Right - 90, legendY - 4, color);
            Text(w, offsetX + PanelWidth - Right - 86, legendY, name, "start", null);
        }
    }

    private static void Rect(XmlWriter w, double x, double y, double width, double height, string fill, string stroke)
    {
        w.WriteStartElement("rect");
        w.WriteAttributeString("x", F(x));
        w.WriteAttributeString("y", F(y));
        w.WriteAttributeString("width", F(width));
        w.WriteAttributeString("height", F(height));
        w.WriteAttributeString("fill", fill);
        w.WriteAttributeString("stroke", stroke);
        w.WriteEndElement();
    }

    private static void Line(XmlWriter w, double x1, double y1, double x2, double y2, string color = "#333")
    {
        w.WriteStartElement("line");
        w.WriteAttributeString("x1", F(x1));
        w.WriteAttributeString("y1", F(y1));
        w.WriteAttributeString("x2", F(x2));
        w.WriteAttributeString("y2", F(y2));
        w.WriteAttributeString("stroke", color);
        w.WriteAttributeString("stroke-width", "1.5");
        w.WriteEndElement();
    }

    private static void Text(XmlWriter w, double x, double y, string text, string anchor, string? size)
    {
        w.WriteStartElement("text");
        w.WriteAttributeString("x", F(x));
        w.WriteAttributeString("y", F(y));
        w.WriteAttributeString("text-anchor", anchor);
        if (size is not null) w.WriteAttributeString("font-size", size);
        w.WriteString(text);
        w.WriteEndElement();
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
