import Testing
import TensorRuntime
import TestSupport

// Every op rejects ill-fitting operands with a typed TensorError whose description names the op and the shapes.

/// An op call that must throw `expected`; the description must mention each of `mentions`.
struct ErrorCase: Sendable, CustomTestStringConvertible {
    let name: String
    let expected: TensorError
    let mentions: [String]
    let call: @Sendable () throws -> Void
    var testDescription: String { name }

    /// A shape mismatch: the description must show both shapes as the user passed them.
    static func mismatch(_ name: String, op: String, _ lhs: [Int], _ rhs: [Int], _ call: @escaping @Sendable () throws -> Void) -> ErrorCase {
        ErrorCase(name: name, expected: .shapeMismatch(op: op, lhs: lhs, rhs: rhs),
                  mentions: [Shape.describe(lhs), Shape.describe(rhs)], call: call)
    }
}

private func z(_ shape: [Int]) -> Tensor { Tensor(zeros: shape) }

@Suite("Shape errors")
struct ShapeErrorTests {
    static let mismatches: [ErrorCase] = [
        .mismatch("add", op: "add", [2, 3], [2]) { _ = try Tensor.add(z([2, 3]), z([2])) },
        .mismatch("add, bias longer than a", op: "add", [3], [2, 3]) { _ = try Tensor.add(z([3]), z([2, 3])) },
        .mismatch("sub", op: "sub", [2, 3], [3, 2]) { _ = try Tensor.sub(z([2, 3]), z([3, 2])) },
        .mismatch("mul", op: "mul", [2, 3], [6]) { _ = try Tensor.mul(z([2, 3]), z([6])) },
        .mismatch("linear", op: "dense", [2, 3], [4, 5]) { _ = try Tensor.linear(z([2, 3]), z([4, 5]), nil) },
        .mismatch("linear bias", op: "dense bias", [5], [4]) { _ = try Tensor.linear(z([2, 4]), z([4, 5]), z([4])) },
        .mismatch("matmul", op: "matmul", [2, 3], [4, 5]) { _ = try Tensor.matmul(z([2, 3]), z([4, 5])) },
        .mismatch("matmul transposeB", op: "matmul", [2, 3], [4, 5]) { _ = try Tensor.matmul(z([2, 3]), z([4, 5]), transposeB: true) },
        .mismatch("matmul with a rank-3 operand", op: "matmul", [2, 3, 4], [4, 5]) { _ = try Tensor.matmul(z([2, 3, 4]), z([4, 5])) },
        .mismatch("batchedMatmul", op: "matmul", [2, 3, 4], [2, 5, 6]) { _ = try Tensor.batchedMatmul(z([2, 3, 4]), z([2, 5, 6])) },
        .mismatch("batchedMatmul batch", op: "matmul", [2, 3, 4], [3, 4, 5]) { _ = try Tensor.batchedMatmul(z([2, 3, 4]), z([3, 4, 5])) },
        .mismatch("conv2d channels", op: "conv2d", [1, 5, 5, 2], [3, 3, 3, 4]) { _ = try Tensor.conv2d(z([1, 5, 5, 2]), z([3, 3, 3, 4]), nil) },
        .mismatch("conv2d bias", op: "conv2d bias", [4], [3]) { _ = try Tensor.conv2d(z([1, 5, 5, 2]), z([3, 3, 2, 4]), z([3])) },
        .mismatch("batchNorm", op: "batchnorm", [4, 3], [2]) {
            _ = try Tensor.batchNorm(z([4, 3]), gamma: z([2]), beta: z([3]), runningMean: z([3]), runningVar: z([3]),
                                     training: true, momentum: 0.9, epsilon: 1e-3)
        },
        .mismatch("layerNorm", op: "layernorm", [4, 3], [4]) { _ = try Tensor.layerNorm(z([4, 3]), gamma: z([4]), beta: z([3]), epsilon: 1e-3) },
        .mismatch("categorical cross-entropy", op: "categorical_crossentropy", [2, 3], [2, 4]) {
            _ = try Tensor.softmaxCrossEntropy(logits: z([2, 3]), targets: z([2, 4]))
        },
        .mismatch("sigmoid cross-entropy", op: "binary_crossentropy", [2, 3], [3, 2]) {
            _ = try Tensor.sigmoidCrossEntropy(logits: z([2, 3]), targets: z([3, 2]))
        },
        .mismatch("binary cross-entropy", op: "binary_crossentropy", [4], [5]) {
            _ = try Tensor.binaryCrossEntropy(probabilities: z([4]), targets: z([5]))
        },
        .mismatch("mse", op: "mse", [2, 3], [6]) { _ = try Tensor.meanSquaredError(z([2, 3]), z([6])) },
        .mismatch("mae", op: "mae", [2, 3], [3, 2]) { _ = try Tensor.meanAbsoluteError(z([2, 3]), z([3, 2])) },
    ]

