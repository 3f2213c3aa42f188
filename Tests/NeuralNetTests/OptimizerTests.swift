import Foundation
import Testing
import TensorRuntime
import NeuralNet
import TestSupport

// One optimiser step against hand-computed values (Keras's update rules), and the schedules.

/// A weight with the given values and gradient.
private func weight(_ values: [Float], grad: [Float]) -> Tensor {
    let t = Tensor(values, shape: [values.count], requiresGrad: true)
    let g = t.gradPointer()
    for (i, v) in grad.enumerated() { g[i] = v }
    return t
}

private func close(_ a: [Float], _ b: [Double], tol: Double = 1e-6) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs(Double($0) - $1) <= tol * max(1, abs($1)) }
}

@Suite("Optimizers")
struct OptimizerTests {
    @Test("Keras defaults: SGD 0.01, the others 0.001")
    func defaults() {
        #expect(OptimizerConfig(kind: .sgd).effectiveLearningRate == 0.01)
        for k in [OptimizerKind.adam, .adamw, .rmsprop] { #expect(OptimizerConfig(kind: k).effectiveLearningRate == 0.001) }
        #expect(Optimizer(OptimizerConfig(kind: .adam, learningRate: 0.5)).learningRate == 0.5)
    }

    @Test("SGD: w -= lr·g")
    func sgd() {
        let w = weight([1, -2, 0.5], grad: [0.5, 0.25, -1])
        Optimizer(OptimizerConfig(kind: .sgd, learningRate: 0.1)).step([w])
        #expect(close(w.array, [0.95, -2.025, 0.6]))
    }

    @Test("SGD momentum 0.9 over two steps: v = 0.9·v - lr·g; w += v")
    func sgdMomentum() {
        let w = weight([1, -2], grad: [0.5, -1])
        let opt = Optimizer(OptimizerConfig(kind: .sgd, learningRate: 0.1, momentum: 0.9))
        opt.step([w])                       // v = (-0.05, 0.1)
        #expect(close(w.array, [0.95, -1.9]))
        opt.step([w])                       // v = (-0.045 - 0.05, 0.09 + 0.1) = (-0.095, 0.19)
        #expect(close(w.array, [0.855, -1.71]))
        #expect(opt.iterations == 2)
    }

    @Test("Nesterov: w += 0.9·v - lr·g after updating v")
    func nesterov() {
        let w = weight([1, -2], grad: [0.5, -1])
        let opt = Optimizer(OptimizerConfig(kind: .sgd, learningRate: 0.1, momentum: 0.9, nesterov: true))
        opt.step([w])                       // v = (-0.05, 0.1); w += (-0.045 - 0.05, 0.09 + 0.1)
        #expect(close(w.array, [0.905, -1.81]))
        opt.step([w])                       // v = (-0.095, 0.19); w += (-0.0855 - 0.05, 0.171 + 0.1)
        #expect(close(w.array, [0.7695, -1.539]))
    }

    @Test("Adam: bias-corrected step with epsilon 1e-7 (a tiny gradient shows the epsilon)")
    func adam() {
        let g: [Float] = [0.5, -0.2, 1e-5]
        let w = weight([1, 1, 1], grad: g)
        let opt = Optimizer(OptimizerConfig(kind: .adam, learningRate: 0.01))
        opt.step([w])
        // t=1: m = 0.1g, v = 0.001g², lr_t = 0.01·sqrt(0.001)/0.1; w -= lr_t·m/(sqrt(v) + 1e-7).
        // g = 0.5: 0.01·0.316228·0.05/(0.0158114 + 1e-7) = 0.00999994; g = 1e-5: 0.0316228e-6/(3.16228e-7 + 1e-7) = 0.00759747.
        #expect(close(w.array, [1 - 0.00999994, 1 + 0.00999984, 1 - 0.00759747], tol: 2e-6), "\(w.array)")
        // Second step with the same gradient: m = 0.19g, v = 0.001999g², lr_t = 0.01·sqrt(0.001999)/0.19.
        opt.step([w])
        var expected: [Double] = []
        for (i, gi) in g.map(Double.init).enumerated() {
            let m1 = 0.1 * gi, v1 = 0.001 * gi * gi
            let s1 = 0.01 * 0.001.squareRoot() / 0.1 * m1 / (v1.squareRoot() + 1e-7)
            let m2 = 0.9 * m1 + 0.1 * gi, v2 = 0.999 * v1 + 0.001 * gi * gi
            let s2 = 0.01 * (1 - 0.999 * 0.999).squareRoot() / (1 - 0.9 * 0.9) * m2 / (v2.squareRoot() + 1e-7)
            expected.append(1 - s1 - s2)
            _ = i
        }
        #expect(close(w.array, expected, tol: 2e-6), "\(w.array) vs \(expected)")
    }

    @Test("AdamW: decoupled decay w -= lr·wd·w before the Adam step (default wd 0.004)")
    func adamW() {
        let w = weight([2, -3, 1], grad: [0, 0, 0.5])
        Optimizer(OptimizerConfig(kind: .adamw, learningRate: 0.1, weightDecay: 0.1)).step([w])
        // Zero gradient: only the decay, w·(1 - 0.01). g = 0.5: 1·0.99 - ~0.1.
        #expect(close(w.array, [1.98, -2.97, 0.99 - 0.1 * 0.0158114 / (0.0158114 + 1e-7)], tol: 1e-6), "\(w.array)")
        let d = weight([10], grad: [0])
        Optimizer(OptimizerConfig(kind: .adamw, learningRate: 0.5)).step([d])
        #expect(close(d.array, [10 * (1 - 0.5 * 0.004)]))
        let plain = weight([10], grad: [0])
        Optimizer(OptimizerConfig(kind: .adam, learningRate: 0.5, weightDecay: 0.1)).step([plain])
        #expect(plain.array == [10], "plain Adam applies no decoupled decay")
    }

    @Test("RMSprop: a = 0.9·a + 0.1·g²; w -= lr·g/sqrt(a + 1e-7) (Keras)")
    func rmsprop() {
        let g: [Float] = [0.5, -2, 1e-4]
        let w = weight([1, 1, 1], grad: g)
        let opt = Optimizer(OptimizerConfig(kind: .rmsprop, learningRate: 0.01))
        opt.step([w])
        let expected = g.map { gi -> Double in
            let a = 0.1 * Double(gi) * Double(gi)
            return 1 - 0.01 * Double(gi) / (a + 1e-7).squareRoot()
        }
        // g = 0.5: 1 - 0.0316227; g = 1e-4: 1 - 0.01·1e-4/sqrt(1.01e-7) = 1 - 0.0031466.
        #expect(close(w.array, expected, tol: 1e-5), "\(w.array) vs \(expected)")
    }

    @Test("RMSprop with momentum: m = 0.5·m + lr·g/sqrt(a + eps); w -= m")
    func rmspropMomentum() {
        let w = weight([1], grad: [0.5])
        let opt = Optimizer(OptimizerConfig(kind: .rmsprop, learningRate: 0.01, momentum: 0.5))
        opt.step([w]); opt.step([w])
        let a1 = 0.025, a2 = 0.9 * a1 + 0.025
        let m1 = 0.01 * 0.5 / (a1 + 1e-7).squareRoot(), m2 = 0.5 * m1 + 0.01 * 0.5 / (a2 + 1e-7).squareRoot()
        #expect(close(w.array, [1 - m1 - m2], tol: 1e-6), "\(w.array)")
    }

    @Test("Weights without a gradient are left alone; state is per weight", arguments: OptimizerKind.allCases)
    func noGradient(_ kind: OptimizerKind) {
        let untouched = Tensor([1, 2], shape: [2], requiresGrad: true)
        let a = weight([1], grad: [0.3]), b = weight([1], grad: [0.3])
        let opt = Optimizer(OptimizerConfig(kind: kind, learningRate: 0.1, momentum: kind == .sgd ? 0.9 : nil))
        opt.step([untouched, a])
        opt.step([b])
        #expect(untouched.array == [1, 2])
        #expect(a.array != [1])
        if kind != .adam && kind != .adamw {
            // A fresh weight's first step equals another fresh weight's first step (no shared moments).
            #expect(a.array == b.array, "\(kind)")
        }
    }
}

@Suite("Schedules")
struct ScheduleTests {
    @Test("step: base · gamma^floor(epoch / size)")
    func step() {
        let s = Schedule.step(stepSize: 2, gamma: 0.5)
        let lrs = (1...5).map { s.next(base: 0.1, current: 0.1, epoch: $0, history: []) }
        #expect(close(lrs, [0.1, 0.05, 0.05, 0.025, 0.025]))
    }

