import Notebook
import Testing

/// Running a model on data that changed after `model` or `compile` is refused with what changed and what
/// to do, not with a kernel's shape or label message.
@Suite struct InterpreterCompatibilityTests {
    static let setup = ["load shapes count=100 classes=3", "model", "flatten", "dense 3 softmax", "compile"]

    @Test("A new image size after `model`", arguments: ["show activations 2", "train 1", "step", "evaluate", "confusion", "predict 1"])
    func imageSizeChanged(command: String) throws {
        let interpreter = Interpreter()
        runLines(interpreter, Self.setup + ["load shapes count=100 classes=3 size=26"])
        let error = #expect(throws: NotebookError.self) { try interpreter.execute(line: command, lineNumber: 7) }
        #expect(error?.rendered() == "<input>:7:1: error: model 'model' takes 28x28x1 inputs but the current data set 'shapes' has 26x26x1 images"
                + " - the data changed after the model was made: `use` the data set it was made for, or start a new model with `model`")
    }

    @Test("More classes after `compile`", arguments: ["train 1", "step 1 batches", "evaluate", "confusion", "predict 1"])
    func classCountChanged(command: String) throws {
        let interpreter = Interpreter()
        runLines(interpreter, Self.setup + ["load shapes count=100 classes=5"])
        let error = #expect(throws: NotebookError.self) { try interpreter.execute(line: command, lineNumber: 7) }
        #expect(error?.message == "model 'model' has 3 outputs but the current data set 'shapes' has 5 classes")
        #expect(error?.hint?.contains("`replace` the last layer with `dense 5 softmax`") == true)
    }

    @Test func theSameShapesStillRun() {
        let interpreter = Interpreter()
        runLines(interpreter, Self.setup + ["load shapes count=50 classes=3", "step 1 batches", "evaluate"])
    }
}
