// Malformed and failing lines through `Interpreter.execute(line:lineNumber:)`: each row pins the exact
// rendered error, where it points, and that the session is left exactly as it was (log, current names,
// summaries, every weight bit for bit, trainer history, batch losses, optimiser state, data counts).
// A twin session that never saw the failing line then trains two more batches alongside: hidden state
// (optimiser moments, the epoch in progress, random streams) must not have moved either.

import Foundation
import NeuralNet
import Notebook
import Testing

/// Files the rows refer to, made once: a checkpoint of a model with other shapes, a corrupt checkpoint,
/// and a session file whose first line fails. `$TMP` in a row stands for this directory.
private let fixtureDirectory: String = {
    let dir = makeTemporaryDirectory("errors")
    let other = Interpreter()
    runLines(other, ["model input=28x28x1", "conv2d 6 3 relu", "flatten", "dense 3 softmax",
                     "save weights \(dir.path)/other.safetensors"])
    _ = FileManager.default.createFile(atPath: dir.appendingPathComponent("corrupt.safetensors").path, contents: Data([1, 2, 3]))
    _ = FileManager.default.createFile(atPath: dir.appendingPathComponent("bad.grad").path, contents: Data("conv3d 4 3\ndense 3\n".utf8))
    _ = FileManager.default.createFile(atPath: dir.appendingPathComponent("self.grad").path,
                                       contents: Data("run \(dir.path)/self.grad\n".utf8))
    return dir.path
}()

/// The common setup every row starts from: a compiled CNN that has trained one batch.
private let setup = [
    "load shapes count=200 classes=3",
    "model",
    "conv2d 4 3 relu",
    "flatten",
    "dense 3 softmax",
    "compile",
    "step batch",
]

/// Lines run in both sessions after the check, to expose hidden state that a failing line disturbed.
private let followUp = ["use shapes", "use model", "step 2 batches"]

struct FailingLine: Sendable, CustomTestStringConvertible {
    enum Stage: Sendable { case parse, runtime }
    var line: String
    var stage: Stage
    var column: Int
    var expected: String
    /// Extra lines after the common setup (the state is compared from after them).
    var prelude: [String] = []
    var testDescription: String { (prelude.isEmpty ? "" : prelude.joined(separator: "; ") + "; ") + line }
}

/// The line number every failing line is executed as.
private let lineNumber = 7

private func parse(_ line: String, _ column: Int, _ message: String) -> FailingLine {
    FailingLine(line: line, stage: .parse, column: column, expected: "<input>:\(lineNumber):\(column): error: " + message)
}

private func runtime(_ line: String, _ column: Int, _ message: String, after prelude: [String] = []) -> FailingLine {
    FailingLine(line: line, stage: .runtime, column: column, expected: "<input>:\(lineNumber):\(column): error: " + message, prelude: prelude)
}

