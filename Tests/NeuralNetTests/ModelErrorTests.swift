import Testing
import TensorRuntime
import NeuralNet

// ModelError's texts: message and hint, joined by ReportableError's description.

struct ModelErrorText: Sendable, CustomTestStringConvertible {
    let error: ModelError
    let message: String
    let hint: String?
    var testDescription: String { message }
}

@Suite("Model error texts")
struct ModelErrorTests {
    static let cases: [ModelErrorText] = [
        ModelErrorText(error: .shapeMismatch(layer: "dense_1", input: [3, 4], expected: "a vector"),
                       message: "dense_1 cannot take input of shape (3, 4): expected a vector", hint: nil),
        ModelErrorText(error: .invalidConfiguration(layer: "dense", message: "units must be positive, got 0"),
                       message: "dense: units must be positive, got 0", hint: nil),
        ModelErrorText(error: .notBuilt("dense_1 is not built"), message: "dense_1 is not built",
                       hint: "add the layer to a model, which builds its weights"),
        ModelErrorText(error: .unknownLayer("x", known: ["dense_1", "dense_2"]), message: "no layer named 'x'",
                       hint: "layers are dense_1, dense_2"),
        ModelErrorText(error: .unknownLayer("x", known: []), message: "no layer named 'x'", hint: "the model has no layers"),
        ModelErrorText(error: .indexOutOfRange(5, count: 4), message: "layer index 5 is out of range: the model has 4 layers", hint: "use 1...4"),
        ModelErrorText(error: .indexOutOfRange(1, count: 0), message: "layer index 1 is out of range: the model has 0 layers", hint: "add layers first"),
        ModelErrorText(error: .tooLarge(layer: "dense_1", bytes: Int.max, limit: 1 << 30),
                       message: "dense_1 would need more weights than can be counted",
                       hint: "use fewer units or filters, or make the input smaller first (pooling, a strided convolution)"),
        ModelErrorText(error: .outputTooLarge(layer: "flatten_1", input: [Int.max, 2]),
                       message: "flatten_1 would output more than 9223372036854775807 values per example from input (9223372036854775807, 2)",
                       hint: "use fewer units or filters, or make the input smaller first (pooling, a strided convolution)"),
        ModelErrorText(error: .residualShape(layer: "residual_1", input: [8, 8, 4], output: [8, 8, 6]),
                       message: "residual_1: the body turns (8, 8, 4) into (8, 8, 6), but x + body(x) needs the same shape out as in",
                       hint: "keep the shape inside the body: padding=same, stride 1, and as many filters or units as the input has channels"),
        ModelErrorText(error: .duplicateName("dense_1"), message: "a layer named 'dense_1' already exists", hint: "choose another name"),
    ]

    @Test(arguments: cases)
    func text(_ c: ModelErrorText) {
        #expect(c.error.message == c.message)
        #expect(c.error.hint == c.hint)
        #expect(c.error.description == c.message + (c.hint.map { " - " + $0 } ?? ""))
    }
}
