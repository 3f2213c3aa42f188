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

    /// Writes the lines that rebuild this session, each under the comments that stood above it.
    func saveSession(_ path: Located<String>) throws -> [OutputBlock] {
        let count = session.replay.count
        let header = ["# Gradbook session saved from \(count) command\(count == 1 ? "" : "s")", "# replay with: gradbook run \(path.value)"]
        var lines = header
        var comments = 0
        for entry in session.replay {
            // The header of a saved session that was replayed is not written again.
            let own = entry.comments.filter { !$0.hasPrefix("# Gradbook session saved from ") && !$0.hasPrefix("# replay with: gradbook run ") }
            let kept = own.drop { $0.isEmpty }
            if !kept.isEmpty {
                lines.append("")
                lines += kept
                comments += kept.count { !$0.isEmpty }
            }
            lines.append(entry.line)
        }
        let text = lines.joined(separator: "\n") + "\n"
        do { try AtomicFile.write(Data(text.utf8), to: path.value) } catch { throw NotebookError(error, at: path.range) }
        let kept = comments == 0 ? "" : " and \(comments) comment line\(comments == 1 ? "" : "s")"
        return [.text("saved \(count) commands\(kept) to \(path.value)", style: .success)]
    }

    /// Writes the transcript (commands, their output and the comments as prose) as Markdown, HTML or a
    /// Jupyter notebook, by the file's extension (``Handout``).
    func saveTranscript(_ path: Located<String>) throws -> [OutputBlock] {
        try checkWritable(path.value, at: path.range)
        guard let format = Handout.Format(path: path.value) else {
            throw NotebookError("save transcript writes .md, .html or .ipynb files; '\(path.value)' ends in none of them", at: path.range,
                                hint: "name the file like lesson-1.md (text), lesson-1.html (a page with pictures) or lesson-1.ipynb (Jupyter)")
        }
        let handout = Handout(cells: session.cells)
        let data: Data
        do { data = try handout.data(format) } catch {
            throw NotebookError("cannot write the notebook: \(error.localizedDescription)", at: path.range)
        }
        do { try AtomicFile.write(data, to: path.value) } catch { throw NotebookError(error, at: path.range) }
        let commands = handout.commandCount
        let comments = session.cells.count { !$0.isCommand }
        let prose = comments == 0 ? "" : " and \(comments) comment\(comments == 1 ? "" : "s")"
        return [.text("saved \(commands) commands with their output\(prose) to \(path.value)", style: .success)]
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
                forgetComments()
                throw NotebookError("in \(path.value):\(d.line):\(d.column): \(d.message)", at: path.range, hint: d.hint)
            case .success(let s): statement = s
            }
            guard let statement else {
                note(line)
                continue
            }
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