private let failingLines: [FailingLine] = [
    // MARK: Parse errors (Diagnostic)
    parse("conv3d 4 3", 1, "unknown command 'conv3d' - did you mean 'conv2d'?"),
    parse("trian 3", 1, "unknown command 'trian' - did you mean 'train'?"),
    parse("insert 2 dens 4", 10, "unknown layer 'dens' - did you mean 'dense'?"),
    parse("insert 2 compile", 10, "'compile' is not a layer - insert takes a layer line, e.g. insert 2 dropout 0.25"),
    parse("replace 1 dnse 8", 11, "unknown layer 'dnse' - did you mean 'dense'?"),
    parse("dense 4 relu foo=1", 14, "unknown option 'foo' for dense - options: init, l1, l2, name"),
    parse("compile lr=abc", 12, "expected a number for 'lr', found 'abc'"),
    parse("dropout 1.5", 9, "rate 1.5 for dropout must be in [0, 1)"),
    parse("compile loss=crossentropy", 14, "unknown loss 'crossentropy' - did you mean 'sparse_categorical_crossentropy'?"),
    parse("compile optimizer=adamm", 19, "unknown optimizer 'adamm' - did you mean 'adam'?"),
    parse("load", 5, "load needs one of fashion-mnist, idx, shapes, images, sequences, text, points or weights (e.g. fm = load fashion-mnist subset=10000)"),
    parse("load fashion", 6, "unknown form 'fashion' for load - did you mean 'load fashion-mnist'?"),
    parse("conv2d 32", 10, "conv2d needs KERNEL (e.g. conv2d 32 3 relu)"),
    parse("batch 0", 7, "size 0 for batch must be in [1, 1048576]"),
    parse("seed 1 2", 8, "too many arguments for seed: unexpected '2' - usage: seed N"),
    parse("compile lr=0.1 lr=0.2", 16, "duplicate option 'lr' - first given at 7:9"),
    parse("compile lr=", 12, "option 'lr' needs a value after '='"),
    parse("compile lr=0.1,0.2", 9, "option 'lr' takes a single value, not a list"),
    parse("set", 4, "set needs at least one option (e.g. set lr=0.0005)"),
    parse("compile gamma=0.5", 9, "option 'gamma' only applies with schedule=step"),
    parse("step 3", 7, "expected 'batches' after 3, found 'end of line' - e.g. step 3 batches"),
    parse("step 0 batches", 6, "batches 0 for step must be at least 1"),
    parse("shuffle maybe", 9, "expected on/off, true/false or yes/no for 'enabled', found 'maybe'"),
    parse("model input=28x0", 13, "shape '28x0' for 'input' has a zero dimension"),
    parse("model input=28x", 13, "malformed shape '28x' - write a shape as sizes joined by x, e.g. 28x28x1"),
    parse("dense 3a", 7, "expected an integer for 'units', found '3a'"),
    parse("load shapes count=99999999999999999999", 19, "number '99999999999999999999' is too large"),
    parse("save weights \"out/x.safetensors", 14, "unterminated string - close it with '\"'"),
    parse("dense 4 @", 9, "stray character '@'"),
    parse("= model", 1, "'=' needs a name before it - e.g. clf = model"),
    parse("my-model = model", 1, "invalid name 'my-model' - names start with a letter or '_' and contain only letters, digits and '_'"),
    parse("clf =", 6, "expected a command after 'clf =' - e.g. clf = model"),
    parse("x = dense 10", 5, "cannot bind 'x': dense produces nothing to name - only model and load <data set> can be named"),
    parse("evaluate on=valid", 13, "unknown data split 'valid' - did you mean 'validation'?"),
    parse("help conv3d", 6, "unknown command 'conv3d' - did you mean 'conv2d'?"),
    parse("seed -1", 6, "seed -1 for seed must be at least 0"),
    parse("threads 0", 9, "count 0 for threads must be in [1, 1024]"),
    parse("load shapes classes=1", 21, "classes 1 for load shapes must be in [2, 8]"),
    parse("dense 4 relu =", 15, "option 'relu' needs a value after '='"),

    // MARK: Runtime errors (NotebookError)
    runtime("conv2d 8 5", 1, "conv2d_2 cannot take input of shape (3): expected an image (height, width, channels); add `reshape` first - check `summary` for the shapes; `flatten` turns images into vectors, `reshape` the other way"),
    runtime("insert 1 conv2d 8 30", 10, "conv2d_2 cannot take input of shape (28, 28, 1): expected at least 30x30 pixels for a 30x30 kernel with valid padding - check `summary` for the shapes; `flatten` turns images into vectors, `reshape` the other way"),
    runtime("insert flatten_1 maxpool 30", 18, "max_pooling2d_1 cannot take input of shape (26, 26, 4): expected an image (height, width, channels) of at least 30x30 - check `summary` for the shapes; `flatten` turns images into vectors, `reshape` the other way"),
    runtime("remove dense_9", 8, "no layer named 'dense_9' - did you mean 'dense_1'?"),
    runtime("remove 9", 8, "layer 9 does not exist: the model has 3 layers - use 1...3 or a name such as 'conv2d_1'"),
    runtime("replace 9 dense 3", 9, "layer 9 does not exist: the model has 3 layers - use 1...3 or a name such as 'conv2d_1'"),
    runtime("freeze conv2d_2", 8, "no layer named 'conv2d_2' - did you mean 'conv2d_1'?"),
    runtime("unfreeze 7", 10, "layer 7 does not exist: the model has 3 layers - use 1...3 or a name such as 'conv2d_1'"),
    runtime("show filters conv2d_7", 14, "no layer named 'conv2d_7' - did you mean 'conv2d_1'?"),
    runtime("show filters dense_1", 14, "filters belong to conv2d layers - choose one of conv2d_1"),
    runtime("show weights flatten_1", 14, "flatten_1 (Flatten) has no weights - choose a conv2d, dense or normalisation layer"),
    runtime("stats weights dense_5", 15, "no layer named 'dense_5' - did you mean 'dense_1'?"),
    runtime("show activations conv2d_1 sample=500", 34, "sample 500 is outside the test set (0...39)"),
    runtime("use shapez", 5, "nothing is named 'shapez' - did you mean 'shapes'?"),
    runtime("use dense_1", 5, "nothing is named 'dense_1' - names are model, shapes"),
    runtime("info modle", 6, "nothing is named 'modle' - did you mean 'model'?"),
    runtime("predict 99999", 9, "index 99999 is outside the test set (0...39)"),
    runtime("predict 0 from=validation", 16, "data set 'shapes' has no validation split - make one with `split validation=0.1`"),
    runtime("evaluate on=validation", 13, "data set 'shapes' has no validation split - make one with `split validation=0.1`"),
    runtime("confusion on=validation", 14, "data set 'shapes' has no validation split - make one with `split validation=0.1`"),
    runtime("show samples 4 from=validation", 21, "data set 'shapes' has no validation split - make one with `split validation=0.1`"),
    runtime("split validation=0.001", 18, "a validation fraction of 0.001 leaves an empty part of 200 images - use a fraction between 0.05 and 0.5"),
    runtime("dense 3 name=conv2d_1", 14, "a layer named 'conv2d_1' already exists - choose another name"),
    runtime("replace conv2d_1 dense 3 name=dense_1", 31, "a layer named 'dense_1' already exists - choose another name"),
    runtime("insert 1 dropout 0.1 name=dense_1", 27, "a layer named 'dense_1' already exists - choose another name"),
    runtime("load weights /nonexistent/x.safetensors", 14, "cannot read '/nonexistent/x.safetensors': no such file - check the path and the file's permissions"),
    runtime("load weights $TMP/other.safetensors", 14, "'$TMP/other.safetensors' does not fit this model: 'conv2d_1.kernel' has shape (3, 3, 1, 6), the model needs (3, 3, 1, 4) - the file must come from `save weights` on a model with the same layers"),
    runtime("load weights $TMP/corrupt.safetensors", 14, "'$TMP/corrupt.safetensors' is not a valid safetensors file: only 3 bytes, less than the 8-byte header length - the file is damaged or is not a checkpoint; save the weights again with `save weights`"),
    runtime("save weights /nonexistent-dir/x.safetensors", 14, "the folder '/nonexistent-dir' does not exist - create it first or choose another path"),
    runtime("save session /nonexistent-dir/s.grad", 14, "the folder '/nonexistent-dir' does not exist - create it first or choose another path"),
    runtime("train 2 checkpoint=/nonexistent-dir/best.safetensors", 20, "the folder '/nonexistent-dir' does not exist - create it first or choose another path"),
    runtime("load idx /nonexistent", 10, "/nonexistent: directory not found. It should contain: train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz - give a folder holding MNIST-format IDX files"),
    runtime("load fashion-mnist dir=/nonexistent", 24, "/nonexistent: directory not found. It should contain: train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz - install Debian's dataset-fashion-mnist package (files go to /usr/share/datasets/fashion-mnist) or set GRADBOOK_FASHION_MNIST to a directory holding these files"),
    runtime("run missing.grad", 5, "cannot read 'missing.grad' - no such file"),
    runtime("run $TMP/bad.grad", 5, "in $TMP/bad.grad:1:1: unknown command 'conv3d' - did you mean 'conv2d'?"),
    runtime("run $TMP/self.grad", 5, "in $TMP/self.grad:1:5: '$TMP/self.grad' is already running (a session cannot run itself)"),
    runtime("compile", 1, "the model has 5 outputs but 'shapes' has 3 classes - make the last layer `dense 3 softmax`", after: ["wide = model", "flatten", "dense 5 softmax"]),
    runtime("step", 1, "model 'fresh' is not compiled - run `compile` first, e.g. `compile optimizer=adam lr=1e-3`", after: ["fresh = model", "flatten", "dense 3 softmax"]),
    runtime("compile", 1, "model 'empty' has no layers - add layers first, e.g. `dense 10 softmax`", after: ["empty = model"]),
    runtime("compile", 1, "model 'odd' takes (None, 10, 10, 1) but 'shapes' has images of (None, 28, 28, 1) - start a model for this data with `model`, or `use` the data set it was made for", after: ["odd = model input=10x10x1", "flatten", "dense 3 softmax"]),
    runtime("save weights $TMP/never.safetensors", 1, "model 'empty' has no layers to save", after: ["empty = model"]),
    runtime("history", 1, "model 'fresh' is not compiled - run `compile` first, e.g. `compile optimizer=adam lr=1e-3`", after: ["fresh = model", "dense 3 softmax"]),
    // MARK: Compression (prune, quantize, save weights dtype=)
    parse("prune all 120%", 11, "percent 120% for prune must be in [0, 100]"),
    parse("prune all -5%", 11, "percent -5% for prune must be in [0, 100]"),
    parse("compile lr=1%", 12, "expected a number for 'lr', found '1%'"),
    parse("quantize int8 per=channels", 19, "unknown scale granularity 'channels' - did you mean 'channel'?"),
    parse("quantize int8 calibrate=0", 25, "calibrate 0 for quantize must be in [1, 10000]"),
    runtime("prune flatten_1 50%", 7, "flatten_1 has no kernel or embedding to prune - prune a dense, conv2d or embedding layer (biases and normalisation weights are not pruned)"),
    runtime("save weights q.safetensors dtype=int8", 34, "dtype=int8 needs a quantised model; 'model' holds float weights - run `quantize int8` first, or save as dtype=float16 or float32"),
]

