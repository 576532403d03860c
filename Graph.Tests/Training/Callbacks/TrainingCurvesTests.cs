using System.Globalization;
using System.Xml.Linq;
using Digits;
using Graph.Runtime.Training.Callbacks;
using NUnit.Framework;
using static Graph.Tests.Training.Callbacks.TrainingFixtures;

namespace Graph.Tests.Training.Callbacks;

public sealed class TrainingCurvesTests : GraphTestBase
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Test]
    public void Write_HistoryWithValidation_IsValidSvgWithOnePointPerEpochAndSeries()
    {
        var model = Classifier();
        var history = model.Fit(Features(40, 5), Labels(40, 3), batchSize: 8, epochs: 5, verbose: 0, validationSplit: 0.25);
        var folder = TempFolder();
        var path = Path.Combine(folder, "training_curves.svg");

        TrainingCurves.Write(history, path);

        var document = XDocument.Load(path);
        Assert.That(document.Root!.Name, Is.EqualTo(Svg + "svg"));
        var series = document.Descendants(Svg + "polyline").ToDictionary(p => (string)p.Attribute("data-name")!, p => (string)p.Attribute("points")!);
        Assert.That(series.Keys, Is.EquivalentTo(new[] { "loss", "val_loss", "acc", "val_acc" }));
        foreach (var (name, points) in series)
        {
            var pairs = points.Split(' ').Select(p => p.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
            Assert.That(pairs, Has.Count.EqualTo(5), name);
            Assert.That(pairs.All(p => p.Length == 2 && p.All(double.IsFinite)), name);
            Assert.That(pairs.Select(p => p[0]), Is.Ordered.Ascending, name);
        }
        Assert.That(document.Descendants(Svg + "circle").Count(), Is.EqualTo(20));
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public void ToSvg_NaNEpochAndFallingLoss_SkipsThePointAndDrawsLowerValuesLower()
    {
        var history = new History();
        history.OnEpochEnd(0, new Dictionary<string, double> { ["loss"] = 2.0 });
        history.OnEpochEnd(1, new Dictionary<string, double> { ["loss"] = double.NaN });
        history.OnEpochEnd(2, new Dictionary<string, double> { ["loss"] = 1.0 });

        var document = XDocument.Parse(TrainingCurves.ToSvg(history));

        var points = ((string)document.Descendants(Svg + "polyline").Single().Attribute("points")!).Split(' ')
            .Select(p => double.Parse(p.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
        Assert.That(points, Has.Length.EqualTo(2));
        Assert.That(points[1], Is.GreaterThan(points[0]));
    }
}
