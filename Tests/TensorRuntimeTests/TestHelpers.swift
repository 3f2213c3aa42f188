import Testing
import TensorRuntime
import TestSupport

/// Runs `gradientCheck` and records one expectation with the worst element in its message.
func expectGradients(_ inputs: [Tensor], eps: Float = 1e-2, tolerance: GradTolerance = .standard,
                     sourceLocation: SourceLocation = #_sourceLocation, _ f: () throws -> Tensor) throws {
    let result = try gradientCheck(inputs: inputs, eps: eps, tolerance: tolerance, f)
    #expect(result.passed, "\(result)", sourceLocation: sourceLocation)
    #expect(result.checked == inputs.reduce(0) { $0 + $1.count }, sourceLocation: sourceLocation)
}

/// Expects `body` to throw exactly `expected`, whose description names the op and every string in `mentions`.
func expectTensorError(_ expected: TensorError, mentions: [String] = [],
                       sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected \(expected), nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as TensorError {
        #expect(error == expected, sourceLocation: sourceLocation)
        let text = error.description
        let op: String
        switch expected {
        case let .shapeMismatch(name, _, _), let .badShape(name, _, _), let .badArgument(name, _): op = name
        }
        #expect(text.hasPrefix(op + ":"), "\(text) does not start with the op name \(op)", sourceLocation: sourceLocation)
        for m in mentions { #expect(text.contains(m), "\(text) does not mention \(m)", sourceLocation: sourceLocation) }
    } catch {
        Issue.record("expected \(expected), got \(error)", sourceLocation: sourceLocation)
    }
}

/// The first seed in 0..<500 for which `accept` holds (tests pick inputs away from kinks this way).
func firstSeed(_ accept: (UInt64) throws -> Bool) rethrows -> UInt64? {
    for s in UInt64(0)..<500 where try accept(s) { return s }
    return nil
}

/// Smallest |v| over the values, and whether they have both signs.
func kinkMargin(_ values: [Float]) -> (margin: Float, mixed: Bool) {
    (values.map(abs).min() ?? 0, values.contains { $0 < 0 } && values.contains { $0 > 0 })
}