    @Test("cosine: base at 0, base·minFactor at the end and held after, the midpoint halfway")
    func cosine() {
        let s = Schedule.cosine(epochs: 10, minFactor: 0.1)
        #expect(abs(s.next(base: 0.2, current: 0, epoch: 0, history: []) - 0.2) < 1e-7)
        #expect(abs(s.next(base: 0.2, current: 0, epoch: 10, history: []) - 0.02) < 1e-7)
        #expect(abs(s.next(base: 0.2, current: 0, epoch: 15, history: []) - 0.02) < 1e-7)
        #expect(abs(s.next(base: 0.2, current: 0, epoch: 5, history: []) - 0.11) < 1e-6)
        let lrs = (0...10).map { s.next(base: 0.2, current: 0, epoch: $0, history: []) }
        #expect(zip(lrs, lrs.dropFirst()).allSatisfy { $0 > $1 }, "strictly decreasing: \(lrs)")
    }

    @Test("plateau: reduces after `patience` epochs without improvement, not before, then waits again")
    func plateau() {
        let s = Schedule.plateau(patience: 2, factor: 0.5, minLearningRate: 0.01)
        func lr(_ h: [Double], current: Float = 0.1) -> Float { s.next(base: 0.1, current: current, epoch: h.count, history: h) }
        #expect(lr([1.0]) == 0.1)
        #expect(lr([1.0, 0.9]) == 0.1)
        #expect(lr([1.0, 0.9, 0.95]) == 0.1, "one epoch without improvement is not enough")
        #expect(lr([1.0, 0.9, 0.95, 0.9]) == 0.05, "two epochs without improvement reduce")
        #expect(lr([1.0, 0.9, 0.95, 0.9, 0.92], current: 0.05) == 0.05, "the wait starts again")
        #expect(lr([1.0, 0.9, 0.95, 0.9, 0.92, 0.91], current: 0.05) == 0.025)
        #expect(lr([1.0, 0.99995, 0.99999]) == 0.05, "improvements under 1e-4 do not count")
        #expect(lr([1.0, 0.9, 0.8, 0.7]) == 0.1)
        #expect(lr([1.0, 1.0, 1.0], current: 0.015) == 0.01, "floored at the minimum")
    }

