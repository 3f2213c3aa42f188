// libFuzzer target: the scanner and parser on arbitrary bytes (decoded as UTF-8, invalid sequences
// repaired), as a whole source and each line as a layer. Besides crashes it checks what every parse must keep:
// diagnostics point into the source, and a statement's own text reparses to the same statement.
//
// scripts/fuzz.sh builds it for libFuzzer; a plain build replays the files given as arguments (FuzzMain).

import Foundation
import FuzzSupport
import Notebook

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { UnsafeBufferPointer(start: $0, count: count) } ?? UnsafeBufferPointer(start: nil, count: 0)
    let source = String(decoding: bytes, as: UTF8.self)
    let result = Parser.parse(source)
    let lineCount = max(1, source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count)
    for diagnostic in result.diagnostics {
        guard diagnostic.line >= 1, diagnostic.line <= lineCount, diagnostic.column >= 1 else {
            fatalError("diagnostic outside the source: \(diagnostic.rendered()) for \(source.debugDescription)")
        }
        _ = diagnostic.rendered(file: "fuzz.grad")
    }
    for statement in result.statements {
        _ = statement.description
        let again = Parser.parse(statement.source)
        guard again.statements.first?.description == statement.description else {
            fatalError("\(statement.source.debugDescription) reparses differently: \(statement.description) vs \(again.statements.first?.description ?? "nothing")")
        }
    }
    // `insert AT LAYER` and `replace LAYER LAYER` parse their layer part on its own.
    for (i, line) in SourceLines.split(source).enumerated() {
        _ = Parser.parseLayer(String(line), lineNumber: i + 1)
    }
    return 0
}

@main
enum FuzzParserMain {
    static func main() {
        FuzzMain.run(fuzzParser)
    }
}
