import NeuralNet
import Notebook
import Testing

/// `residual MODEL` and `sequential MODEL`: containers written in the language, each one registry entry.
@Suite struct InterpreterResidualTests {
    static let lines = [
        "load shapes count=120 classes=3 size=16",
        "block = model input=14x14x8", "conv2d 8 3 relu padding=same", "conv2d 8 3 padding=same",
        "main = model", "conv2d 8 3 relu", "residual block", "maxpool 2", "flatten", "dense 3 softmax",
    ]

    @Test func aResidualBlockTrainsAndNamesItsWeightsThroughTheTree() throws {
        let interpreter = Interpreter()
        runLines(interpreter, Self.lines + ["compile", "step 2 batches"])
        let model = try #require(interpreter.session.modelEntry?.model)
        #expect(model.layers.map(\.typeName) == ["Conv2D", "Residual", "MaxPooling2D", "Flatten", "Dense"])
        #expect(model.summary.total == 80 + 2 * 584 + 392 * 3 + 3)
        let names = model.namedParameters.map(\.name)
        #expect(names.contains("residual_1.conv2d_1.kernel"))
        #expect(names.contains("residual_1.conv2d_2.bias"))
        #expect(interpreter.session.modelEntry?.trainer?.batchLosses.count == 2)
    }

    @Test func theBodyIsACopyNotAnAlias() throws {
        let interpreter = Interpreter()
        runLines(interpreter, Self.lines + ["use block", "remove 2", "use main"])
        let main = try #require(interpreter.session.models["main"]?.model)
        #expect(main.summary.total == 80 + 2 * 584 + 392 * 3 + 3, "editing the bound model later leaves the copy alone")
    }

    @Test func sequentialNestsACopyAsOneLayer() throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["load shapes count=60 classes=2 size=8", "head = model input=64", "dense 16 relu", "dense 2 softmax",
                               "clf = model", "flatten", "sequential head", "compile", "step 1 batches"])
        let model = try #require(interpreter.session.modelEntry?.model)
        #expect(model.layers.map(\.typeName) == ["Flatten", "Sequential"])
        #expect(model.namedParameters.map(\.name).contains("sequential_1.dense_2.kernel"))
    }

    @Test("Errors point at the model name and say what to do", arguments: [
        ("residual nothing", "<input>:11:10: error: no model is bound to 'nothing' - make one first, e.g. `nothing = model input=28x28x1`"),
    ])
    func unknownModel(line: String, expected: String) {
        let interpreter = Interpreter()
        runLines(interpreter, Self.lines)
        let error = #expect(throws: NotebookError.self) { try interpreter.execute(line: line, lineNumber: 11) }
        #expect(error?.rendered() == expected)
    }

    @Test func aBodyThatChangesTheShapeIsRefusedAndChangesNothing() throws {
        let interpreter = Interpreter()
        runLines(interpreter, Self.lines + ["shrink = model input=7x7x8", "conv2d 4 3", "use main"])
        let before = try #require(interpreter.session.modelEntry?.model.layers.count)
        let error = #expect(throws: NotebookError.self) { try interpreter.execute(line: "insert 4 residual shrink", lineNumber: 14) }
        #expect(error?.message.contains("(5, 5, 4)") == true, "\(String(describing: error))")
        #expect(interpreter.session.modelEntry?.model.layers.count == before)
    }
}
