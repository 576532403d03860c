using Graph.Runtime.Training.Callbacks;
using NUnit.Framework;

namespace Graph.Tests.Training.Callbacks;

public sealed class PythonFormatTests
{
    // Expected strings are what CPython 3 prints for '{x:SPEC}'.format(x=VALUE).
    [TestCase(3.0, "02d", "03")]
    [TestCase(12.0, "02d", "12")]
    [TestCase(0.123456, ".2f", "0.12")]
    [TestCase(0.125, ".4f", "0.1250")]
    [TestCase(-1.5, "+.1f", "-1.5")]
    [TestCase(1.5, "+.1f", "+1.5")]
    [TestCase(0.00012345, ".3e", "1.234e-04")]
    [TestCase(0.00012345, ".3g", "0.000123")]
    [TestCase(123456789.0, ".3g", "1.23e+08")]
    [TestCase(0.5, ".1%", "50.0%")]
    [TestCase(7.0, ">5", "    7")]
    [TestCase(7.0, "*<4d", "7***")]
    [TestCase(0.25, "", "0.25")]
    [TestCase(1234567.0, ",d", "1,234,567")]
    [TestCase(-3.0, "05d", "-0003")]
    public void FormatValue_MatchesPython(double value, string spec, string expected) =>
        Assert.That(PythonFormat.FormatValue(value, spec), Is.EqualTo(expected));

    [Test]
    public void Format_TemplateWithBracesAndFields_ReplacesEachField() =>
        Assert.That(PythonFormat.Format("{{w}}.{epoch:02d}-{val_loss:.2f}.st", new Dictionary<string, double> { ["epoch"] = 7, ["val_loss"] = 0.4567 }),
            Is.EqualTo("{w}.07-0.46.st"));

    [Test]
    public void Format_UnknownField_ThrowsNamingIt() =>
        Assert.That(() => PythonFormat.Format("{val_acc:.2f}", new Dictionary<string, double> { ["epoch"] = 1 }),
            Throws.TypeOf<FormatException>().With.Message.Contains("val_acc"));

    [Test]
    public void FormatValue_IntegerCodeOnFraction_Throws() =>
        Assert.That(() => PythonFormat.FormatValue(0.5, "d"), Throws.TypeOf<FormatException>());
}
