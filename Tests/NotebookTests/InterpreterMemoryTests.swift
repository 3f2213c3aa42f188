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
