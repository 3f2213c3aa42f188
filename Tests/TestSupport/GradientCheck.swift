import TensorRuntime

// Gradient checking: autograd's gradients of a scalar function against central finite differences.
//
// Float32 forward passes make finite differences noisy, so: a fairly large step (1e-2) for smooth ops and
// a smaller one (1e-3) near kinks, the step actually taken after rounding (not the nominal one), the scalar
// accumulated in Double, and a relative-plus-absolute tolerance.

/// How far an analytic gradient element may be from the numeric one:
/// |analytic - numeric| <= absolute + relative · max(|analytic|, |numeric|).
public struct GradTolerance: Sendable, Equatable {
    public var relative: Double
    public var absolute: Double
    public init(relative: Double = 1e-2, absolute: Double = 1e-3) {
        self.relative = relative
        self.absolute = absolute
    }
    /// The default for smooth ops with a 1e-2 step.
    public static let standard = GradTolerance()
    /// Allowed error for a pair of values.
    public func allowed(_ a: Double, _ b: Double) -> Double { absolute + relative * max(abs(a), abs(b)) }
}

/// One gradient element that was compared.
public struct GradientMismatch: Sendable, Equatable, CustomStringConvertible {
    /// Position of the tensor in the `inputs` passed to `gradientCheck`.
    public let input: Int
    /// Row-major element index and the same index per dimension.
    public let flatIndex: Int
    public let index: [Int]
    /// Autograd's value and the central difference.
    public let analytic: Double
    public let numeric: Double
    /// |analytic - numeric| and what the tolerance allowed for this element.
    public let error: Double
    public let allowed: Double

    public var description: String {
        "input #\(input) element \(index) (flat \(flatIndex)): analytic \(analytic), numeric \(numeric), "
            + "|diff| \(error) (allowed \(allowed))"
    }
}

/// What `gradientCheck` found.
public struct GradCheckResult: Sendable, CustomStringConvertible {
    /// True when every element is within tolerance, everything is finite and nothing went wrong.
    public let passed: Bool
    /// Gradient elements compared.
    public let checked: Int
    /// Elements outside tolerance.
    public let failures: Int
    /// The element with the largest error relative to its tolerance (the first failure's kind of element).
    public let worst: GradientMismatch?
    /// The checked scalar at the unperturbed inputs.
    public let value: Double
    /// A problem other than a tolerance failure (non-finite value, no inputs...), if any.
    public let problem: String?

    public var description: String {
        var s = passed ? "gradient check passed" : "gradient check FAILED"
        s += " (\(checked) elements, \(failures) outside tolerance, f = \(value))"
        if let problem { s += "; \(problem)" }
        if let worst { s += "; worst: \(worst)" }
        return s
    }
}

// MARK: - Projection of a non-scalar output to a scalar

/// Fixed weights for `projectToScalar`: magnitudes in [0.5, 1.5) with random signs, so no output element's
/// gradient is multiplied by (nearly) zero and none cancels another by symmetry.
public func projectionWeights(count: Int, seed: UInt64 = 0x5EED_0F_9AD) -> [Float] {
    var rng = SeededGenerator(seed: seed)
    return (0..<count).map { _ in
        let v = rng.uniform(0.5, 1.5)
        return rng.nextFloat() < 0.5 ? -v : v
    }
}

/// sum(y * r) for the fixed random r of `projectionWeights`, built from autograd ops so backward reaches y.
/// Every element of y then contributes to the scalar with its own weight.
public func projectToScalar(_ y: Tensor, seed: UInt64 = 0x5EED_0F_9AD) throws -> Tensor {
    let r = Tensor(projectionWeights(count: y.count, seed: seed), shape: y.shape)
    return Tensor.sum(try Tensor.mul(y, r))
}

/// The same scalar as `projectToScalar`, accumulated in Double from y's values (no graph).
public func projectedValue(_ y: Tensor, weights: [Float]) -> Double {
    precondition(weights.count == y.count, "projection of \(y.count) values with \(weights.count) weights")
    var acc: Double = 0
    for i in 0..<y.count { acc += Double(y.buffer.pointer[i]) * Double(weights[i]) }
    return acc
}

/// The scalar a gradient check differentiates: f's value itself when it has one element, else its
/// projection with `weights` (accumulated in Double).
private func scalarValue(_ y: Tensor, seed: UInt64) -> Double {
    y.count == 1 ? Double(y.buffer.pointer[0]) : projectedValue(y, weights: projectionWeights(count: y.count, seed: seed))
}

