// Per-token sparse cross-entropy and metrics on outputs (N, T, K) with targets (N, T), by hand.

import Testing
import TensorRuntime
@testable import NeuralNet

@Suite struct PerTokenLossTests {
    /// One sequence of two tokens, two classes: logits [[2, 0], [0, 0]], targets [0, 1].
    /// Token 0: log(1 + e^-2) = 0.126928; token 1: log 2 = 0.693147; mean 0.410038.
    @Test func sparseCrossEntropyIsTheMeanOverTokens() throws {
        let logits = Tensor([2, 0, 0, 0], shape: [1, 2, 2])
        let targets = Tensor([0, 1], shape: [1, 2])
        let fused = try Loss.sparse_categorical_crossentropy.compute(logits, targets: .values(targets), fused: true)
        #expect(abs(fused.scalar - 0.410038) < 1e-5)
        let probabilities = Tensor([0.5, 0.5, 0.25, 0.75], shape: [1, 2, 2])
        let clipped = try Loss.sparse_categorical_crossentropy.compute(probabilities, targets: .values(targets), fused: false)
        // (-log 0.5 - log 0.75) / 2 = (0.693147 + 0.287682) / 2
        #expect(abs(clipped.scalar - 0.490415) < 1e-5)
    }

    @Test func gradientReachesEveryToken() throws {
        let logits = Tensor([0, 0, 0, 0], shape: [1, 2, 2], requiresGrad: true)
        let loss = try Loss.sparse_categorical_crossentropy.compute(logits, targets: .values(Tensor([0, 1], shape: [1, 2])), fused: true)
        loss.backward()
        // (softmax - onehot) / tokens: [[0.5 - 1, 0.5], [0.5, 0.5 - 1]] / 2
        #expect(logits.gradArray == [-0.25, 0.25, 0.25, -0.25])
    }

    @Test(arguments: [
        ([1, 2, 3] as [Int], [1, 3] as [Int], "shape"),
        ([1, 2, 3], [1, 2], "not a class index"),
    ])
    func badTargetsAreNamed(outputShape: [Int], targetShape: [Int], message: String) {
        let output = Tensor(zeros: outputShape)
        let targets = Tensor(Array(repeating: 5, count: targetShape.reduce(1, *)), shape: targetShape)
        #expect { try Loss.sparse_categorical_crossentropy.compute(output, targets: .values(targets), fused: true) } throws: { error in
            "\(error)".contains(message)
        }
    }

    /// Two sequences of two tokens over three classes. Predictions: [0, 1] (both right) and [2, 0]
    /// (targets [2, 2]: one of two right).
    @Test func accuracyCountsTokensAndSequenceAccuracyWholeSequences() {
        let output = Tensor([0.9, 0.05, 0.05, 0.1, 0.8, 0.1,
                             0.1, 0.1, 0.8, 0.6, 0.3, 0.1], shape: [2, 2, 3])
        let targets = Targets.values(Tensor([0, 1, 2, 2], shape: [2, 2]))
        #expect(Metric.accuracy.score(output, targets: targets) == 1.5)
        #expect(Metric.sequenceAccuracy.score(output, targets: targets) == 1)
        // Top 2: the last token's target 2 scores 0.1, below 0.6 and 0.3.
        #expect(Metric.topK(2).score(output, targets: targets) == 1.5)
    }

    @Test func sequenceAccuracyOnPlainOutputsIsAccuracy() {
        let output = Tensor([0.9, 0.1, 0.2, 0.8], shape: [2, 2])
        #expect(Metric.sequenceAccuracy.score(output, targets: .classes([0, 0])) == 1)
        #expect(Metric(name: "sequence_accuracy") == .sequenceAccuracy)
        #expect(Metric.sequenceAccuracy.name == "sequence_accuracy")
    }
}
