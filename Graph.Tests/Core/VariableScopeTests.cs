using Graph.Core;
using Graph.Core.Structural;
using Graph.Ops;
using Graph.Ops.Initializers;
using Graph.Runtime;
using NUnit.Framework;

namespace Graph.Tests.Core;

/// <summary>TF1's variable_scope / get_variable rules (KERAS_SEMANTICS §9.1).</summary>
public sealed class VariableScopeTests : GraphTestBase
{
    private static readonly Shape Matrix = Shape.Of(2, 3);

    [Test]
    public void GetVariable_NestedScopes_FullNameAndRegistered()
    {
        Node w;
        using (K.VariableScope("outer"))
        using (K.VariableScope("inner"))
            w = K.GetVariable("w", Matrix);

        Assert.That(w.Name, Is.EqualTo("outer/inner/w"));
        Assert.That(Graph.VariablesByName["outer/inner/w"], Is.SameAs(w));
        Assert.That(Graph.CurrentVariableScope, Is.SameAs(Graph.RootVariableScope));
    }

    [Test]
    public void GetVariable_InsideNameScope_IgnoresNameScopeButOpsUseIt()
    {
        Node w, op;
        using (Graph.NameScope("ns"))
        using (K.VariableScope("foo"))
        {
            w = K.GetVariable("w", Matrix);
            op = G.Mul(w, 2.0);
        }

        Assert.That(w.Name, Is.EqualTo("foo/w"));
        Assert.That(op.Name, Does.StartWith("ns/foo/"));
    }

    [Test]
    public void VariableScope_Reentered_OpsUniquifiedVariablesShared()
    {
        Node first, second, op1, op2;
        using (K.VariableScope("foo"))
        {
            first = K.GetVariable("w", Matrix);
            op1 = G.Tanh(first);
        }
        using (K.VariableScope("foo", reuse: true))
        {
            second = K.GetVariable("w", Matrix);
            op2 = G.Tanh(second);
        }

        Assert.That(second, Is.SameAs(first));
        Assert.That(op1.Name, Does.StartWith("foo/"));
        Assert.That(op2.Name, Does.StartWith("foo_1/"));
    }

    [Test]
    public void GetVariable_ExistingWithoutReuse_ThrowsTfWording()
    {
        using (K.VariableScope("foo")) K.GetVariable("w", Matrix);

        using var _ = K.VariableScope("foo");
        Assert.That(() => K.GetVariable("w", Matrix), Throws.ArgumentException.With.Message.EqualTo(
            "Variable foo/w already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?"));
    }

    [Test]
    public void GetVariable_MissingWithReuse_ThrowsTfWording()
    {
        using var _ = K.VariableScope("foo", reuse: true);

        Assert.That(() => K.GetVariable("v", Matrix), Throws.ArgumentException.With.Message.EqualTo(
            "Variable foo/v does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?"));
        Assert.That(Graph.VariablesByName, Is.Empty);
    }

    [Test]
    public void GetVariable_SharedWithOtherShapeOrDtype_ThrowsTfWording()
    {
        using (K.VariableScope("foo")) K.GetVariable("w", Matrix);

        using var _ = K.VariableScope("foo", reuse: true);
        Assert.That(() => K.GetVariable("w", Shape.Of(3, 2)), Throws.ArgumentException.With.Message.EqualTo(
            "Trying to share variable foo/w, but specified shape (3, 2) and found shape (2, 3)."));
        Assert.That(() => K.GetVariable("w", Matrix, DType.Float64), Throws.ArgumentException.With.Message.EqualTo(
            "Trying to share variable foo/w, but specified dtype float64 and found dtype float32."));
        Assert.That(K.GetVariable("w").Shape, Is.EqualTo(Matrix), "no shape given: any shape is compatible");
    }

    [Test]
    public void AutoReuse_CreatesOnceThenReturnsIt()
    {
        Node Build()
        {
            using var _ = K.VariableScope("shared", reuse: VariableReuse.AutoReuse);
            return K.GetVariable("w", Matrix);
        }

        var a = Build();
        var b = Build();

        Assert.That(b, Is.SameAs(a));
        Assert.That(Graph.VariablesByName.Keys, Is.EqualTo(new[] { "shared/w" }));
    }

    [Test]
    public void Reuse_Inherited_CannotBeTurnedOffInside()
    {
        using (K.VariableScope("a")) using (K.VariableScope("b")) K.GetVariable("w", Matrix);

        using var outer = K.VariableScope("a", reuse: true);
        using var inner = K.VariableScope("b", reuse: false);

        Assert.That(inner.Scope.Reuse, Is.EqualTo(VariableReuse.Reuse));
        Assert.That(K.GetVariable("w", Matrix).Name, Is.EqualTo("a/b/w"));
        Assert.That(() => K.GetVariable("new", Matrix), Throws.ArgumentException.With.Message.Contains("does not exist"));
    }

