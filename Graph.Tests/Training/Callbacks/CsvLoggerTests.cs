using System.Globalization;
using Graph.Runtime.Training.Callbacks;
using NUnit.Framework;
using static Graph.Tests.Training.Callbacks.TrainingFixtures;

namespace Graph.Tests.Training.Callbacks;

public sealed class CsvLoggerTests : GraphTestBase
{
    private static (string[] Header, List<string[]> Rows) ReadCsv(string path, char separator)
    {
        var lines = File.ReadAllLines(path);
        return (lines[0].Split(separator), lines.Skip(1).Select(l => l.Split(separator)).ToList());
    }

    [Test]
    public void Fit_FileMatchesHistory_RowPerEpochSameValues()
    {
        var folder = TempFolder();
        var path = Path.Combine(folder, "log.csv");
        var model = Classifier();

        var history = model.Fit(Features(40, 5), Labels(40, 3), batchSize: 8, epochs: 3, verbose: 0, validationSplit: 0.25,
            callbacks: [new CsvLogger(path, separator: ';')]);

        var (header, rows) = ReadCsv(path, ';');
        Assert.That(header, Is.EqualTo(new[] { "epoch", "acc", "loss", "val_acc", "val_loss" }));
        Assert.That(rows, Has.Count.EqualTo(3));
        for (int e = 0; e < 3; e++)
        {
            Assert.That(int.Parse(rows[e][0], CultureInfo.InvariantCulture), Is.EqualTo(history.Epochs[e]));
            for (int c = 1; c < header.Length; c++)
                Assert.That(double.Parse(rows[e][c], CultureInfo.InvariantCulture), Is.EqualTo(history[header[c]][e]), $"{header[c]} at epoch {e}");
        }
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public void Fit_AppendAcrossRestarts_OneHeaderAndEveryEpochOnce()
    {
        var folder = TempFolder();
        var path = Path.Combine(folder, "log.csv");
        var model = Classifier();
        var x = Features(20, 5);
        var y = Labels(20, 3);

        var first = model.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0, callbacks: [new CsvLogger(path, append: true)]);
        var second = model.Fit(x, y, batchSize: 8, epochs: 4, initialEpoch: 2, verbose: 0, callbacks: [new CsvLogger(path, append: true)]);

        var (header, rows) = ReadCsv(path, ',');
        Assert.That(header, Is.EqualTo(new[] { "epoch", "acc", "loss" }));
        Assert.That(rows.Select(r => r[0]), Is.EqualTo(new[] { "0", "1", "2", "3" }));
        var losses = first["loss"].Concat(second["loss"]).ToArray();
        Assert.That(rows.Select(r => double.Parse(r[2], CultureInfo.InvariantCulture)), Is.EqualTo(losses));
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public void Fit_WithoutAppend_OverwritesTheOldFile()
    {
        var folder = TempFolder();
        var path = Path.Combine(folder, "log.csv");
        File.WriteAllText(path, "old,content\n1,2\n");
        var model = Classifier();

        model.Fit(Features(20, 5), Labels(20, 3), batchSize: 8, epochs: 1, verbose: 0, callbacks: [new CsvLogger(path)]);

        Assert.That(File.ReadAllLines(path), Has.Length.EqualTo(2));
        Assert.That(File.ReadAllLines(path)[0], Is.EqualTo("epoch,acc,loss"));
        Directory.Delete(folder, recursive: true);
    }
}
