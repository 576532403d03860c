using System.Text.Json;
using System.Text.Json.Nodes;
using Graph.Runtime.Training.Optimizers;

namespace Graph.Runtime.Saving;

/// <summary>
/// Keras's optimizer serialization: <c>{"class_name": "Adam", "config": {"lr": ..., "beta_1": ..., ...}}</c> with the
/// keys of each Keras 2 optimizer's <c>get_config</c> (plus <c>clipnorm</c>/<c>clipvalue</c> when set), and back.
/// One explicit switch over the built-in optimizers; the learning rate saved is the current one.
/// </summary>
internal static class OptimizerConfig
{
    /// <summary>The optimizer's class name and hyper-parameters.</summary>
    /// <exception cref="ArgumentException">an optimizer type this format does not know.</exception>
    public static JsonObject ToConfig(Optimizer optimizer)
    {
        var config = new JsonObject { ["lr"] = optimizer.LearningRate };
        string className;
        switch (optimizer)
        {
            case Sgd sgd:
                className = "SGD";
                config["momentum"] = sgd.Momentum;
                config["decay"] = sgd.Decay;
                config["nesterov"] = sgd.Nesterov;
                break;
            case RmsProp rms:
                className = "RMSprop";
                config["rho"] = rms.Rho;
                config["decay"] = rms.Decay;
                config["epsilon"] = rms.Epsilon;
                break;
            case Adagrad adagrad:
                className = "Adagrad";
                config["decay"] = adagrad.Decay;
                config["epsilon"] = adagrad.Epsilon;
                break;
            case Adadelta adadelta:
                className = "Adadelta";
                config["rho"] = adadelta.Rho;
                config["decay"] = adadelta.Decay;
                config["epsilon"] = adadelta.Epsilon;
                break;
            case Adam adam:
                className = "Adam";
                config["beta_1"] = adam.Beta1;
                config["beta_2"] = adam.Beta2;
                config["decay"] = adam.Decay;
                config["epsilon"] = adam.Epsilon;
                config["amsgrad"] = adam.Amsgrad;
                break;
            case Adamax adamax:
                className = "Adamax";
                config["beta_1"] = adamax.Beta1;
                config["beta_2"] = adamax.Beta2;
                config["decay"] = adamax.Decay;
                config["epsilon"] = adamax.Epsilon;
                break;
            case Nadam nadam:
                className = "Nadam";
                config["beta_1"] = nadam.Beta1;
                config["beta_2"] = nadam.Beta2;
                config["epsilon"] = nadam.Epsilon;
                config["schedule_decay"] = nadam.ScheduleDecay;
                break;
            default:
                throw new ArgumentException($"Optimizer {optimizer.GetType().Name} cannot be saved: only the built-in Keras optimizers have a config.", nameof(optimizer));
        }
        if (optimizer.ClipNorm is { } clipNorm) config["clipnorm"] = clipNorm;
        if (optimizer.ClipValue is { } clipValue) config["clipvalue"] = clipValue;
        return new JsonObject { ["class_name"] = className, ["config"] = config };
    }

    /// <summary>A new optimizer from <see cref="ToConfig"/>'s output; absent keys take Keras's defaults.</summary>
    /// <exception cref="ArgumentException">an unknown class name or a value of the wrong type.</exception>
    public static Optimizer FromConfig(JsonObject json)
    {
        string className = json["class_name"] is JsonValue name && name.TryGetValue(out string? text) ? text
            : throw new ArgumentException("The optimizer config has no string 'class_name'.");
        var c = json["config"] as JsonObject ?? throw new ArgumentException($"The optimizer config of '{className}' has no 'config' object.");
        double? clipNorm = Nullable(c, "clipnorm"), clipValue = Nullable(c, "clipvalue");
        return className switch
        {
            "SGD" => new Sgd(Number(c, "lr", 0.01), Number(c, "momentum", 0), Flag(c, "nesterov"), Number(c, "decay", 0), clipNorm, clipValue),
            "RMSprop" => new RmsProp(Number(c, "lr", 0.001), Number(c, "rho", 0.9), Nullable(c, "epsilon"), Number(c, "decay", 0), clipNorm, clipValue),
            "Adagrad" => new Adagrad(Number(c, "lr", 0.01), Nullable(c, "epsilon"), Number(c, "decay", 0), clipNorm, clipValue),
            "Adadelta" => new Adadelta(Number(c, "lr", 1.0), Number(c, "rho", 0.95), Nullable(c, "epsilon"), Number(c, "decay", 0), clipNorm, clipValue),
            "Adam" => new Adam(Number(c, "lr", 0.001), Number(c, "beta_1", 0.9), Number(c, "beta_2", 0.999), Nullable(c, "epsilon"),
                Number(c, "decay", 0), Flag(c, "amsgrad"), clipNorm, clipValue),
            "Adamax" => new Adamax(Number(c, "lr", 0.002), Number(c, "beta_1", 0.9), Number(c, "beta_2", 0.999), Nullable(c, "epsilon"),
                Number(c, "decay", 0), clipNorm, clipValue),
            "Nadam" => new Nadam(Number(c, "lr", 0.002), Number(c, "beta_1", 0.9), Number(c, "beta_2", 0.999), Nullable(c, "epsilon"),
                Number(c, "schedule_decay", 0.004), clipNorm, clipValue),
            _ => throw new ArgumentException($"Unknown optimizer class '{className}'. Known: SGD, RMSprop, Adagrad, Adadelta, Adam, Adamax, Nadam."),
        };
    }

    private static double Number(JsonObject c, string key, double fallback) => Nullable(c, key) ?? fallback;

    private static double? Nullable(JsonObject c, string key) => c[key] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>(),
        _ => throw new ArgumentException($"Optimizer config '{key}' must be a number."),
    };

    private static bool Flag(JsonObject c, string key) => c[key] switch
    {
        null => false,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        _ => throw new ArgumentException($"Optimizer config '{key}' must be true or false."),
    };
}