    static let badShapes: [ErrorCase] = [
        ErrorCase(name: "reshape", expected: .badShape(op: "reshape", shape: [2, 3], expected: "8 elements for (4, 2)"),
                  mentions: ["(2, 3)", "(4, 2)"]) { _ = try z([2, 3]).reshaped([4, 2]) },
        ErrorCase(name: "flatten a scalar", expected: .badShape(op: "flatten", shape: [], expected: "at least one dimension"),
                  mentions: ["()"]) { _ = try z([]).flattened() },
        ErrorCase(name: "conv2d rank-3 input", expected: .badShape(op: "conv2d", shape: [5, 5, 2], expected: "(batch, height, width, channels)"),
                  mentions: ["(5, 5, 2)"]) { _ = try Tensor.conv2d(z([5, 5, 2]), z([3, 3, 2, 4]), nil) },
        ErrorCase(name: "conv2d rank-3 kernel", expected: .badShape(op: "conv2d", shape: [3, 3, 2], expected: "(KH, KW, C, F)"),
                  mentions: ["(3, 3, 2)"]) { _ = try Tensor.conv2d(z([1, 5, 5, 2]), z([3, 3, 2]), nil) },
        ErrorCase(name: "conv2d kernel larger than a valid input",
                  expected: .badShape(op: "conv2d", shape: [1, 2, 5, 1],
                                      expected: "height and width of at least 3x3 for a 3x3 window without padding"),
                  mentions: ["(1, 2, 5, 1)", "3x3"]) { _ = try Tensor.conv2d(z([1, 2, 5, 1]), z([3, 3, 1, 1]), nil) },
        ErrorCase(name: "maxPool rank-2", expected: .badShape(op: "maxpool", shape: [4, 4], expected: "(batch, height, width, channels)"),
                  mentions: ["(4, 4)"]) { _ = try Tensor.maxPool2d(z([4, 4]), size: 2) },
        ErrorCase(name: "avgPool rank-3", expected: .badShape(op: "avgpool", shape: [4, 4, 1], expected: "(batch, height, width, channels)"),
                  mentions: ["(4, 4, 1)"]) { _ = try Tensor.avgPool2d(z([4, 4, 1]), size: 2) },
        ErrorCase(name: "globalAvgPool rank-2", expected: .badShape(op: "globalavgpool", shape: [4, 4], expected: "(batch, height, width, channels)"),
                  mentions: ["(4, 4)"]) { _ = try Tensor.globalAvgPool(z([4, 4])) },
        ErrorCase(name: "softmax empty axis", expected: .badShape(op: "softmax", shape: [2, 0], expected: "a non-empty last axis"),
                  mentions: ["(2, 0)"]) { _ = try Tensor.softmax(z([2, 0])) },
        ErrorCase(name: "logSoftmax scalar", expected: .badShape(op: "log_softmax", shape: [], expected: "a non-empty last axis"),
                  mentions: ["()"]) { _ = try Tensor.logSoftmax(z([])) },
        ErrorCase(name: "embedding table rank 1", expected: .badShape(op: "embedding", shape: [5], expected: "(vocabulary, dimension)"),
                  mentions: ["(5)"]) { _ = try Tensor.embedding(z([2]), table: z([5])) },
        ErrorCase(name: "sparse cross-entropy label count", expected: .badShape(op: "sparse_categorical_crossentropy", shape: [3, 4], expected: "(2, classes)"),
                  mentions: ["(3, 4)", "(2, classes)"]) { _ = try Tensor.softmaxCrossEntropy(logits: z([3, 4]), labels: [0, 1]) },
        ErrorCase(name: "probability cross-entropy label count",
                  expected: .badShape(op: "sparse_categorical_crossentropy", shape: [3, 4], expected: "(2, classes)"),
                  mentions: ["(3, 4)"]) { _ = try Tensor.crossEntropy(probabilities: z([3, 4]), labels: [0, 1]) },
    ]

