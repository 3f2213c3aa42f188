import Testing
@testable import TensorRuntime
import TestSupport
import Foundation

/// CKernels' exp, log, tanh, erf, sigmoid and 32-lane sums: within their stated error of double-precision
/// libm over dense sweeps, and the same bits on every instruction-set path this CPU has.
@Suite("Fixed math", .serialized)
struct FixedMathTests {
    /// Every 4099th float bit pattern (all signs, exponents and mantissa bits; NaN and infinities
    /// included), then 200,001 evenly spaced values over each function's working range.
    static func sweep(_ range: ClosedRange<Float>) -> [Float] {
        var xs: [Float] = []
        var bits: UInt64 = 0
        while bits < 1 << 32 { xs.append(Float(bitPattern: UInt32(bits))); bits += 4099 }
        let steps = 200_000
        for i in 0...steps { xs.append(range.lowerBound + (range.upperBound - range.lowerBound) * Float(i) / Float(steps)) }
        xs += [0, -0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 88.72, 88.73, -103.9, -104.1]
        return xs
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let f: FixedMath.Function
        let ulps: Double
        let range: ClosedRange<Float>
        var testDescription: String { "\(f)" }
        func exact(_ x: Double) -> Double {
            switch f {
            case .exp: return Foundation.exp(x)
            case .log: return Foundation.log(x)
            case .tanh: return Foundation.tanh(x)
            case .erf: return Foundation.erf(x)
            case .sigmoid: return 1 / (1 + Foundation.exp(-x))
            }
        }
    }

    static let cases = [
        // The bounds are the largest errors over all 2^32 floats (docs/performance.md), rounded up.
        Case(f: .exp, ulps: 1.02, range: -104...89), Case(f: .log, ulps: 0.85, range: 0...100),
        Case(f: .tanh, ulps: 1.34, range: -10...10), Case(f: .erf, ulps: 1.11, range: -5...5),
        Case(f: .sigmoid, ulps: 2.41, range: -30...30),
    ]

    @Test(arguments: cases)
    func withinTheStatedErrorAndTheSameOnEveryPath(_ c: Case) {
        let xs = Self.sweep(c.range)
        let outputs = onEveryPath { _ in FixedMath.apply(c.f, xs) }
        for (isa, ys) in zip(InstructionSet.available, outputs) {
            #expect(bitIdentical(ys, outputs[0]), "\(c.f) on \(isa) differs from baseline")
        }
        var worst = 0.0, at: Float = 0
        for (x, y) in zip(xs, outputs[0]) {
            let e = ulpError(y, c.exact(Double(x)))
            if e > worst { worst = e; at = x }
        }
        #expect(worst <= c.ulps, "\(c.f): \(worst) ulp at x = \(at)")
        // The scalar form is the array form.
        for x in xs.prefix(3000) {
            let scalar: Float
            switch c.f {
            case .exp: scalar = FixedMath.exp(x)
            case .log: scalar = FixedMath.log(x)
            case .tanh: scalar = FixedMath.tanh(x)
            case .erf: scalar = FixedMath.erf(x)
            case .sigmoid: scalar = FixedMath.sigmoid(x)
            }
            #expect(bitIdentical([scalar], FixedMath.apply(c.f, [x])))
        }
    }

