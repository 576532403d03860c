using System.Globalization;
using System.IO.Compression;

namespace Digits;

/// <summary>The UCI handwritten digits (data/digits.csv.gz): 1797 rows of 64 pixel values (0..16) and a label.</summary>
public sealed record DigitsData(float[][] Features, int[] Labels)
{
    /// <summary>Reads the gzip CSV, scaling pixels to [0, 1].</summary>
    public static DigitsData Load(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var features = new List<float[]>();
        var labels = new List<int>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var cells = line.Split(',');
            if (cells.Length != 65) throw new InvalidDataException($"{path}: expected 65 columns, found {cells.Length} in row {labels.Count + 1}.");
            features.Add(cells[..64].Select(c => float.Parse(c, CultureInfo.InvariantCulture) / 16f).ToArray());
            labels.Add(int.Parse(cells[64], CultureInfo.InvariantCulture));
        }
        return new DigitsData(features.ToArray(), labels.ToArray());
    }

    /// <summary>
    /// A stratified split: within each class, a seeded shuffle, then the first <paramref name="trainFraction"/> of it
    /// trains (rounded), the rest tests — so both parts keep the class proportions.
    /// </summary>
    public (DigitsData Train, DigitsData Test) StratifiedSplit(double trainFraction, int seed)
    {
        var random = new Random(seed);
        var train = new List<int>();
        var test = new List<int>();
        foreach (var group in Enumerable.Range(0, Labels.Length).GroupBy(i => Labels[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            int cut = (int)Math.Round(members.Length * trainFraction);
            train.AddRange(members[..cut]);
            test.AddRange(members[cut..]);
        }
        // Interleave the classes in the training order (Fit shuffles anyway; this keeps any prefix balanced).
        var trainRows = train.ToArray();
        random.Shuffle(trainRows);
        return (Subset(trainRows), Subset(test.ToArray()));
    }

    private DigitsData Subset(int[] rows) => new(rows.Select(r => Features[r]).ToArray(), rows.Select(r => Labels[r]).ToArray());

    /// <summary>Finds data/digits.csv.gz above the working directory or the program's directory.</summary>
    public static string FindFile()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data", "digits.csv.gz");
                if (File.Exists(candidate)) return candidate;
            }
        throw new FileNotFoundException("data/digits.csv.gz not found above the current or the program's directory.");
    }
}
