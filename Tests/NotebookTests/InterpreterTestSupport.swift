// Shared helpers for the interpreter-level tests (InterpreterErrorTests, InterpreterReplayTests,
// InterpreterGoldenTests, InterpreterHelpTests, SessionFileTests).

import Canvas
import Foundation
import NeuralNet
import Notebook
import Testing

// MARK: - Running lines

/// Runs `lines` one by one, failing the test (with the line) on the first error.
@discardableResult
func runLines(_ interpreter: Interpreter, _ lines: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [OutputBlock] {
    var blocks: [OutputBlock] = []
    for (i, line) in lines.enumerated() {
        do {
            blocks += try interpreter.execute(line: line, lineNumber: i + 1)
        } catch {
            Issue.record("line \(i + 1) `\(line)` failed: \(renderedError(error))", sourceLocation: sourceLocation)
            break
        }
    }
    return blocks
}

/// The one-line rendering of an error from `execute(line:)`: parse diagnostic or notebook error.
func renderedError(_ error: any Error, file: String? = nil) -> String {
    if let d = error as? Diagnostic { return d.rendered(file: file) }
    if let e = error as? NotebookError { return e.rendered(file: file) }
    return "unexpected error type \(type(of: error)): \(error)"
}

/// The rendered error of `line`, or nil when it succeeds.
func failure(_ interpreter: Interpreter, _ line: String) -> String? {
    do {
        _ = try interpreter.execute(line: line)
        return nil
    } catch {
        return renderedError(error)
    }
}

/// The text of every `.text` block, in order.
func texts(_ blocks: [OutputBlock]) -> [String] {
    blocks.compactMap { if case let .text(s, _) = $0 { s } else { nil } }
}

/// Runs a script the way `gradbook run` does (echo, render each block, live output through `emit`), into
/// a String. Errors are rendered like `gradbook run --keep-going` and counted.
final class TranscriptCapture {
    private final class TextBox { var text = "" }
    private let box = TextBox()
    private(set) var errors: [String] = []
    let transcript: Transcript
    let interpreter: Interpreter

    init(interpreter: Interpreter = Interpreter(), width: Int = 80, options: RenderOptions = .ascii) {
        self.interpreter = interpreter
        let box = self.box
        let transcript = Transcript(sink: { box.text += $0 }, options: options, width: width, isTerminal: false)
        self.transcript = transcript
        interpreter.emit = { transcript.emit($0) }
    }

    /// Everything written so far.
    var output: String { box.text }

    /// Runs `source` line by line; returns the number of failed lines.
    @discardableResult
    func run(_ source: String, file: String = "<input>") -> Int {
        for (i, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            do {
                switch Parser.parseLine(String(line), lineNumber: i + 1) {
                case .failure(let d): throw d
                case .success(nil): continue
                case .success(let statement?):
                    transcript.echo(source: statement.source, location: "\(file):\(i + 1)")
                    for block in try interpreter.execute(statement) { transcript.emit(block) }
                }
            } catch {
                let message = renderedError(error, file: file)
                errors.append(message)
                transcript.emit(.text(message, style: .error))
            }
            if interpreter.quitRequested { break }
        }
        transcript.finish()
        return errors.count
    }
}

// MARK: - Session state

/// Everything observable about a session that a failing command must leave alone.
struct SessionSnapshot: Equatable, CustomStringConvertible {
    struct DataCounts: Equatable {
        var train: Int, validation: Int?, test: Int?
        var trainLabels: [Int32]
        var classNames: [String]
    }
    struct ModelState: Equatable {
        var summary: ModelSummary
        /// Every parameter tensor, by qualified name, as raw bit patterns.
        var weights: [String: [UInt32]]
        var parameterOrder: [String]
        var requiresGrad: [Bool]
        var compiled: Bool
        var epochLosses: [UInt64]
        var history: [EpochRecord]
        var batchLosses: [UInt64]
        var trainerBatchSize: Int?
        var learningRate: UInt32?
        var optimizerConfig: OptimizerConfig?
        var optimizerIterations: Int?
        var epochPosition: Int?
    }
    var log: [String]
    var currentData: String?
    var currentModel: String?
    var seed: UInt64
    var batchSize: Int
    var shuffle: Bool
    var datasets: [String: DataCounts]
    var models: [String: ModelState]

    init(_ session: Session) {
        log = session.log
        currentData = session.currentData
        currentModel = session.currentModel
        seed = session.seed
        batchSize = session.batchSize
        shuffle = session.shuffle
        datasets = session.datasets.mapValues {
            DataCounts(train: $0.trainingSet.count, validation: $0.source.examples(.validation)?.count,
                       test: $0.source.examples(.test)?.count,
                       trainLabels: $0.images?.train.labels ?? [], classNames: $0.classNames)
        }
        models = session.models.mapValues { m in
            let named = m.model.namedParameters
            let t = m.trainer
            return ModelState(
                summary: m.model.summary,
                weights: Dictionary(named.map { ($0.name, $0.parameter.tensor.array.map(\.bitPattern)) }, uniquingKeysWith: { a, _ in a }),
                parameterOrder: named.map(\.name),
                requiresGrad: named.map(\.parameter.tensor.requiresGrad),
                compiled: t != nil,
                epochLosses: t?.history.map(\.loss.bitPattern) ?? [],
                history: t?.history ?? [],
                batchLosses: t?.batchLosses.map(\.bitPattern) ?? [],
                trainerBatchSize: t?.batchSize,
                learningRate: t?.optimizer.learningRate.bitPattern,
                optimizerConfig: t?.optimizer.config,
                optimizerIterations: t?.optimizer.iterations,
                epochPosition: t.map { $0.epochPosition(dataCount: session.datasets[session.currentData ?? ""]?.trainingSet.count ?? 0).done })
        }
    }

    var description: String {
        "log \(log), data \(currentData ?? "-"), model \(currentModel ?? "-"), datasets \(datasets.keys.sorted()), "
            + models.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.summary.rows.map(\.name)) \($0.value.batchLosses.count) batches" }.joined(separator: "; ")
    }
}

// MARK: - Files

/// The package root, found by walking up from this file to Package.swift.
func packageRoot(from file: String = #filePath) -> URL {
    var url = URL(fileURLWithPath: file).deletingLastPathComponent()
    while url.path != "/" {
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        url.deleteLastPathComponent()
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
}

/// A fresh temporary directory.
func makeTemporaryDirectory(_ label: String) -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("gradbook-\(label)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

// MARK: - Help entries (wrapped at 78 columns)

/// The usage of a help entry with its continuation lines joined: `usage: train N [early_stop=N] ...`.
func unwrappedUsage(_ lines: [String]) -> String {
    let usage = lines.drop { !$0.hasPrefix("usage: ") }.enumerated().prefix { $0.offset == 0 || $0.element.hasPrefix("       ") }
    return usage.map { String($0.element.drop { $0 == " " }) }.joined(separator: " ")
}

/// One row of a help table (`  key  description`) with its continuation lines joined.
func helpRow(_ lines: [String], key: String) -> String? {
    guard let start = lines.firstIndex(where: { $0.hasPrefix("  \(key)") }) else { return nil }
    let rest = lines[(start + 1)...].prefix { $0.hasPrefix("   ") }
    return ([lines[start]] + rest.map { String($0.drop { $0 == " " }) }).joined(separator: " ")
}
