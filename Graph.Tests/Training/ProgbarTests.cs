using Graph.Runtime.Training;
using NUnit.Framework;

namespace Graph.Tests.Training;

public sealed class ProgbarTests
{
    private static (Progbar Bar, StringWriter Output, Action<double> SetTime) Make(int target, int verbose, bool dynamic)
    {
        double now = 0;
        var output = new StringWriter();
        var bar = new Progbar(target, verbose, output, dynamic, () => now) { Interval = 0 };
        return (bar, output, t => now = t);
    }

    [Test]
    public void Update_Verbose1Redirected_WritesOnlyTheFinalLine()
    {
        var (bar, output, setTime) = Make(1797, verbose: 1, dynamic: false);

        setTime(0.5);
        bar.Accumulate(640, [new("loss", 0.25), new("acc", 0.75)]);
        bar.Update(640);
        setTime(1.2);
        bar.Accumulate(1157, [new("loss", 0.5), new("acc", 1.0)]);
        bar.Update(1797);

        var text = output.ToString();
        // Ordinal checks: culture-aware Contains ignores control characters.
        Assert.That(text.Contains('\r'), Is.False);
        Assert.That(text.Contains('\b'), Is.False);
        Assert.That(text, Is.EqualTo("1797/1797 [==============================] - 1s 668us/step - loss: 0.4110 - acc: 0.9110\n"));
    }

    [Test]
    public void Update_Verbose1Interactive_RedrawsWithEtaThenFinishes()
    {
        var (bar, output, setTime) = Make(1797, verbose: 1, dynamic: true);

        setTime(1.0);
        bar.Accumulate(640, [new("loss", 0.2154), new("acc", 0.9375)]);
        bar.Update(640);
        var partial = output.ToString();
        setTime(3.0);
        bar.Accumulate(1157, [new("loss", 0.2154), new("acc", 0.9375)]);
        bar.Update(1797);

        Assert.That(partial, Is.EqualTo("\r 640/1797 [=========>....................] - ETA: 1s - loss: 0.2154 - acc: 0.9375"));
        Assert.That(output.ToString(), Does.EndWith("\r1797/1797 [==============================] - 3s 2ms/step - loss: 0.2154 - acc: 0.9375\n"));
    }

    [Test]
    public void Update_Verbose2_WritesOneSummaryLine()
    {
        var (bar, output, setTime) = Make(100, verbose: 2, dynamic: false);

        setTime(0.2);
        bar.Accumulate(50, [new("loss", 1.0)]);
        bar.Update(50);
        setTime(2.4);
        bar.Accumulate(50, [new("loss", 0.0006)]);
        bar.Update(100);

        Assert.That(output.ToString(), Is.EqualTo(" - 2s - loss: 0.5003\n"));
    }

    [Test]
    public void Update_SmallAverage_UsesScientificNotation()
    {
        var (bar, output, _) = Make(10, verbose: 2, dynamic: false);

        bar.Accumulate(10, [new("loss", 0.0001234)]);
        bar.Update(10);

        Assert.That(output.ToString(), Is.EqualTo(" - 0s - loss: 1.2340e-04\n"));
    }

    [Test]
    public void Update_Verbose0_WritesNothing()
    {
        var (bar, output, _) = Make(10, verbose: 0, dynamic: true);

        bar.Accumulate(10, [new("loss", 1)]);
        bar.Update(10);

        Assert.That(output.ToString(), Is.Empty);
    }
}