    @Test("A trainer applies the schedule at the end of each epoch")
    func trainerSchedule() throws {
        let trainer = Trainer(model: try tinyCNN(), loss: .sparse_categorical_crossentropy,
                              optimizer: OptimizerConfig(kind: .sgd, learningRate: 0.1), batchSize: 32, schedule: .step(stepSize: 1, gamma: 0.5))
        let data = try smallShapes(count: 64)
        for _ in 0..<3 { try trainer.trainEpoch(on: data, validation: nil) }
        #expect(trainer.history.map(\.learningRate) == [0.1, 0.05, 0.025])
        #expect(trainer.optimizer.learningRate == 0.0125)
    }

    private func close(_ a: [Float], _ b: [Float]) -> Bool { a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 1e-7 } }
}

@Suite("Metrics")
struct MetricTests {
    let out = Tensor([0.1, 0.7, 0.2,
                      0.5, 0.3, 0.2,
                      0.2, 0.3, 0.5,
                      0.4, 0.4, 0.2], shape: [4, 3])

    @Test("accuracy is argmax agreement")
    func accuracy() {
        #expect(Metric.accuracy.correct(out, labels: [1, 0, 2, 0]) == 4)
        #expect(Metric.accuracy.correct(out, labels: [0, 0, 1, 1]) == 1, "ties go to the first class")
        #expect(Metric.accuracy.correct(out, labels: [2, 2, 0, 2]) == 0)
    }

    @Test("top-k counts a label among the k largest")
    func topK() {
        #expect(Metric.topK(2).correct(out, labels: [2, 1, 1, 1]) == 4)
        #expect(Metric.topK(2).correct(out, labels: [0, 2, 0, 2]) == 0)
        #expect(Metric.topK(1).correct(out, labels: [1, 0, 2, 2]) == 3)
        #expect(Metric.topK(3).correct(out, labels: [0, 1, 2, 2]) == 4)
        #expect(Metric.topK(5).correct(out, labels: [7, 0, 0, 0]) == 3, "a label outside the outputs never counts")
    }

    @Test("one output: the threshold splits the classes")
    func binary() {
        let p = Tensor([0.9, 0.2, 0.6, 0.4], shape: [4, 1])
        #expect(Metric.accuracy.correct(p, labels: [1, 0, 0, 0]) == 3)
        #expect(Metric.accuracy.correct(Tensor([1.5, -0.2], shape: [2, 1]), labels: [1, 0], threshold: 0) == 2)
    }

    @Test("names parse", arguments: [("accuracy", Metric.accuracy), ("acc", .accuracy), ("top5", .topK(5)), ("top_3", .topK(3)), ("TOP2", .topK(2))])
    func names(_ name: String, _ metric: Metric) {
        #expect(Metric(name: name) == metric)
    }

    @Test("bad names are rejected")
    func badNames() {
        #expect(Metric(name: "top0") == nil && Metric(name: "precision") == nil && Metric(name: "top") == nil)
        #expect(Metric.topK(5).name == "top5" && Metric.accuracy.name == "accuracy")
    }

    @Test("confusion matrix counts (truth, prediction) pairs")
    func confusion() {
        var cm = ConfusionMatrix(classes: 3)
        cm.add(out, labels: [1, 0, 1, 2])
        #expect(cm.counts == [[1, 0, 0], [0, 1, 1], [1, 0, 0]])
        #expect(abs(cm.accuracy - 0.5) < 1e-12)
        cm.add(Tensor([0, 0, 1], shape: [1, 3]), labels: [2])
        #expect(cm.counts[2] == [1, 0, 1])
        #expect(abs(cm.accuracy - 0.6) < 1e-12)
        #expect(ConfusionMatrix(classes: 2).accuracy == 0)
    }
}
