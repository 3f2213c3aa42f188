import Foundation
import NeuralNet
import TensorRuntime

extension Interpreter {
    func saveWeights(_ path: Located<String>, dtype: WeightsDtype = .float32, at range: SourceRange) throws -> [OutputBlock] {
        let m = try requireModel(at: range)
        guard !m.model.layers.isEmpty else { throw NotebookError("model '\(m.name)' has no layers to save", at: range) }
        do {
            try Checkpoint.save(m.model, to: path.value, metadata: ["model": m.name, "epochs": String(m.trainer?.epochsDone ?? 0)],
                                dtype: dtype.storage)
        } catch { throw NotebookError(error, at: path.range) }
        let count = m.model.summary.total
        let kind = dtype == .float32 ? "" : " as \(dtype.rawValue)"
        return [.text("saved \(ModelSummary.grouped(count)) weights of '\(m.name)'\(kind) to \(path.value)", style: .success)]
    }

    func loadWeights(_ spec: LoadWeights, at range: SourceRange) throws -> [OutputBlock] {
        let m = try requireModel(at: range)
        let path = spec.path
        let selection: Checkpoint.Selection = spec.layers.isEmpty ? .all
            : spec.isMatching(session) ? .matching : .layers(spec.layers.map(\.value))
        let report: Checkpoint.LoadReport
        do {
            let data = try Checkpoint.contents(of: path.value)
            report = try Checkpoint.load(m.model, contents: data, path: path.value, selection: selection)
        } catch { throw NotebookError(error, at: path.range) }
        let state = m.model.quantization == nil ? "" : " (int8 state: \(m.model.quantization?.layers.count ?? 0) layers)"
        guard selection != .all else { return [.text("loaded weights into '\(m.name)' from \(path.value)\(state)", style: .success)] }
        guard !report.loaded.isEmpty else {
            throw NotebookError("no weight of '\(m.name)' has its name and shape in \(path.value)", at: path.range,
                                hint: "the file must come from `save weights` on a model with some of the same layers (names as in `summary`)")
        }
        var blocks: [OutputBlock] = [.text("loaded \(report.loaded.count) weight tensors into '\(m.name)' from \(path.value)", style: .success)]
        if !report.kept.isEmpty {
            let listed = report.kept.prefix(6).map { "\($0.name) (\($0.reason))" }
            let more = report.kept.count > 6 ? "; and \(report.kept.count - 6) more" : ""
            blocks.append(.text("kept as they were: " + listed.joined(separator: ", ") + more, style: .note))
        }
        return blocks
    }

    func saveSession(_ path: Located<String>) throws -> [OutputBlock] {
        let header = ["# Gradbook session saved from \(session.log.count) command\(session.log.count == 1 ? "" : "s")",
                      "# replay with: gradbook run \(path.value)"]
        let text = (header + session.log).joined(separator: "\n") + "\n"
        do { try AtomicFile.write(Data(text.utf8), to: path.value) } catch { throw NotebookError(error, at: path.range) }
        return [.text("saved \(session.log.count) commands to \(path.value)", style: .success)]
    }

    /// Writes the commands run so far with their output, rendered as text at 80 columns, as Markdown.
    func saveTranscript(_ path: Located<String>) throws -> [OutputBlock] {
        let renderer = BlockRenderer(options: .unicodeMonochrome, width: 80)
        var text = "# Gradbook transcript\n\n\(session.cells.count) command\(session.cells.count == 1 ? "" : "s"), as they ran.\n"
        for cell in session.cells {
            text += "\n```text\n>>> \(cell.source)\n"
            for block in cell.blocks {
                text += renderer.render(block) + "\n"
            }
            text += "```\n"
        }
        do { try AtomicFile.write(Data(text.utf8), to: path.value) } catch { throw NotebookError(error, at: path.range) }
        return [.text("saved \(session.cells.count) commands with their output to \(path.value)", style: .success)]
    }

    /// Runs another session file inside this one, line by line as if typed. Its lines are logged one by
    /// one (not the `run` line), so a saved session stays self-contained. At the first failing line the
    /// file stops; the lines before it stay applied, as in a notebook whose cells ran.
    func runFile(_ path: Located<String>) throws -> [OutputBlock] {
        guard runStack.count < 16 else { throw NotebookError("`run` is nested too deeply (16 files)", at: path.range) }
        let file = AtomicFile.expandingTilde(path.value)
        let resolved = URL(fileURLWithPath: file).standardizedFileURL.path
        guard !runStack.contains(resolved) else {
            throw NotebookError("'\(path.value)' is already running (a session cannot run itself)", at: path.range)
        }
        var info = stat()
        if stat(file, &info) == 0 && info.st_mode & S_IFMT != S_IFREG {
            throw NotebookError("'\(path.value)' is not a regular file", at: path.range, hint: "`run` reads session files such as sessions/quickstart.grad")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw NotebookError("cannot read '\(path.value)'", at: path.range,
                                hint: FileManager.default.fileExists(atPath: file) ? "check its permissions" : "no such file")
        }
        guard let source = String(data: data, encoding: .utf8) else {
            throw NotebookError("'\(path.value)' is not UTF-8 text", at: path.range)
        }
        runStack.append(resolved)
        defer { runStack.removeLast() }
        var blocks: [OutputBlock] = []
        for (i, line) in SourceLines.split(source).enumerated() {
            let statement: Statement?
            switch Parser.parseLine(String(line), lineNumber: i + 1) {
            case .failure(let d):
                throw NotebookError("in \(path.value):\(d.line):\(d.column): \(d.message)", at: path.range, hint: d.hint)
            case .success(let s): statement = s
            }
            guard let statement else { continue }
            do {
                blocks += try execute(statement)
            } catch {
                throw NotebookError("in \(path.value):\(error.line):\(error.column): \(error.message)", at: path.range, hint: error.hint)
            }
            if quitRequested { break }
        }
        return blocks
    }

    /// Throws unless a file can be saved at `path` (its folder exists and can be written, and nothing
    /// but a regular file has that name): run before training with `checkpoint=PATH`, so a bad path
    /// fails before the first epoch, not after it.
    func checkWritable(_ path: String, at range: SourceRange) throws {
        do { try AtomicFile.checkWritable(path) } catch { throw NotebookError(error, at: range) }
    }

}
