import Foundation
import Testing
import TensorRuntime
import NeuralNet
import TestSupport

// A whole small Sequential with each loss: the fusion decision, the loss value against a Double reference,
// and gradients (input and every weight) against finite differences, on the fused and unfused paths.
// Then L1/L2 regularisation: the penalty's value and gradient, and that training adds it.

/// dense 5 tanh -> dense `outputs` `final`, on 4 features.
private func lossModel(outputs: Int, final: ActivationKind, seed: UInt64 = 3) throws -> Sequential {
    let m = try Sequential(inputShape: [4], seed: seed)
    try m.add(Dense(units: 5, activation: .tanh))
    try m.add(Dense(units: outputs, activation: final))
    return m
}

/// The loss in Double from the model's final outputs `y` (after its activation), Keras's definitions.
private func referenceLoss(_ loss: Loss, y: [Float], labels: [Int32], outputs k: Int) -> Double {
    let n = labels.count
    func target(_ r: Int, _ j: Int) -> Double { k == 1 ? Double(labels[r]) : (Int(labels[r]) == j ? 1 : 0) }
    var total = 0.0
    switch loss {
    case .sparse_categorical_crossentropy, .categorical_crossentropy:
        for r in 0..<n { total -= log(Double(y[r * k + Int(labels[r])])) }
        return total / Double(n)
    case .binary_crossentropy:
        for r in 0..<n { for j in 0..<k {
            let p = Double(y[r * k + j]), t = target(r, j)
            total -= t * log(p) + (1 - t) * log(1 - p)
        } }
    case .mse:
        for r in 0..<n { for j in 0..<k { let d = Double(y[r * k + j]) - target(r, j); total += d * d } }
    case .mae:
        for r in 0..<n { for j in 0..<k { total += abs(Double(y[r * k + j]) - target(r, j)) } }
    }
    return total / Double(n * k)
}

private func softmaxRows(_ v: [Float], width k: Int) -> [Float] {
    stride(from: 0, to: v.count, by: k).flatMap { start -> [Float] in
        let row = v[start ..< start + k].map(Double.init), m = row.max()!
        let e = row.map { exp($0 - m) }, s = e.reduce(0, +)
        return e.map { Float($0 / s) }
    }
}

struct LossCase: Sendable, CustomTestStringConvertible {
    let loss: Loss, final: ActivationKind, outputs: Int, fused: Bool
    var testDescription: String { "\(loss.rawValue) after \(final.rawValue) x\(outputs)\(fused ? " (fused)" : "")" }
}

@Suite("Losses through a model")
struct LossGradientTests {
    static let cases: [LossCase] = [
        LossCase(loss: .sparse_categorical_crossentropy, final: .softmax, outputs: 3, fused: true),
        LossCase(loss: .sparse_categorical_crossentropy, final: .sigmoid, outputs: 3, fused: false),
        LossCase(loss: .categorical_crossentropy, final: .softmax, outputs: 3, fused: true),
        LossCase(loss: .categorical_crossentropy, final: .sigmoid, outputs: 3, fused: false),
        LossCase(loss: .binary_crossentropy, final: .sigmoid, outputs: 1, fused: true),
        LossCase(loss: .binary_crossentropy, final: .sigmoid, outputs: 3, fused: true),
        LossCase(loss: .binary_crossentropy, final: .softmax, outputs: 3, fused: false),
        LossCase(loss: .sparse_categorical_crossentropy, final: .linear, outputs: 3, fused: true),
        LossCase(loss: .binary_crossentropy, final: .linear, outputs: 1, fused: true),
        LossCase(loss: .mse, final: .linear, outputs: 3, fused: false),
        LossCase(loss: .mse, final: .softmax, outputs: 3, fused: false),
        LossCase(loss: .mse, final: .linear, outputs: 1, fused: false),
        LossCase(loss: .mae, final: .linear, outputs: 3, fused: false),
        LossCase(loss: .mae, final: .sigmoid, outputs: 1, fused: false),
    ]