private func substitute(_ s: String) -> String { s.replacingOccurrences(of: "$TMP", with: fixtureDirectory) }

@Suite struct InterpreterErrorTests {
    @Test func theTableIsLargeAndMixed() {
        #expect(failingLines.count >= 40)
        #expect(failingLines.filter { $0.stage == .parse }.count >= 15)
        #expect(failingLines.filter { $0.stage == .runtime }.count >= 15)
        #expect(Set(failingLines.map(\.testDescription)).count == failingLines.count)
    }

    @Test(arguments: failingLines)
    func failingLineLeavesTheSessionUnchanged(_ row: FailingLine) throws {
        let interpreter = Interpreter()
        runLines(interpreter, setup + row.prelude.map(substitute))
        let before = SessionSnapshot(interpreter.session)
        #expect(before.models["model"]?.batchLosses.count == 1, "the setup trains one batch")

        var thrown: (any Error)?
        do {
            let blocks = try interpreter.execute(line: substitute(row.line), lineNumber: lineNumber)
            Issue.record("`\(row.line)` did not fail; it returned \(blocks.count) blocks")
        } catch {
            thrown = error
        }
        let error = try #require(thrown)
        let rendered = renderedError(error)
        #expect(rendered == substitute(row.expected))
        switch row.stage {
        case .parse:
            let d = try #require(error as? Diagnostic, "expected a parse diagnostic, got \(type(of: error))")
            #expect(d.line == lineNumber)
            #expect(d.column == row.column)
        case .runtime:
            let e = try #require(error as? NotebookError, "expected a NotebookError, got \(type(of: error))")
            #expect(e.line == lineNumber)
            #expect(e.column == row.column)
            #expect(e.range.end.line == lineNumber)
            #expect(e.range.end.column > e.column, "the error underlines at least one character")
        }
        // Renders with a file name in front, like `gradbook run` prints it.
        #expect(renderedError(error, file: "s.grad") == "s.grad" + rendered.dropFirst("<input>".count))

        let after = SessionSnapshot(interpreter.session)
        #expect(after == before)

        // Hidden state: both sessions train on identically.
        let twin = Interpreter()
        runLines(twin, setup + row.prelude.map(substitute))
        #expect(SessionSnapshot(twin.session) == before, "the setup is deterministic")
        runLines(interpreter, followUp)
        runLines(twin, followUp)
        let trained = SessionSnapshot(interpreter.session), twinTrained = SessionSnapshot(twin.session)
        #expect(trained.models["model"]?.batchLosses.count == 3)
        #expect(trained == twinTrained)
    }
}

