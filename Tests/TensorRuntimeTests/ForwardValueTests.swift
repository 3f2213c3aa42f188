import Testing
import TensorRuntime
import TestSupport

// Forward values against cases worked out by hand.

@Suite("Forward values")
struct ForwardValueTests {
    @Test func softmaxOfAKnownRow() throws {
        let y = try Tensor.softmax(Tensor([1, 2, 3, 0, 0, 0], shape: [2, 3]))
        #expect(maxAbsDifference(y.array, [0.09003057, 0.24472847, 0.66524096, 1.0 / 3, 1.0 / 3, 1.0 / 3]) <= 1e-6)
    }

    @Test func softmaxOfHugeLogitsIsStable() throws {
        let x = Tensor([1000, 1001, -1000, -1001], shape: [2, 2])
        let y = try Tensor.softmax(x).array
        #expect(y.allSatisfy { $0.isFinite })
        #expect(maxAbsDifference(y, [0.26894142, 0.73105858, 0.73105858, 0.26894142]) <= 1e-6)
        let l = try Tensor.logSoftmax(x).array
        // Float's spacing near 1000 is 6.1e-5: x - logsumexp(x) cannot be closer than that.
        #expect(maxAbsDifference(l, [-1.3132617, -0.3132617, -0.3132617, -1.3132617]) <= 1e-4)
    }

    @Test func sparseCrossEntropyOfAKnownCase() throws {
        // logsumexp(1,2,3) = 3.40760596; labels 0 and 2 -> 2.40760596 and 0.40760596, mean 1.40760596.
        let logits = Tensor([1, 2, 3, 1, 2, 3], shape: [2, 3])
        let loss = try Tensor.softmaxCrossEntropy(logits: logits, labels: [0, 2])
        #expect(loss.shape == [])
        #expect(abs(loss.scalar - 1.40760596) <= 1e-6)
        let oneHotLoss = try Tensor.softmaxCrossEntropy(logits: logits, targets: oneHot([0, 2], classes: 3))
        #expect(abs(oneHotLoss.scalar - 1.40760596) <= 1e-6)
    }

    @Test func crossEntropyWithHugeLogitsIsFinite() throws {
        let loss = try Tensor.softmaxCrossEntropy(logits: Tensor([1000, 0, 0, 1000], shape: [2, 2]), labels: [1, 1])
        #expect(abs(loss.scalar - 500) <= 1e-3)   // (1000 + 0) / 2
    }

    @Test func crossEntropyOnKnownProbabilities() throws {
        let p = Tensor([0.2, 0.3, 0.5, 0.25, 0.25, 0.5], shape: [2, 3])
        let loss = try Tensor.crossEntropy(probabilities: p, labels: [2, 0])
        #expect(abs(loss.scalar - 1.0397208) <= 1e-6)   // (ln 2 + ln 4) / 2
        // A zero probability is clipped to 1e-7, not log(0).
        let clipped = try Tensor.crossEntropy(probabilities: Tensor([0, 1], shape: [1, 2]), labels: [0])
        #expect(abs(clipped.scalar - 16.118095) <= 1e-4)
    }

    @Test func sigmoidOfLargeMagnitudes() {
        let y = Tensor.activate(Tensor([-1000, -100, -20, 0, 20, 100, 1000], shape: [7]), .sigmoid).array
        #expect(y.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 })
        #expect(y[0] == 0 && y[1] < 1e-30 && abs(y[2] - 2.0611537e-9) < 1e-14)
        #expect(y[3] == 0.5 && y[5] == 1 && y[6] == 1)
    }

    @Test func sigmoidGradientAtLargeMagnitudesIsFinite() {
        let x = Tensor([-1000, -100, 100, 1000], shape: [4], requiresGrad: true)
        Tensor.sum(Tensor.activate(x, .sigmoid)).backward()
        #expect(x.gradArray.allSatisfy { $0.isFinite && $0 >= 0 && $0 < 1e-30 })
    }

    @Test func activationValues() {
        let x = Tensor([-1, 0.5, 2], shape: [3])
        #expect(Tensor.activate(x, .relu).array == [0, 0.5, 2])
        #expect(maxAbsDifference(Tensor.activate(x, .leakyRelu(alpha: 0.2)).array, [-0.2, 0.5, 2]) <= 1e-7)
        #expect(maxAbsDifference(Tensor.activate(x, .elu(alpha: 1)).array, [-0.63212056, 0.5, 2]) <= 1e-6)
        #expect(maxAbsDifference(Tensor.activate(x, .gelu).array, [-0.15865526, 0.34573123, 1.9544997]) <= 1e-5)
        #expect(maxAbsDifference(Tensor.activate(x, .tanh).array, [-0.7615942, 0.46211716, 0.9640276]) <= 1e-6)
    }