// MARK: - Gradients

/// Central finite differences of the scalar made from `f` (see `gradientCheck`) with respect to every
/// element of `input`, evaluated with gradient recording off. `input`'s values are restored afterwards.
public func numericalGradient(of input: Tensor, eps: Float = 1e-2, projectionSeed: UInt64 = 0x5EED_0F_9AD,
                              _ f: () throws -> Tensor) rethrows -> [Double] {
    let p = input.buffer.pointer
    var result = [Double](repeating: 0, count: input.count)
    for i in 0..<input.count {
        let original = p[i]
        defer { p[i] = original }
        p[i] = original + eps
        let up = Double(p[i]) - Double(original)
        let fp = try GradMode.off { scalarValue(try f(), seed: projectionSeed) }
        p[i] = original - eps
        let down = Double(original) - Double(p[i])
        let fm = try GradMode.off { scalarValue(try f(), seed: projectionSeed) }
        result[i] = (fp - fm) / (up + down)
    }
    return result
}

/// Autograd's gradients of the scalar made from `f` with respect to each of `inputs` (zeros where none
/// arrived). Sets `requiresGrad` on the inputs and clears their old gradients first.
public func analyticGradients(inputs: [Tensor], projectionSeed: UInt64 = 0x5EED_0F_9AD,
                              _ f: () throws -> Tensor) rethrows -> (value: Double, gradients: [[Float]]) {
    for t in inputs { t.requiresGrad = true; t.zeroGrad() }
    let y = try f()
    let value = scalarValue(y, seed: projectionSeed)
    // y and the weights have one shape, so the projection cannot throw.
    let scalar = y.count == 1 ? y : try! projectToScalar(y, seed: projectionSeed)
    scalar.backward()
    let grads = inputs.map(\.gradArray)
    for t in inputs { t.zeroGrad() }
    return (value, grads)
}

/// Compares autograd's gradients of `f` with central differences for every element of every input.
///
/// `f` builds its result from `inputs` (and any constants); when the result is not a scalar it is reduced
/// by a fixed random projection sum(y · r), so every output element's gradient is tested. Use a step
/// `eps` around 1e-2 for smooth ops; keep inputs further than `eps` from kinks (relu, abs, max) and ties.
public func gradientCheck(inputs: [Tensor], eps: Float = 1e-2, tolerance: GradTolerance = .standard,
                          projectionSeed: UInt64 = 0x5EED_0F_9AD, _ f: () throws -> Tensor) rethrows -> GradCheckResult {
    guard !inputs.isEmpty else {
        return GradCheckResult(passed: false, checked: 0, failures: 0, worst: nil, value: .nan, problem: "no inputs to check")
    }
    let (value, analytic) = try analyticGradients(inputs: inputs, projectionSeed: projectionSeed, f)
    var problem: String? = value.isFinite ? nil : "f is not finite at the inputs"
    var worst: GradientMismatch?
    var worstRatio = -Double.infinity
    var failures = 0, checked = 0
    for (k, input) in inputs.enumerated() {
        let numeric = try numericalGradient(of: input, eps: eps, projectionSeed: projectionSeed, f)
        for i in 0..<input.count {
            let a = Double(analytic[k][i]), n = numeric[i]
            let error = abs(a - n), allowed = tolerance.allowed(a, n)
            let ratio = error.isFinite ? error / allowed : .infinity
            checked += 1
            if !(ratio <= 1) { failures += 1 }
            if !a.isFinite || !n.isFinite, problem == nil { problem = "non-finite gradient at input #\(k) element \(i)" }
            if ratio > worstRatio || worst == nil {
                worstRatio = ratio
                worst = GradientMismatch(input: k, flatIndex: i, index: unravel(i, input.shape),
                                         analytic: a, numeric: n, error: error, allowed: allowed)
            }
        }
    }
    return GradCheckResult(passed: failures == 0 && problem == nil && checked > 0, checked: checked,
                           failures: failures, worst: worst, value: value, problem: problem)
}

/// The per-dimension index of row-major element `flat` in `shape`.
public func unravel(_ flat: Int, _ shape: [Int]) -> [Int] {
    var rest = flat
    var index = [Int](repeating: 0, count: shape.count)
    for d in stride(from: shape.count - 1, through: 0, by: -1) where shape[d] > 0 {
        index[d] = rest % shape[d]
        rest /= shape[d]
    }
    return index
}
