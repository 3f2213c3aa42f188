import Testing
import TensorRuntime
import NeuralNet
import TestSupport

// Configurations too large for memory or for Int: refused with a ModelError, never a trap or an
// allocation that kills the process. And what each layer reports it needs.

/// A layer configuration that must be refused when added to a model of `input`.
struct HugeCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: [Int]
    let make: @Sendable () throws -> Layer
    var testDescription: String { name }
}

@Suite("Model limits")
struct ModelLimitsTests {
    static let huge: [HugeCase] = [
        HugeCase(name: "dense 9223372036854775807", input: [10]) { try Dense(units: Int.max) },
        HugeCase(name: "embedding 267 9007199254740993", input: [10]) { try Embedding(vocabulary: 267, dimension: 9_007_199_254_740_993) },
        HugeCase(name: "conv2d 9223372036854775807 3", input: [28, 28, 1]) { try Conv2D(filters: Int.max, kernelSize: 3) },
        HugeCase(name: "conv2d 1 9223372036854775807 same", input: [28, 28, 1]) { try Conv2D(filters: 1, kernelSize: Int.max, padding: .same) },
        HugeCase(name: "dense 100000 on 100000 inputs", input: [100_000]) { try Dense(units: 100_000) },
        HugeCase(name: "layer norm on 4611686018427387904 features", input: [4_611_686_018_427_387_904]) { try LayerNormalization() },
    ]

    @Test("Huge layers are refused before anything is allocated", arguments: huge)
    func hugeLayers(_ c: HugeCase) throws {
        let model = try Sequential(inputShape: c.input)
        model.weightBudget = 1 << 30
        let layer = try c.make()
        let error = thrownError { try model.add(layer) }
        switch error as? ModelError {
        case .tooLarge?, .outputTooLarge?: break
        default: Issue.record("expected tooLarge or outputTooLarge, got \(String(describing: error))")
        }
        #expect(model.layers.isEmpty)
        #expect(layer.name == "")
        #expect(layer.parameters.isEmpty)
    }

    @Test("Shapes whose element count overflows are refused by constructors and output shapes")
    func overflowingShapes() throws {
        let reshape = thrownError { _ = try Reshape([3_037_000_500, 3_037_000_500]) }
        guard case .invalidConfiguration(layer: "reshape", _)? = reshape as? ModelError else {
            Issue.record("expected invalidConfiguration, got \(String(describing: reshape))"); return
        }
        #expect(throws: ModelError.self) { _ = try Sequential(inputShape: [3_037_000_500, 3_037_000_500]) }
        let flatten = Flatten()
        flatten.name = "flatten_1"
        #expect(throws: ModelError.outputTooLarge(layer: "flatten_1", input: [Int.max, 2])) { _ = try flatten.outputShape(for: [Int.max, 2]) }
        let r = try Reshape([4])
        #expect(throws: ModelError.self) { _ = try r.outputShape(for: [Int.max, 2]) }
    }

    @Test("A stride beyond the input gives one output pixel, and runs", arguments: [Padding.same, .valid])
    func hugeStride(_ padding: Padding) throws {
        let conv = try Conv2D(filters: 1, kernelSize: 3, stride: Int.max, padding: padding)
        #expect(try conv.outputShape(for: [28, 28, 1]) == [1, 1, 1])
        let pool = try Pooling2D(.max, size: 2, stride: Int.max, padding: padding)
        #expect(try pool.outputShape(for: [28, 28, 3]) == [1, 1, 3])
        let model = try Sequential(inputShape: [5, 5, 1])
        try model.add(conv)
        let x = randomTensor([1, 5, 5, 1], seed: 4)
        let y = try model(x, ForwardContext(training: false))
        let ref = referenceConv2d(x, try #require(conv.kernel), conv.bias, stride: 5, padding: padding)
        #expect(y.shape == [1, 1, 1, 1])
        #expect(maxAbsDifference(y, ref) < 1e-5)
    }

    @Test("Weights over the budget: the message names the layer, the size and the limit, with a hint")
    func budgetMessage() throws {
        let model = try Sequential(inputShape: [100_000])
        model.weightBudget = 1 << 30
        let error = thrownError { try model.add(Dense(units: 100_000)) }
        let e = try #require(error as? ModelError)
        #expect(e == .tooLarge(layer: "dense_1", bytes: 40_000_400_000, limit: 1 << 30))
        #expect(e.message == "dense_1 would bring the model's weights to 37.25 GB, more than the 1.00 GB a model may use")
        #expect(e.hint == "use fewer units or filters, or make the input smaller first (pooling, a strided convolution)")
        #expect(e.description == e.message + " - " + (e.hint ?? ""))
        #expect(Sequential.defaultWeightBudget > 0)
    }

    @Test("The budget counts the whole model, and a model just under it is accepted")
    func budgetIsCumulative() throws {
        let model = try Sequential(inputShape: [10])
        model.weightBudget = 4 * (110 + 110)
        try model.add(Dense(units: 10))
        try model.add(Dense(units: 10))
        #expect(throws: ModelError.tooLarge(layer: "dense_3", bytes: 4 * 330, limit: 880)) { try model.add(Dense(units: 10)) }
        #expect(model.layers.count == 2)
    }

    @Test("The seed CNN's memory report for a batch of 32")
    func seedCNNMemory() throws {
        let model = try Sequential.seedCNN()
        let report = try model.memory(batch: 32)
        let outputs = 26 * 26 * 32 + 13 * 13 * 32 + 11 * 11 * 64 + 5 * 5 * 64 + 1600 + 128 + 10
        // conv1 (K = 9 <= 32 filters) keeps its im2col rows for the batch; conv2 (K = 288 > 64) one block of
        // 112 rows, whatever the batch.
        let im2col = 26 * 26 * 9 * 32 + 112 * 288
        #expect(report.weights == 225_034 * 4)
        #expect(report.activations == (2 * outputs + 28 * 28) * 32 * 4)
        #expect(report.scratch == (outputs * 32 + im2col) * 4)
        #expect(report.total == report.weights + report.activations + report.scratch)
    }

    @Test("A container reports its children's sum; a residual adds its sum and gradient")
    func containerMemory() throws {
        let dense = try Dense(units: 8)
        let alone = try dense.memory(inputShape: [8], batch: 4)
        let residual = Residual(try Dense(units: 8))
        let wrapped = try residual.memory(inputShape: [8], batch: 4)
        #expect(alone == LayerMemory(weights: 72 * 4, activations: 2 * 8 * 4 * 4, scratch: 8 * 4 * 4))
        #expect(wrapped == LayerMemory(weights: alone.weights, activations: alone.activations * 2, scratch: alone.scratch))
    }

    @Test("Memory reports saturate instead of trapping")
    func memorySaturates() throws {
        let conv = try Conv2D(filters: 1 << 40, kernelSize: 1 << 20)
        let report = try conv.memory(inputShape: [1 << 21, 1 << 21, 1 << 20], batch: Int.max)
        #expect(report.weights == Int.max)
        #expect(report.activations == Int.max)
        #expect(report.total == Int.max)
        #expect(try Dense(units: 4).memory(inputShape: [4], batch: -3).activations == 0)
    }
}