    [Test]
    public void ReuseVariables_OnEnteredScope_SharesFromThenOn()
    {
        using var entry = K.VariableScope("gan");
        var first = K.GetVariable("w", Matrix);
        entry.Scope.ReuseVariables();

        Assert.That(K.GetVariable("w", Matrix), Is.SameAs(first));
    }

    [Test]
    public void ReuseTrue_WithoutName_ThrowsTfWording()
    {
        Assert.That(() => K.VariableScope("", reuse: true),
            Throws.ArgumentException.With.Message.EqualTo("reuse=True cannot be used without a name_or_scope"));
    }

    [Test]
    public void Initializer_ExplicitWinsOverScopeDefault_ScopeDefaultAppliesOtherwise()
    {
        Node scoped, explicitOne, nested;
        using (K.VariableScope("s", initializer: ConstantInitializer.Ones))
        {
            scoped = K.GetVariable("a", Matrix);
            explicitOne = K.GetVariable("b", Matrix, initializer: new ConstantInitializer(5));
            using (K.VariableScope("inner")) nested = K.GetVariable("c", Matrix);
        }

        Assert.That(K.GetValue(scoped).Span<float>().ToArray(), Is.All.EqualTo(1f));
        Assert.That(K.GetValue(explicitOne).Span<float>().ToArray(), Is.All.EqualTo(5f));
        Assert.That(K.GetValue(nested).Span<float>().ToArray(), Is.All.EqualTo(1f), "initializer inherited");
    }

    [Test]
    public void GetVariable_NoInitializerAnywhere_Tf1Defaults()
    {
        var f = K.GetVariable("f", Matrix);
        var i = K.GetVariable("i", Shape.Of(4), DType.Int64);

        Assert.That(((VariableOp)f.Op).Initializer.Name, Is.EqualTo("glorot_uniform"));
        Assert.That(K.GetValue(i).Span<long>().ToArray(), Is.All.EqualTo(0L));
        Assert.That(((VariableOp)f.Op).Trainable, Is.True);
    }

    [Test]
    public void GetVariable_NewWithoutShape_ThrowsTfWording()
    {
        Assert.That(() => K.GetVariable("w"), Throws.ArgumentException.With.Message.StartsWith("Shape of a new variable (w) must be fully defined"));
    }

    [Test]
    public void GetVariable_InitializerUnfitForShape_ThrowsWhenBuiltAndRegistersNothing()
    {
        using var _ = K.VariableScope("s", initializer: new IdentityInitializer());

        Assert.That(() => K.GetVariable("v", Shape.Of(2, 2, 2)), Throws.ArgumentException.With.Message.Contains("2D matrices"));
        Assert.That(Graph.VariablesByName, Is.Empty);
        Assert.That(K.GetVariable("m", Shape.Of(2, 2)).Name, Is.EqualTo("s/m"));
    }

    [Test]
    public void VariableScope_CapturedObjectReentered_SameNamesAndOriginalNameScope()
    {
        VariableScope captured;
        Node w;
        using (var entry = K.VariableScope("enc"))
        {
            captured = entry.Scope;
            w = K.GetVariable("w", Matrix);
        }
        using (K.VariableScope("other"))
        using (K.VariableScope(captured, reuse: true))
        {
            Assert.That(K.GetVariable("w", Matrix), Is.SameAs(w));
            Assert.That(G.Tanh(w).Name, Does.StartWith("enc/"));
        }
    }

    [Test]
    public void Variable_RegisteredByNodeName_FoundByGetVariableWithReuse()
    {
        Node kernel;
        using (Graph.NameScope("dense")) kernel = G.Variable(Matrix, name: "kernel");

        Assert.That(Graph.VariablesByName["dense/kernel"], Is.SameAs(kernel));
        using var _ = K.VariableScope("dense", reuse: true);
        Assert.That(K.GetVariable("kernel", Matrix), Is.SameAs(kernel));
    }

    [Test]
    public void RegisterVariable_NameTaken_Throws()
    {
        var a = G.Variable(Matrix, name: "a");
        var b = G.Variable(Matrix, name: "b");

        Assert.That(() => Graph.RegisterVariable("a", b), Throws.TypeOf<GraphException>().With.Message.Contains("already registered"));
        Assert.That(Graph.VariableName(a), Is.EqualTo("a"));
    }
}
