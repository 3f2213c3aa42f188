import Testing
@testable import Notebook

/// A small deterministic generator (SplitMix64) so failures reproduce.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct FuzzTests {
    static let pieces = Catalog.verbs + Catalog.commands.flatMap { $0.parameters.map { "\($0.name)=" } } + [
        "=", ",", "#", "\"", "\\", "x", "28x28x1", "0x", "-", "-.5", "1e-3", "1e", "3.5", "0", "-1", "99999999999999999999",
        "relu", "same", "on", "maybe", "weights", "batches", "fashion-mnist", "out/a b", "é", "🙂", "\t", "\r\n", " ", "@", "!",
        "..", "=,", "clf", "  ", "\"unterminated", "\"ok\"", "1.", ".", "/", "~", "_", "%", "80%", "-5%", "1.5%", "all",
    ]

    /// Checks the invariants every parse must keep.
    private func check(_ source: String) {
        let result = Parser.parse(source)
        let lineCount = Parser.sourceLines(source).count
        for d in result.diagnostics {
            #expect((1...lineCount).contains(d.line), "\(source.debugDescription) -> \(d)")
            #expect(d.column >= 1, "\(source.debugDescription) -> \(d)")
            let text = d.rendered()
            #expect(text.hasPrefix("<input>:\(d.line):\(d.column): error: "), "\(text)")
        }
        // A line yields a statement or an error, never both.
        let statementLines = Set(result.statements.map(\.line))
        #expect(statementLines.isDisjoint(with: result.diagnostics.map(\.line)), "\(source.debugDescription)")
        #expect(result.statements.count + Set(result.diagnostics.map(\.line)).count <= lineCount)
        // A statement's source text reparses to the same tree (positions aside).
        for statement in result.statements {
            let again = Parser.parse(statement.source)
            #expect(again.statements.first?.description == statement.description, "\(statement.source.debugDescription)")
        }
    }

    @Test func randomLinesNeverCrash() {
        var rng = SplitMix(state: 0x6772_6164_626F_6F6B)
        for _ in 0..<3000 {
            let count = Int.random(in: 0...8, using: &rng)
            var line = ""
            for _ in 0..<count {
                line += Self.pieces.randomElement(using: &rng) ?? ""
                if Bool.random(using: &rng) { line += " " }
            }
            check(line)
        }
    }

    @Test func mutatedExamplesNeverCrash() {
        var rng = SplitMix(state: 42)
        let examples = Catalog.commands.map(\.example) + ParserGoldenTests.golden.map(\.0) + DiagnosticTests.malformed.map(\.0)
        let alphabet = Array("abcxyz019=,.-_/#\"\\ \t\n@é")
        for _ in 0..<3000 {
            var chars = Array(examples.randomElement(using: &rng) ?? "")
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let position = chars.isEmpty ? 0 : Int.random(in: 0..<chars.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0 where !chars.isEmpty: chars.remove(at: position)
                case 1: chars.insert(alphabet.randomElement(using: &rng) ?? "x", at: position)
                case 2 where !chars.isEmpty: chars[position] = alphabet.randomElement(using: &rng) ?? "x"
                default:
                    if chars.count > 1 { chars.swapAt(position, Int.random(in: 0..<chars.count, using: &rng)) }
                }
            }
            check(String(chars))
        }
    }

    @Test func wholeProgramOfEveryExampleParses() {
        let program = Catalog.commands.map(\.example).joined(separator: "\n")
        let result = Parser.parse(program)
        #expect(result.diagnostics.isEmpty)
        #expect(result.statements.count == Catalog.commands.count)
    }
}
