// libFuzzer target: the interpreter on arbitrary lines, starting from a tiny built-in data set
// (`load shapes count=32 size=8 classes=2`), every output block rendered as the transcript would.
//
// One input runs in milliseconds: epochs are capped at 1 and data sets at 32 images, and a line with
// an integer between 65 and 2^31 is skipped (such numbers make a line slow or memory-hungry, not
// wrong). Numbers from 2^31 up still run, as they probe overflow; GRADBOOK_FUZZ_SMALL=1 skips them
// too, to explore past a known crash on huge sizes. Lines that touch files or the process (`save`,
// `load weights`, `load idx`, `load fashion-mnist`, `run`, `threads`, `train ... checkpoint=`) are
// skipped: fuzzing never writes files.
//
// scripts/fuzz.sh builds it for libFuzzer; a plain build replays the files given as arguments (FuzzMain).

import Canvas
import Foundation
import FuzzSupport
import Notebook

/// Integers above this make a line costly...
private let largestCheap = 64
/// ...up to here; from here on they are overflow probes. With GRADBOOK_FUZZ_SMALL=1 in the environment
/// every integer above `largestCheap` is skipped, to explore past a known crash on huge sizes.
private let overflowTerritory = ProcessInfo.processInfo.environment["GRADBOOK_FUZZ_SMALL"] == "1" ? Int.max : 1 << 31

/// The lines every input starts from.
private let prelude = ["load shapes count=32 size=8 classes=2 noise=0.1"]

/// Whether `statement` is left out of fuzzing (see the file's description).
private func isSkipped(_ statement: Statement) -> Bool {
    let command = statement.command
    // Lines that write files or run other files: fuzzing must not touch the file system.
    if statement.effect == .writesFiles || statement.effect == .runsLines { return true }
    // Lines that read files or folders, or change the process.
    let touchesFiles: [any CommandEntry.Type] = [
        Threads.self, Quit.self, LoadIDX.self, LoadFashionMNIST.self, LoadImages.self, LoadWeights.self,
        MakeFashionPNG.self, MakeShapesRGB.self,
    ]
    if touchesFiles.contains(where: { type(of: command) == $0 }) { return true }
    if let predict = command as? Predict, predict.file != nil { return true }
    if let train = command as? Train, train.checkpoint != nil { return true }
    if command is Seed { return false }
    return hasCostlyInteger(command)
}

/// Whether `value` holds, anywhere inside, an integer in `largestCheap + 1 ..< overflowTerritory`.
private func hasCostlyInteger(_ value: Any) -> Bool {
    if let n = value as? Int { return n > largestCheap && n < overflowTerritory }
    if value is SourceRange || value is SourceLocation || value is String { return false }
    return Mirror(reflecting: value).children.contains { hasCostlyInteger($0.value) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInterpreter(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { UnsafeBufferPointer(start: $0, count: count) } ?? UnsafeBufferPointer(start: nil, count: 0)
    let source = String(decoding: bytes, as: UTF8.self)
    let interpreter = Interpreter()
    interpreter.epochsMax = 1
    interpreter.subsetMax = 32
    var rendered = 0
    let transcript = Transcript(sink: { rendered &+= $0.utf8.count }, options: .ascii, width: 80, isTerminal: false)
    interpreter.emit = { transcript.emit($0) }
    for line in prelude {
        _ = try? interpreter.execute(line: line)
    }
    for (i, line) in SourceLines.split(source).enumerated() {
        guard case .success(let parsed) = Parser.parseLine(String(line), lineNumber: i + 1), let statement = parsed else { continue }
        guard !isSkipped(statement) else { continue }
        do {
            for block in try interpreter.execute(statement) { transcript.emit(block) }
        } catch {
            _ = error.rendered(file: "fuzz.grad")
        }
    }
    return rendered < 0 ? 1 : 0
}

@main
enum FuzzInterpreterMain {
    static func main() {
        FuzzMain.run(fuzzInterpreter)
    }
}