    @Test func stableBinaryLossesAtExtremes() throws {
        // Logits ±100 against the wrong target: loss 100 each, no overflow.
        let l = try Tensor.sigmoidCrossEntropy(logits: Tensor([100, -100], shape: [2]), targets: Tensor([0, 1], shape: [2]))
        #expect(abs(l.scalar - 100) <= 1e-3)
        // Known value: x = 0, t = 1 -> ln 2.
        let l2 = try Tensor.sigmoidCrossEntropy(logits: Tensor([0], shape: [1]), targets: Tensor([1], shape: [1]))
        #expect(abs(l2.scalar - 0.6931472) <= 1e-6)
        // Probabilities 0 and 1 against the wrong targets are clipped: -ln(1e-7) each.
        let b = try Tensor.binaryCrossEntropy(probabilities: Tensor([0, 1], shape: [2]), targets: Tensor([1, 0], shape: [2]))
        // -ln(1e-7) = 16.12; 1 - 1e-7 rounds to 1 - 2^-23 in Float, so the other term is 15.94.
        #expect(b.scalar.isFinite && (15.8...16.2).contains(b.scalar))
        let b2 = try Tensor.binaryCrossEntropy(probabilities: Tensor([0.25], shape: [1]), targets: Tensor([1], shape: [1]))
        #expect(abs(b2.scalar - 1.3862944) <= 1e-6)
    }

    @Test func regressionLosses() throws {
        let y = Tensor([1, 2, 3], shape: [3]), t = Tensor([1, 1, 1], shape: [3])
        #expect(abs(try Tensor.meanSquaredError(y, t).scalar - 5.0 / 3) <= 1e-6)
        #expect(abs(try Tensor.meanAbsoluteError(y, t).scalar - 1) <= 1e-6)
    }

    @Test func reductionsAccumulateInDouble() {
        // In Float, 1e8 + 1 - 1e8 loses the 1.
        let x = Tensor([1e8, 1, -1e8], shape: [3])
        #expect(Tensor.sum(x).scalar == 1)
        #expect(Tensor.sumAbs(Tensor([-1, 2, -3], shape: [3])).scalar == 6)
        #expect(Tensor.sumSquares(Tensor([-1, 2, -3], shape: [3])).scalar == 14)
        #expect(abs(Tensor.mean(Tensor([1, 2, 3, 4], shape: [2, 2])).scalar - 2.5) <= 1e-7)
    }

    @Test func batchNormTrainingNormalisesAndMovesRunningStatistics() throws {
        // Column 0: 1,2,3,4 (mean 2.5, biased variance 1.25); column 1: 0,2,0,2 (mean 1, variance 1).
        let x = Tensor([1, 0, 2, 2, 3, 0, 4, 2], shape: [4, 2])
        let gamma = Tensor([2, 1], shape: [2]), beta = Tensor([0.5, -1], shape: [2])
        let rm = Tensor([0, 0], shape: [2]), rv = Tensor([1, 1], shape: [2])
        let y = try Tensor.batchNorm(x, gamma: gamma, beta: beta, runningMean: rm, runningVar: rv,
                                     training: true, momentum: 0.9, epsilon: 0)
        let s = 1 / Float(1.25).squareRoot()
        let want: [Float] = [2 * -1.5 * s + 0.5, -2, 2 * -0.5 * s + 0.5, 0, 2 * 0.5 * s + 0.5, -2, 2 * 1.5 * s + 0.5, 0]
        #expect(maxAbsDifference(y.array, want) <= 1e-5)
        #expect(maxAbsDifference(rm.array, [0.25, 0.1]) <= 1e-6)        // 0.9·0 + 0.1·mean
        #expect(maxAbsDifference(rv.array, [1.025, 1]) <= 1e-6)         // 0.9·1 + 0.1·var
        // Evaluation uses the running statistics and leaves them alone.
        let e = try Tensor.batchNorm(Tensor([1.25, 1], shape: [1, 2]), gamma: gamma, beta: beta, runningMean: rm, runningVar: rv,
                                     training: false, momentum: 0.9, epsilon: 0)
        #expect(maxAbsDifference(e.array, [2 * 1 / Float(1.025).squareRoot() + 0.5, -0.1]) <= 1e-5)
        #expect(maxAbsDifference(rm.array, [0.25, 0.1]) <= 1e-6)
    }