    @Test func edgeValues() {
        #expect(FixedMath.exp(0) == 1 && FixedMath.exp(-.infinity) == 0 && FixedMath.exp(.infinity) == .infinity)
        #expect(FixedMath.exp(89) == .infinity && FixedMath.exp(-104) == 0 && FixedMath.exp(.nan).isNaN)
        #expect(FixedMath.exp(-100) > 0 && FixedMath.exp(-100) < Float.leastNormalMagnitude)   // subnormal
        #expect(FixedMath.log(1) == 0 && FixedMath.log(0) == -.infinity && FixedMath.log(-1).isNaN)
        #expect(FixedMath.log(.infinity) == .infinity && FixedMath.log(.nan).isNaN)
        #expect(abs(FixedMath.log(.leastNonzeroMagnitude) - Float(-149 * 0.693147180559945)) <= 1e-5)
        #expect(FixedMath.tanh(-Float.zero).sign == .minus && FixedMath.tanh(30) == 1 && FixedMath.tanh(-.infinity) == -1)
        #expect(FixedMath.erf(-Float.zero).sign == .minus && FixedMath.erf(4) == 1 && FixedMath.erf(-.infinity) == -1)
        #expect(FixedMath.sigmoid(0) == 0.5 && FixedMath.sigmoid(-200) == 0 && FixedMath.sigmoid(200) == 1)
        for f in FixedMath.Function.allCases { #expect(FixedMath.apply(f, [.nan])[0].isNaN, "\(f)") }
    }

    @Test func sumsFollowTheLaneOrderOnEveryPath() {
        var rng = SeededGenerator(seed: 11)
        for n in [0, 1, 5, 31, 32, 33, 100, 1000, 4099] {
            // Magnitudes over 2^20 so that another order would round differently.
            let x = (0..<n).map { _ in rng.uniform(-1, 1) * Float(1 << rng.int(below: 20)) }
            let y = (0..<n).map { _ in rng.uniform(-1, 1) }
            let c: Float = 0.25
            let sum = referenceLaneReduce(count: n) { $0 + x[$1] }
            let squares = referenceLaneReduce(count: n) { $0.addingProduct(x[$1], x[$1]) }
            let squaresFrom = referenceLaneReduce(count: n) { let d = x[$1] - c; return $0.addingProduct(d, d) }
            let dot = referenceLaneReduce(count: n) { $0.addingProduct(x[$1], y[$1]) }
            let maxRule: (Float, Float) -> Float = { a, b in b > a || b.isNaN ? b : a }
            let largest = referenceLaneReduce(count: n, start: -.infinity, fold: { maxRule($0, x[$1]) }, combine: maxRule)
            onEveryPath { isa in
                    x.withUnsafeBufferPointer { xp in
                        y.withUnsafeBufferPointer { yp in
                            let p = xp.baseAddress!, q = yp.baseAddress!
                            #expect(bitIdentical([FixedMath.sum(p, count: n)], [sum]), "sum \(n) \(isa)")
                            #expect(bitIdentical([FixedMath.sumSquares(p, count: n)], [squares]), "squares \(n) \(isa)")
                            #expect(bitIdentical([FixedMath.sumSquares(p, count: n, from: c)], [squaresFrom]), "from \(n) \(isa)")
                            #expect(bitIdentical([FixedMath.dot(p, q, count: n)], [dot]), "dot \(n) \(isa)")
                            #expect(bitIdentical([FixedMath.max(p, count: n)], [largest]), "max \(n) \(isa)")
                            var e = [Float](repeating: 0, count: n)
                            let s = FixedMath.expSum(q, &e, count: n, minus: c)
                            #expect(bitIdentical(e, FixedMath.apply(.exp, y.map { $0 - c })), "exp_sum values \(n) \(isa)")
                            #expect(bitIdentical([s], [referenceLaneReduce(count: n) { $0 + e[$1] }]), "exp_sum \(n) \(isa)")
                        }
                    }
            }
        }
        var withNaN: [Float] = [1, 2, .nan, 3]
        #expect(FixedMath.max(&withNaN, count: 4).isNaN)
    }

    /// Adam's bias corrections (b1 = 0.9, b2 = 0.999) and step schedules: b^n by squaring in double.
    @Test func wholePowersSquareInDoubleAndStayWithinOneUlpOfTheCLibrary() {
        #expect(FixedMath.power(0.5, 3) == 0.125)
        #expect(FixedMath.power(0.9, 0) == 1)
        #expect(FixedMath.power(0.9, -2) == 1, "negative exponents count as 0")
        #expect(FixedMath.power(2, 10) == 1024)
        #expect(FixedMath.power(0.999, 1) == 0.999)
        for b: Float in [0.9, 0.99, 0.999, 0.5, 0.1, 1.5] {
            for n in [1, 2, 3, 7, 10, 100, 1_000, 4_097, 10_000, 123_457, 1_000_000] {
                let ours = FixedMath.power(b, n)
                let reference = Float(Foundation.pow(Double(b), Double(n)))
                // Within one float ulp of the correctly rounded power (or both underflow/overflow alike).
                if reference.isFinite, reference > Float.leastNormalMagnitude {
                    #expect(abs(ours - reference) <= reference.ulp, "\(b)^\(n): \(ours) vs \(reference)")
                } else {
                    #expect(ours == reference || (ours <= Float.leastNormalMagnitude && reference <= Float.leastNormalMagnitude), "\(b)^\(n)")
                }
            }
        }
        // One multiply chain: the same call gives the same bits (no state, no C library).
        #expect(FixedMath.power(0.999, 12_345).bitPattern == FixedMath.power(0.999, 12_345).bitPattern)
    }
}