/// Successful lines, each of which changes something the snapshot records: proves the comparison above
/// would notice a failing line that changed the same thing.
private let changingLines = [
    "seed 9", "batch 8", "shuffle off", "split validation=0.2", "load shapes count=50 classes=3 size=12",
    "other = model", "dense 3 softmax", "insert 1 dropout 0.5", "remove flatten_1", "replace dense_1 dense 3 relu",
    "freeze conv2d_1", "compile optimizer=sgd", "set lr=0.5", "set momentum=0.5", "set batch=4", "step batch",
    "load weights $TMP/same.safetensors",
]

@Suite struct InterpreterStateSnapshotTests {
    @Test(arguments: changingLines)
    func theSnapshotSeesEveryKindOfChange(_ line: String) throws {
        let interpreter = Interpreter()
        runLines(interpreter, setup)
        if line.contains("$TMP/same") {
            // A checkpoint of the same architecture with other weights.
            let donor = Interpreter()
            runLines(donor, ["seed 99"] + setup + ["save weights \(fixtureDirectory)/same.safetensors"])
        }
        let before = SessionSnapshot(interpreter.session)
        _ = try interpreter.execute(line: substitute(line))
        #expect(SessionSnapshot(interpreter.session) != before)
    }

    @Test func snapshotsOfIdenticalSessionsAreEqual() {
        let a = Interpreter(), b = Interpreter()
        runLines(a, setup)
        runLines(b, setup)
        #expect(SessionSnapshot(a.session) == SessionSnapshot(b.session))
    }
}

