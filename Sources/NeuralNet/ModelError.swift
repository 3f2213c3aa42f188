import TensorRuntime

/// Thrown by layers and models for problems a user can cause. The text comes from `ReportableError`:
/// `message` says what went wrong, `hint` (when there is one) what to do.
public enum ModelError: ReportableError, Equatable {
    case shapeMismatch(layer: String, input: [Int], expected: String)
    /// Like `shapeMismatch`, with a hint particular to the layer (what to change in its configuration).
    case unfitInput(layer: String, input: [Int], expected: String, hint: String)
    case invalidConfiguration(layer: String, message: String)
    case notBuilt(String)
    case unknownLayer(String, known: [String])
    case indexOutOfRange(Int, count: Int)
    case weightsMismatch(String)
    /// The model's weights would take `bytes` (Int.max: more than can be counted) once `layer` is built,
    /// more than the `limit` a model may use.
    case tooLarge(layer: String, bytes: Int, limit: Int)
    /// `layer` would output more than `Int.max` values per example; `shape` is the input it was given.
    case outputTooLarge(layer: String, input: [Int])
    /// A residual whose body changes the shape: x + body(x) needs `output == input`.
    case residualShape(layer: String, input: [Int], output: [Int])
    /// Two layers of one container with the same name.
    case duplicateName(String)
    /// The model would hold `count` layers, nested ones included, more than `limit`.
    case tooManyLayers(layer: String, count: Int, limit: Int)
    /// `layer` would nest blocks `depth` deep, more than `limit`.
    case nestedTooDeep(layer: String, depth: Int, limit: Int)
    /// Training (or another graph-building pass) asked of a model in its int8 state.
    case quantized(String)

    public var message: String {
        switch self {
        case let .shapeMismatch(layer, input, expected), let .unfitInput(layer, input, expected, _):
            return "\(layer) cannot take input of shape \(Shape.describe(input)): expected \(expected)"
        case let .invalidConfiguration(layer, message): return "\(layer): \(message)"
        case let .notBuilt(what): return what
        case let .unknownLayer(name, _): return "no layer named '\(name)'"
        case let .indexOutOfRange(i, count): return "layer index \(i) is out of range: the model has \(count) layer\(count == 1 ? "" : "s")"
        case let .weightsMismatch(message): return message
        case let .tooLarge(layer, bytes, limit):
            guard bytes < Int.max else { return "\(layer) would need more weights than can be counted" }
            return "\(layer) would bring the model's weights to \(ModelSummary.memory(bytes)), "
                + "more than the \(ModelSummary.memory(limit)) a model may use"
        case let .outputTooLarge(layer, input):
            return "\(layer) would output more than \(Int.max) values per example from input \(Shape.describe(input))"
        case let .residualShape(layer, input, output):
            return "\(layer): the body turns \(Shape.describe(input)) into \(Shape.describe(output)), "
                + "but x + body(x) needs the same shape out as in"
        case let .duplicateName(name): return "a layer named '\(name)' already exists"
        case let .tooManyLayers(layer, count, limit):
            return "\(layer) would bring the model to \(count) layers (nested ones included), more than the \(limit) a model may hold"
        case let .nestedTooDeep(layer, depth, limit):
            return "\(layer) would nest blocks \(depth) deep, more than the \(limit) levels a model may have"
        case let .quantized(model): return (model.isEmpty ? "the model" : "model '\(model)'") + " is quantised to int8, which runs inference only"
        }
    }

    public var hint: String? {
        switch self {
        case .shapeMismatch, .invalidConfiguration, .weightsMismatch: return nil
        case let .unfitInput(_, _, _, hint): return hint
        case .notBuilt: return "add the layer to a model, which builds its weights"
        case let .unknownLayer(_, known):
            return known.isEmpty ? "the model has no layers" : "layers are " + known.joined(separator: ", ")
        case let .indexOutOfRange(_, count): return count == 0 ? "add layers first" : "use 1...\(count)"
        case .tooLarge, .outputTooLarge:
            return "use fewer units or filters, or make the input smaller first (pooling, a strided convolution)"
        case .residualShape:
            return "keep the shape inside the body: padding=same, stride 1, and as many filters or units as the input has channels"
        case .duplicateName: return "choose another name"
        case .tooManyLayers: return "use a smaller block, or add it fewer times"
        case .nestedTooDeep: return "add the block's layers directly instead of a block that holds blocks"
        case .quantized: return "`quantize off` returns to the float weights (train those, then `quantize int8` again)"
        }
    }

    /// The element count of `shape`, or `outputTooLarge` for `layer` when it does not fit in an `Int`.
    static func checkedCount(_ shape: [Int], layer: String, input: [Int]) throws -> Int {
        do {
            return try Shape.checkedCount(shape, op: layer)
        } catch {
            throw ModelError.outputTooLarge(layer: layer, input: input)
        }
    }
}
