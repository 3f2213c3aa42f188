// libFuzzer target: the interpreter on arbitrary lines, starting from a tiny built-in data set
// (`load shapes count=32 size=8 classes=2`), every output block rendered as the transcript would.
//
// One input runs in milliseconds: epochs are capped at 1 and data sets at 32 images, and a line with
// an integer between 65 and 2^31 is skipped (such numbers make a line slow or memory-hungry, not
// wrong). Numbers from 2^31 up still run, as they probe overflow; GRADBOOK_FUZZ_SMALL=1 skips them
// too, to explore past a known crash on huge sizes. The writers and the image-folder reader (`save
// session`, `save transcript`, `save weights`, `load weights`, `export`, `make-dataset shapes-rgb`,
// `load images`, `load text FILE`, `predict FILE`, `train ... checkpoint=`) run inside a temporary folder of
// this process, its working directory, emptied before each input: only when every path they name is
// relative, with no `..` (nothing outside it is read or written). Lines that touch other files or the
// process (`load idx`, `load fashion-mnist`, `load text corpus`, `make-dataset fashion-png`, `run`,
// `threads`, `quit`) are skipped.
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

/// The commands that read or write only the paths they name, run when those stay in the sandbox.
private let sandboxed: [any CommandEntry.Type] = [
    SaveSession.self, SaveNotebook.self, SaveTranscript.self, SaveWeights.self, LoadWeights.self, Export.self, MakeShapesRGB.self, LoadImages.self,
    LoadText.self,
]

/// Whether `statement` is left out of fuzzing (see the file's description).
private func isSkipped(_ statement: Statement) -> Bool {
    let command = statement.command
    let pathsStayInside = pathValues(command).allSatisfy(isInsideSandbox)
    // `load images`'s cache= is a memory cap, not a cost: only its size counts.
    if let images = command as? LoadImages { return !pathsStayInside || hasCostlyInteger(images.size as Any) }
    // `export`'s default chart size (640x400) is cheap; a larger one given in the line is not.
    if let export = command as? Export {
        return !pathsStayInside || hasCostlyInteger(export.scale as Any) || export.width.value > 640 || export.height.value > 400
    }
    // A corpus is megabytes of someone else's files: slow, and not this target's subject (FuzzText's).
    if let text = command as? LoadText, case .corpus = text.input { return true }
    if sandboxed.contains(where: { type(of: command) == $0 }) { return !pathsStayInside || hasCostlyInteger(command) }
    // Other lines that write files or run other files.
    if statement.effect == .writesFiles || statement.effect == .runsLines { return true }
    // Lines that read other files or folders, or change the process.
    let touchesFiles: [any CommandEntry.Type] = [Threads.self, Quit.self, LoadIDX.self, LoadFashionMNIST.self, MakeFashionPNG.self]
    if touchesFiles.contains(where: { type(of: command) == $0 }) { return true }
    if let predict = command as? Predict, predict.file != nil, !pathsStayInside { return true }
    if let train = command as? Train, train.checkpoint != nil, !pathsStayInside { return true }
    if command is Seed { return false }
    return hasCostlyInteger(command)
}

/// Every string value a command holds (its paths, names and words), without the source text.
private func pathValues(_ value: Any) -> [String] {
    if let s = value as? String { return [s] }
    return Mirror(reflecting: value).children.filter { $0.label != "text" }.flatMap { pathValues($0.value) }
}

/// A relative path with no `..`, `~` or NUL: it names something inside the working directory.
private func isInsideSandbox(_ path: String) -> Bool {
    !path.hasPrefix("/") && !path.hasPrefix("~") && !path.contains("\0")
        && !path.split(separator: "/", omittingEmptySubsequences: false).contains("..")
}

/// The working directory of the fuzzing process: `$TMPDIR/gradbook-fuzz-interpreter-PID`, entered once,
/// emptied before each input, removed at exit.
private let sandbox: String = {
    let path = FileManager.default.temporaryDirectory.path + "/gradbook-fuzz-interpreter-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    precondition(FileManager.default.changeCurrentDirectoryPath(path), "cannot enter the fuzzing sandbox \(path)")
    atexit { try? FileManager.default.removeItem(atPath: sandbox) }
    return path
}()

/// Empties the sandbox (the working directory) between inputs.
private func resetSandbox() {
    for name in (try? FileManager.default.contentsOfDirectory(atPath: sandbox)) ?? [] {
        try? FileManager.default.removeItem(atPath: sandbox + "/" + name)
    }
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
    resetSandbox()
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
        guard case .success(let parsed) = Parser.parseLine(String(line), lineNumber: i + 1) else { continue }
        guard let statement = parsed else {
            interpreter.note(String(line))
            continue
        }
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