@Suite struct InterpreterEdgeErrorTests {
    /// The parser refuses `x = dense 10`; a hand-built statement reaches the interpreter's own check.
    @Test func bindingANonBindableStatement() throws {
        let interpreter = Interpreter()
        runLines(interpreter, setup)
        let before = SessionSnapshot(interpreter.session)
        guard case .success(var statement?) = Parser.parseLine("x = model", lineNumber: 3) else {
            Issue.record("`x = model` parses")
            return
        }
        guard case .success(let summary?) = Parser.parseLine("summary") else { Issue.record("summary parses"); return }
        statement.command = summary.command
        statement.spec = summary.spec
        #expect(throws: NotebookError.self) { try interpreter.execute(statement) }
        do {
            _ = try interpreter.execute(statement)
        } catch {
            #expect(error.rendered() == "<input>:3:1: error: only `model` and `load` produce something to name")
            #expect(error.range == statement.binding?.range)
        }
        #expect(SessionSnapshot(interpreter.session) == before)
    }

    /// `run` stops at a failing line of the file; the lines before it have run (and are logged, so that a
    /// saved session replays them); the failing line has not.
    @Test func runStopsAtTheFirstFailingLineOfItsFile() throws {
        let dir = makeTemporaryDirectory("run")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("half.grad").path
        try "# two good lines, then a bad one\nbatch 8\ndense 5 relu\nconv2d 8 3\ndense 3 softmax\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let interpreter = Interpreter()
        runLines(interpreter, setup)
        let logBefore = interpreter.session.log
        do {
            _ = try interpreter.execute(line: "run \(path)", lineNumber: 4)
            Issue.record("run of a failing file succeeded")
        } catch {
            #expect(renderedError(error) == "<input>:4:5: error: in \(path):4:1: conv2d_2 cannot take input of shape (5): "
                    + "expected an image (height, width, channels); add `reshape` first - check `summary` for the shapes; "
                    + "`flatten` turns images into vectors, `reshape` the other way")
        }
        #expect(interpreter.session.log == logBefore + ["batch 8", "dense 5 relu"])
        #expect(interpreter.session.modelEntry?.model.layers.map(\.name) == ["conv2d_1", "flatten_1", "dense_1", "dense_2"])
        #expect(interpreter.session.batchSize == 8)
    }

    /// A comment-only or blank line does nothing and logs nothing.
    @Test(arguments: ["", "   ", "# a comment", "  # indented comment"])
    func blankAndCommentLinesDoNothing(_ line: String) throws {
        let interpreter = Interpreter()
        runLines(interpreter, setup)
        let before = SessionSnapshot(interpreter.session)
        #expect(try interpreter.execute(line: line).isEmpty)
        #expect(SessionSnapshot(interpreter.session) == before)
    }

    /// Replacing a layer with one of the same explicit name.
    @Test func replaceKeepingTheLayerName() throws {
        let interpreter = Interpreter()
        runLines(interpreter, setup)
        let blocks = try interpreter.execute(line: "replace dense_1 dense 3 softmax name=dense_1")
        #expect(texts(blocks).first == "replaced dense_1")
        #expect(interpreter.session.modelEntry?.model.layers.map(\.name) == ["conv2d_1", "flatten_1", "dense_1"])
    }
}
