import Testing
@testable import Notebook

/// Renders tokens as `kind:text@line:column`, skipping the final `end`.
private func scan(_ source: String) -> [String] {
    Scanner.scan(source).tokens.filter { $0.kind != .end }.map { token in
        switch token.kind {
        case .newline: return "newline@\(token.location)"
        case .string: return "string:\(token.value)@\(token.location)"
        default: return "\(token.kind.rawValue):\(token.text)@\(token.location)"
        }
    }
}

@Suite struct ScannerTests {
    @Test func wordsNumbersAndOptionsCarryLineAndColumn() {
        #expect(scan("conv2d 32 3 relu padding=same") == [
            "word:conv2d@1:1", "integer:32@1:8", "integer:3@1:11", "word:relu@1:13",
            "word:padding@1:18", "equals:=@1:25", "word:same@1:26",
        ])
    }

    @Test func wordsMayContainDashesDotsSlashesAndUnderscores() {
        #expect(scan("load fashion-mnist dir=out/best.safetensors conv2d_1 sparse_categorical_crossentropy ./x ~/y") == [
            "word:load@1:1", "word:fashion-mnist@1:6", "word:dir@1:20", "equals:=@1:23",
            "word:out/best.safetensors@1:24", "word:conv2d_1@1:45",
            "word:sparse_categorical_crossentropy@1:54", "word:./x@1:86", "word:~/y@1:90",
        ])
    }

    @Test func numberForms() {
        #expect(scan("1 -2 0.25 .5 -.5 1e-3 2E+4 3.0e2 28x28x1 4X4") == [
            "integer:1@1:1", "integer:-2@1:3", "decimal:0.25@1:6", "decimal:.5@1:11", "decimal:-.5@1:14",
            "decimal:1e-3@1:18", "decimal:2E+4@1:23", "decimal:3.0e2@1:28", "shape:28x28x1@1:34", "shape:4X4@1:42",
        ])
        #expect(Scanner.decimalValue("1e-3") == 0.001)
        #expect(Scanner.decimalValue("-.5") == -0.5)
        #expect(Scanner.decimalValue("1.") == 1.0)
        #expect(Scanner.decimalValue("2E+4") == 20000)
    }

    @Test func digitLedWordsStayWords() {
        #expect(scan("save weights 01.safetensors 2d") == [
            "word:save@1:1", "word:weights@1:6", "word:01.safetensors@1:14", "word:2d@1:29",
        ])
    }

    @Test func stringsUnescapeQuotesAndBackslashes() {
        let tokens = Scanner.scan(#"run "my dir/a \"b\" \\ c.gb" x"#).tokens
        #expect(tokens[1].kind == .string)
        #expect(tokens[1].value == #"my dir/a "b" \ c.gb"#)
        #expect(tokens[1].text == #""my dir/a \"b\" \\ c.gb""#)
        #expect(tokens[2].location == SourceLocation(line: 1, column: 30))
    }

    @Test func commentsNewlinesAndCommasAcrossLines() {
        #expect(scan("# header\nseed 1 # trailing\r\n\ncompile metrics=accuracy,top5") == [
            "newline@1:9", "word:seed@2:1", "integer:1@2:6", "newline@2:18", "newline@3:1",
            "word:compile@4:1", "word:metrics@4:9", "equals:=@4:16", "word:accuracy@4:17",
            "comma:,@4:25", "word:top5@4:26",
        ])
    }

    @Test func tokenRangesEndAfterTheLastCharacter() {
        let token = Scanner.scan("  dense").tokens[0]
        #expect(token.range == SourceRange(start: SourceLocation(line: 1, column: 3), end: SourceLocation(line: 1, column: 8)))
    }

    @Test func lexicalErrorsHaveLineAndColumn() {
        let cases: [(String, String)] = [
            ("run \"abc", "<input>:1:5: error: unterminated string - close it with '\"'"),
            ("seed 1\nseed @", "<input>:2:6: error: stray character '@'"),
            ("lr 1e", "<input>:1:4: error: malformed number '1e'"),
            ("reshape 28x", "<input>:1:9: error: malformed shape '28x' - write a shape as sizes joined by x, e.g. 28x28x1"),
            ("seed 99999999999999999999", "<input>:1:6: error: number '99999999999999999999' is too large"),
            ("lr 1e999", "<input>:1:4: error: number '1e999' is too large"),
        ]
        for (source, expected) in cases {
            let (tokens, diagnostics) = Scanner.scan(source)
            #expect(diagnostics.map { $0.rendered() } == [expected], "\(source)")
            #expect(tokens.contains { $0.kind == .invalid }, "\(source)")
        }
    }

    @Test func scanningContinuesAfterAnError() {
        let (tokens, diagnostics) = Scanner.scan("a ! b")
        #expect(diagnostics.count == 1)
        #expect(tokens.map(\.kind) == [.word, .invalid, .word, .end])
    }
}