    @Test func layerNormOfAKnownRow() throws {
        let y = try Tensor.layerNorm(Tensor([1, 2, 3], shape: [1, 3]), gamma: Tensor([1, 1, 2], shape: [3]),
                                     beta: Tensor([0, 1, 0], shape: [3]), epsilon: 0)
        #expect(maxAbsDifference(y.array, [-1.2247449, 1, 2.4494898]) <= 1e-5)
    }

    @Test func embeddingLooksUpRows() throws {
        let table = Tensor([0, 1, 10, 11, 20, 21], shape: [3, 2])
        let y = try Tensor.embedding(Tensor([2, 0, 2], shape: [3]), table: table)
        #expect(y.shape == [3, 2])
        #expect(y.array == [20, 21, 0, 1, 20, 21])
    }

    @Test func poolingOfAKnownImage() throws {
        // 3x3 image 1...9, 2x2 windows, stride 2, same: one padding row and column at the bottom/right.
        let x = Tensor((1...9).map(Float.init), shape: [1, 3, 3, 1])
        #expect(try Tensor.maxPool2d(x, size: 2, padding: .same).array == [5, 6, 8, 9])
        #expect(try Tensor.avgPool2d(x, size: 2, padding: .same).array == [3, 4.5, 7.5, 9])
        #expect(try Tensor.maxPool2d(x, size: 2, padding: .valid).array == [5])
        #expect(try Tensor.globalAvgPool(x).array == [5])
    }

    @Test func convolutionOfAKnownImage() throws {
        // 3x3 image 1...9, a 2x2 kernel [[1, 0], [0, -1]] (x[i][j] - x[i+1][j+1]) = -4 everywhere, bias 1.
        let x = Tensor((1...9).map(Float.init), shape: [1, 3, 3, 1])
        let w = Tensor([1, 0, 0, -1], shape: [2, 2, 1, 1])
        let y = try Tensor.conv2d(x, w, Tensor([1], shape: [1]))
        #expect(y.shape == [1, 2, 2, 1])
        #expect(y.array == [-3, -3, -3, -3])
        // Same padding adds the bottom row and right column (zeros): the last row/column see x alone.
        let s = try Tensor.conv2d(x, w, nil, padding: .same)
        #expect(s.array == [-4, -4, 3, -4, -4, 6, 7, 8, 9])
    }

    @Test func linearOfAKnownCase() throws {
        let x = Tensor([1, 2, -3, 1], shape: [2, 2]), w = Tensor([1, -1, 2, 0.5], shape: [2, 2])
        let y = try Tensor.linear(x, w, Tensor([0.5, 0], shape: [2]), activation: .relu)
        // [1,2]·W = [5, 0] + b = [5.5, 0]; [-3,1]·W = [-1, 3.5] + b = [-0.5 -> 0, 3.5]
        #expect(y.array == [5.5, 0, 0, 3.5])
    }
}

@Suite("Autograd")
struct AutogradTests {
    @Test func leafGradientsAccumulateAcrossBackwardCallsUntilCleared() {
        let x = Tensor([1, 2], shape: [2], requiresGrad: true)
        Tensor.sumSquares(x).backward()
        Tensor.sumSquares(x).backward()
        #expect(x.gradArray == [4, 8])
        x.zeroGrad()
        #expect(x.grad == nil)
        Tensor.sum(x).backward()
        #expect(x.gradArray == [1, 1])
    }

    @Test func gradModeOffRecordsNothing() throws {
        let x = Tensor([1, 2], shape: [2], requiresGrad: true)
        let y = GradMode.off { Tensor.scale(x, 2) }
        #expect(!y.requiresGrad)
        #expect(!GradMode.off { GradMode.isEnabled })
        #expect(GradMode.isEnabled)
        #expect(Tensor.scale(x, 2).requiresGrad)
    }

    @Test func constantsGetNoGradient() throws {
        let x = Tensor([1, 2], shape: [2], requiresGrad: true), c = Tensor([3, 4], shape: [2])
        Tensor.sum(try Tensor.mul(x, c)).backward()
        #expect(x.gradArray == [3, 4])
        #expect(c.grad == nil)
    }

    @Test func backwardSeedScalesGradients() {
        let x = Tensor([1, 2], shape: [2], requiresGrad: true)
        Tensor.sum(x).backward(seed: 3)
        #expect(x.gradArray == [3, 3])
    }

    @Test func detachedCopiesShareNothing() {
        let x = Tensor([1, 2], shape: [2], requiresGrad: true)
        let d = x.detached()
        d.buffer.pointer[0] = 9
        #expect(x.array == [1, 2])
        #expect(!d.requiresGrad)
    }
}