    @Test("Each loss: fusion, value and gradients through the whole model", arguments: cases)
    func lossThroughModel(_ c: LossCase) throws {
        #expect(c.loss.fusesOutput(c.final) == c.fused)
        let model = try lossModel(outputs: c.outputs, final: c.final)
        let x = randomTensor([6, 4], seed: 5, range: -2...2)
        let labels = randomLabels(count: 6, classes: c.outputs == 1 ? 2 : c.outputs, seed: 6)
        let ctx = ForwardContext(training: true)
        let value = try c.loss.compute(try model.forward(x, ctx, logits: c.fused), labels: labels, fused: c.fused)
        #expect(value.shape == [] || value.count == 1)
        var probabilities = try model.forward(x, ctx).array
        if c.final == .linear && c.fused {   // a linear end gives logits: the loss applies softmax/sigmoid itself
            probabilities = c.loss == .binary_crossentropy ? probabilities.map { 1 / (1 + exp(-$0)) } : softmaxRows(probabilities, width: c.outputs)
        }
        let expected = referenceLoss(c.loss, y: probabilities, labels: labels, outputs: c.outputs)
        #expect(abs(Double(value.scalar) - expected) <= 1e-5 + 1e-4 * abs(expected), "\(c.testDescription): \(value.scalar) vs \(expected)")
        // mae has kinks where an output equals its target; outputs here stay far from 0 and 1 targets.
        let result = try gradientCheck(inputs: [x] + model.trainableParameters, eps: c.loss == .mae ? 1e-3 : 1e-2) {
            try c.loss.compute(try model.forward(x, ctx, logits: c.fused), labels: labels, fused: c.fused)
        }
        #expect(result.passed, "\(c.testDescription): \(result)")
    }

    @Test("Fused and unfused paths give the same loss, and both gradients check",
          arguments: [(Loss.sparse_categorical_crossentropy, ActivationKind.softmax), (.categorical_crossentropy, .softmax), (.binary_crossentropy, .sigmoid)])
    func fusedMatchesUnfused(_ loss: Loss, _ final: ActivationKind) throws {
        let model = try lossModel(outputs: 3, final: final, seed: 9)
        let x = randomTensor([5, 4], seed: 10, range: -2...2)
        let labels = randomLabels(count: 5, classes: 3, seed: 11)
        let ctx = ForwardContext(training: true)
        let fused = try loss.compute(try model.forward(x, ctx, logits: true), labels: labels, fused: true).scalar
        let unfused = try loss.compute(try model.forward(x, ctx, logits: false), labels: labels, fused: false).scalar
        #expect(abs(fused - unfused) < 1e-5 * max(1, abs(fused)), "\(loss): fused \(fused), unfused \(unfused)")
        for useLogits in [true, false] {
            let result = try gradientCheck(inputs: [x] + model.trainableParameters) {
                try loss.compute(try model.forward(x, ctx, logits: useLogits), labels: labels, fused: useLogits)
            }
            #expect(result.passed, "\(loss) \(useLogits ? "fused" : "unfused"): \(result)")
        }
    }

    @Test("A label outside the outputs is an error naming it")
    func badLabel() throws {
        let out = Tensor([0.2, 0.8, 0.5, 0.5], shape: [2, 2])
        for loss in [Loss.categorical_crossentropy, .binary_crossentropy, .mse] {
            let error = thrownError { _ = try loss.compute(out, labels: [0, 2], fused: false) }
            #expect(error is TensorError, "\(loss)")
            #expect("\(error.map { "\($0)" } ?? "")".contains("2"), "\(loss)")
        }
        #expect(throws: TensorError.self) { _ = try Loss.mse.compute(out, labels: [0], fused: false) }
    }
}

@Suite("Regularisation")
struct RegularizationTests {
    /// conv2d (l2) -> flatten -> dense (l1 + l2) -> dense (none), with kernels away from 0 (L1's kink).
    private func regularizedModel() throws -> (Sequential, Conv2D, Dense) {
        let m = try Sequential(inputShape: [4, 4, 1], seed: 5)
        let conv = try Conv2D(filters: 2, kernelSize: 3, activation: .tanh, regularizer: Regularizer(l2: 0.05))
        let dense = try Dense(units: 3, activation: .tanh, regularizer: Regularizer(l1: 0.01, l2: 0.02))
        try m.add(conv); try m.add(Flatten()); try m.add(dense); try m.add(Dense(units: 2, activation: .softmax))
        setValues(conv.kernel, randomSignedTensor([3, 3, 1, 2], seed: 6, magnitude: 0.1...0.9).array)
        setValues(dense.kernel, randomSignedTensor([8, 3], seed: 7, magnitude: 0.1...0.9).array)
        return (m, conv, dense)
    }