    static let badArguments: [ErrorCase] = [
        ErrorCase(name: "conv2d stride 0", expected: .badArgument(op: "conv2d", message: "stride must be at least 1, got 0"),
                  mentions: ["stride"]) { _ = try Tensor.conv2d(z([1, 5, 5, 1]), z([3, 3, 1, 1]), nil, stride: 0) },
        ErrorCase(name: "dropout rate 1", expected: .badArgument(op: "dropout", message: "rate must be in [0, 1), got 1.0"),
                  mentions: ["1.0"]) {
            var rng = SeededGenerator(seed: 1)
            _ = try Tensor.dropout(z([3]), rate: 1, rng: &rng)
        },
        ErrorCase(name: "embedding id out of range",
                  expected: .badArgument(op: "embedding", message: "token id 5.0 at position 1 is outside the vocabulary 0..<5"),
                  mentions: ["5.0"]) { _ = try Tensor.embedding(Tensor([1, 5], shape: [2]), table: z([5, 2])) },
        ErrorCase(name: "embedding fractional id",
                  expected: .badArgument(op: "embedding", message: "token id 1.5 at position 0 is outside the vocabulary 0..<5"),
                  mentions: ["1.5"]) { _ = try Tensor.embedding(Tensor([1.5], shape: [1]), table: z([5, 2])) },
        ErrorCase(name: "sparse cross-entropy label out of range",
                  expected: .badArgument(op: "sparse_categorical_crossentropy", message: "label 4 outside 0..<4"),
                  mentions: ["4"]) { _ = try Tensor.softmaxCrossEntropy(logits: z([2, 4]), labels: [0, 4]) },
        ErrorCase(name: "probability cross-entropy negative label",
                  expected: .badArgument(op: "sparse_categorical_crossentropy", message: "label -1 outside 0..<4"),
                  mentions: ["-1"]) { _ = try Tensor.crossEntropy(probabilities: z([2, 4]), labels: [0, -1]) },
    ]

    @Test(arguments: mismatches)
    func shapeMismatch(_ c: ErrorCase) { expectTensorError(c.expected, mentions: c.mentions) { try c.call() } }

    @Test(arguments: badShapes)
    func badShape(_ c: ErrorCase) { expectTensorError(c.expected, mentions: c.mentions) { try c.call() } }

    @Test(arguments: badArguments)
    func badArgument(_ c: ErrorCase) { expectTensorError(c.expected, mentions: c.mentions) { try c.call() } }

    @Test func descriptionFormat() {
        #expect(TensorError.shapeMismatch(op: "add", lhs: [2, 3], rhs: [4]).description == "add: shapes (2, 3) and (4) do not fit")
        #expect(TensorError.badShape(op: "x", shape: [], expected: "y").description == "x: got shape (), expected y")
        #expect(TensorError.badArgument(op: "x", message: "m").description == "x: m")
    }
}
