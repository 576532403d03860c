using System.Text.Json.Nodes;
using Graph.Core;

namespace Graph.Ops.Layers;

/// <summary>
/// Keras's <c>StackedRNNCells(cells)</c>: one cell made of several, each feeding its output to the next within a
/// timestep. The states are the cells' states in cell order (tf.keras); the output is the last cell's.
/// </summary>
public sealed class StackedRNNCells : RecurrentCell
{
    /// <inheritdoc/>
    protected override void AddConfig(JsonObject config)
    {
        config["cells"] = new JsonArray(_cells.Select(c => (JsonNode)LayerRegistry.Serialize(c)).ToArray());
    }

    private readonly RecurrentCell[] _cells;

    /// <summary>A stack of <paramref name="cells"/> (at least one).</summary>
    public StackedRNNCells(IReadOnlyList<RecurrentCell> cells, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0) throw new ArgumentException("StackedRNNCells needs at least one cell.", nameof(cells));
        _cells = cells.ToArray();
        foreach (var cell in _cells) TrackLayer(cell);
    }

    /// <summary>The cells, first to last.</summary>
    public IReadOnlyList<RecurrentCell> Cells => _cells;

    /// <inheritdoc/>
    public override IReadOnlyList<int> StateSize => _cells.SelectMany(c => c.StateSize).ToArray();

    /// <inheritdoc/>
    public override int OutputSize => _cells[^1].OutputSize;

    /// <inheritdoc/>
    public override DType DType => _cells[^1].DType;

    /// <inheritdoc/>
    protected override void Build(Shape inputShape)
    {
        var shape = inputShape;
        foreach (var cell in _cells)
        {
            cell.EnsureBuilt(shape);
            shape = new Shape(inputShape[0], cell.OutputSize);
        }
    }

    /// <inheritdoc/>
    public override void BeginCall(Node inputs, IReadOnlyList<Node> initialStates, TrainingArg training)
    {
        var sequence = inputs;
        int offset = 0;
        foreach (var cell in _cells)
        {
            var own = initialStates.Skip(offset).Take(cell.StateSize.Count).ToArray();
            cell.BeginCall(sequence, own, training);
            // Only the shape matters to the next cell's masks: (batch, 1, output) zeros.
            sequence = G.ExpandDims(G.Tile(G.ZerosLike(G.Sum(own[0], 1, keepDims: true)), 1, cell.OutputSize), 1);
            offset += cell.StateSize.Count;
        }
    }

    /// <inheritdoc/>
    public override (Node Output, IReadOnlyList<Node> States) Call(Node input, IReadOnlyList<Node> states, TrainingArg training)
    {
        var x = input;
        var newStates = new List<Node>();
        int offset = 0;
        foreach (var cell in _cells)
        {
            var (output, cellStates) = cell.Call(x, states.Skip(offset).Take(cell.StateSize.Count).ToArray(), training);
            newStates.AddRange(cellStates);
            offset += cell.StateSize.Count;
            x = output;
        }
        return (x, newStates);
    }
}