    @Test("The penalty is l1·Σ|w| + l2·Σw² over regularised kernels only, with gradient l1·sign(w) + 2·l2·w")
    func penaltyValueAndGradient() throws {
        let (m, conv, dense) = try regularizedModel()
        let ck = try #require(conv.kernel).array, dk = try #require(dense.kernel).array
        let expected = 0.05 * ck.reduce(0.0) { $0 + Double($1 * $1) }
            + dk.reduce(0.0) { $0 + 0.01 * Double(abs($1)) + 0.02 * Double($1 * $1) }
        let penalty = try #require(try m.regularizationLoss())
        #expect(abs(Double(penalty.scalar) - expected) < 1e-5)
        for t in m.trainableParameters { t.zeroGrad() }
        penalty.backward()
        let dGrad = try #require(dense.kernel).gradArray, cGrad = try #require(conv.kernel).gradArray
        #expect(maxAbsDifference(dGrad, dk.map { 0.01 * ($0 > 0 ? 1 : -1) + 0.04 * $0 }) < 1e-6)
        #expect(maxAbsDifference(cGrad, ck.map { 0.1 * $0 }) < 1e-6)
        #expect(try #require(dense.bias).gradArray.allSatisfy { $0 == 0 }, "biases are not regularised")
        let result = try gradientCheck(inputs: [try #require(conv.kernel), try #require(dense.kernel)], eps: 1e-3) {
            try #require(try m.regularizationLoss())
        }
        #expect(result.passed, "\(result)")
    }

    @Test("No regularisers: no penalty; a frozen layer's penalty is left out")
    func noPenalty() throws {
        #expect(try tinyCNN().regularizationLoss() == nil)
        let (m, conv, dense) = try regularizedModel()
        try m.setTrainable(false, at: 0)
        let dk = try #require(dense.kernel).array
        let expected = dk.reduce(0.0) { $0 + 0.01 * Double(abs($1)) + 0.02 * Double($1 * $1) }
        #expect(abs(Double(try #require(try m.regularizationLoss()).scalar) - expected) < 1e-5)
        _ = conv
    }

    @Test("Data loss plus penalty: gradients check through the whole model, and the trainer reports the sum")
    func trainerAddsPenalty() throws {
        let (m, _, _) = try regularizedModel()
        let x = randomTensor([6, 4, 4, 1], seed: 8)
        let labels = randomLabels(count: 6, classes: 2, seed: 9)
        let ctx = ForwardContext(training: true)
        let result = try gradientCheck(inputs: m.trainableParameters, eps: 1e-3) {
            try Tensor.add(try Loss.sparse_categorical_crossentropy.compute(try m.forward(x, ctx, logits: true), labels: labels, fused: true),
                           try #require(try m.regularizationLoss()))
        }
        #expect(result.passed, "\(result)")

        let data = ArrayData(sampleShape: [4, 4, 1], inputs: x.array, labels: labels)
        let dataLoss = try Loss.sparse_categorical_crossentropy.compute(try m.forward(x, ctx, logits: true), labels: labels, fused: true).scalar
        let penalty = try #require(try m.regularizationLoss()).scalar
        let trainer = Trainer(model: m, loss: .sparse_categorical_crossentropy, optimizer: OptimizerConfig(kind: .sgd, learningRate: 0.1), batchSize: 6)
        trainer.shuffle = false
        try trainer.trainBatches(1, on: data, validation: nil)
        #expect(trainer.batchLosses.count == 1)
        #expect(abs(trainer.batchLosses[0] - Double(dataLoss + penalty)) < 1e-5, "\(trainer.batchLosses[0]) vs \(dataLoss) + \(penalty)")
        #expect(penalty > 0.01)
    }
}
