namespace Graph.Ops.Recurrent;

/// <summary>
/// Where the inputs of a fused recurrent op sit: the sequence <c>x (batch, time, features)</c>, the kernel
/// <c>(features, k·units)</c>, the bias when <see cref="HasBias"/>, the <see cref="States"/> initial states
/// <c>(batch, units)</c>, the recurrent kernel <c>(units, k·units)</c>, then the bool mask <c>(batch, time)</c>, the
/// input dropout masks <c>(1 or k, batch, features)</c> and the recurrent dropout masks <c>(k, batch, units)</c>
/// when present.
/// </summary>
public readonly record struct FusedInputs(int States, bool HasBias, bool Masked, bool InputMasked, bool RecurrentMasked)
{
    /// <summary>Index of the sequence.</summary>
    public const int Sequence = 0;

    /// <summary>Index of the input kernel.</summary>
    public const int Kernel = 1;

    /// <summary>Index of the bias, or −1.</summary>
    public int Bias => HasBias ? 2 : -1;

    /// <summary>Index of the first initial state.</summary>
    public int FirstState => HasBias ? 3 : 2;

    /// <summary>Index of the recurrent kernel.</summary>
    public int RecurrentKernel => FirstState + States;

    /// <summary>Index of the mask, or −1.</summary>
    public int Mask => Masked ? RecurrentKernel + 1 : -1;

    /// <summary>Index of the input dropout masks, or −1.</summary>
    public int InputMasks => InputMasked ? RecurrentKernel + 1 + (Masked ? 1 : 0) : -1;

    /// <summary>Index of the recurrent dropout masks, or −1.</summary>
    public int RecurrentMasks => RecurrentMasked ? RecurrentKernel + 1 + (Masked ? 1 : 0) + (InputMasked ? 1 : 0) : -1;

    /// <summary>Number of inputs.</summary>
    public int Count => RecurrentKernel + 1 + (Masked ? 1 : 0) + (InputMasked ? 1 : 0) + (RecurrentMasked ? 1 : 0);

    /// <summary>The optional trailing inputs (mask, input masks, recurrent masks) in order.</summary>
    public int[] Masks => [.. Masked ? [Mask] : Array.Empty<int>(), .. InputMasked ? [InputMasks] : Array.Empty<int>(),
        .. RecurrentMasked ? [RecurrentMasks] : Array.Empty<int>()];

    /// <summary>Flags for the attribute text.</summary>
    public override string ToString() =>
        $"bias={HasBias}, masked={Masked}, input_masked={InputMasked}, recurrent_masked={RecurrentMasked}";
}
