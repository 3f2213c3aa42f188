import Testing
@testable import Notebook

/// A batch whose activations cannot fit is refused before training starts, instead of the process being
/// killed for memory; the session stays usable.
@Suite struct InterpreterMemoryTests {
    @Test func hugeBatchIsRefusedWithAHint() throws {
        let interpreter = Interpreter()
        _ = runLines(interpreter, ["load shapes count=20000 classes=3 size=32", "model", "conv2d 512 3 relu", "flatten",
                                   "dense 3 softmax", "compile", "batch 20000"])
        let log = interpreter.session.log
        do {
            _ = try interpreter.execute(line: "step", lineNumber: 8)
            Issue.record("a batch of 20000 images through 512 filters was accepted")
        } catch {
            let text = renderedError(error)
            #expect(text.hasPrefix("<input>:8:1: error: a batch of 20000 would need about "))
            #expect(text.hasSuffix("GB for this model's weights and activations - use a smaller batch, e.g. `batch 32`"))
        }
        #expect(interpreter.session.log == log)
        #expect(interpreter.session.modelEntry?.trainer?.batchLosses.isEmpty == true)
        // A sensible batch then trains.
        _ = runLines(interpreter, ["batch 16", "step 1 batches"])
        #expect(interpreter.session.modelEntry?.trainer?.batchLosses.count == 1)
    }
}

/// Every command that runs the model checks memory for the examples it runs at once, before it runs:
/// an attention over 65,536 positions needs about 137 GB for one example, which once ended the process
/// ("out of memory allocating 34359738368 floats") from any of these commands.
@Suite struct InterpreterModelMemoryTests {
    static let commands = [
        "show attention 3", "show attention all", "evaluate", "evaluate on=train", "predict 0", "show activations 2",
        "show saliency 3", "show gradcam dense_1 0", "watch attention 3", "confusion", "show errors", "step", "train 1",
    ]

    @Test func everyCommandThatRunsTheModelIsRefusedBeforeItRuns() throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["load shapes count=10 size=256", "model", "reshape 65536x1", "dense 8", "attention 8",
                               "flatten", "dense 3 softmax", "compile"])
        let log = interpreter.session.log
        for (i, line) in Self.commands.enumerated() {
            do {
                _ = try interpreter.execute(line: line, lineNumber: 9 + i)
                Issue.record("`\(line)` ran a model that needs about 137 GB for one example")
            } catch {
                let text = renderedError(error)
                #expect(text.hasPrefix("<input>:\(9 + i):1: error: "), "\(line): \(text)")
                #expect(text.contains(" would need about ") && text.contains(" GB for this model's weights and activations"), "\(line): \(text)")
            }
        }
        #expect(interpreter.session.log == log)
        #expect(interpreter.session.watch == nil)
        #expect(interpreter.session.modelEntry?.trainer?.batchLosses.isEmpty == true)
    }

    @Test func oneExampleNamesTheModelNotTheBatch() throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["load shapes count=10 size=256", "model", "reshape 65536x1", "dense 8", "attention 8"])
        let text = try #require(failure(interpreter, "show attention 3"))
        #expect(text.hasPrefix("<input>:1:1: error: one example would need about "), "\(text)")
        #expect(text.hasSuffix("make the model smaller: fewer units, heads or positions (pool or reshape to a shorter input first)"))
    }
}
