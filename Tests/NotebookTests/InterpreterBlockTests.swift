import Testing
import NeuralNet
@testable import Notebook

/// Blocks made of bound models (`sequential m`, `residual m`): an empty model is refused at its name
/// (it once recursed forever, SIGSEGV), and a model's size and nesting are capped (each `sequential m`
/// of a model into itself once doubled its layers, and the time to plan them, without end).
@Suite struct InterpreterBlockTests {
    @Test(arguments: ["sequential", "residual"])
    func anEmptyModelIsRefusedAsABlock(_ word: String) throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["e = model input=4", "main = model input=4"])
        let text = try #require(failure(interpreter, "\(word) e"))
        #expect(text.hasPrefix("<input>:1:\(word.count + 2): error: model 'e' has no layers, so `\(word) e` would compute nothing"))
        #expect(text.contains("add layers to it first"))
        #expect(interpreter.session.modelEntry?.model.layers.isEmpty == true)
        // The model itself used as its own block, empty: refused the same way.
        runLines(interpreter, ["use e"])
        #expect(failure(interpreter, "\(word) e")?.contains("has no layers") == true)
    }

    @Test func anEmptyContainerHoldsNoWeights() throws {
        let empty = try NeuralNet.Sequential(inputShape: [4])
        #expect(empty.parameterTree.isEmpty)
        #expect(empty.parameters.isEmpty)
        #expect(Residual(empty).parameterTree.isEmpty)
        let outer = try NeuralNet.Sequential(inputShape: [4])
        try outer.add(Residual(empty.copy()))
        try outer.add(empty.copy())
        #expect(outer.trainableParameters.isEmpty)
        #expect(outer.namedParameters.isEmpty)
    }

    @Test func nestingDeeperThanTheLimitIsRefusedAtTheLine() throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["m = model input=4", "dense 4"])
        var refused: String?
        for i in 0..<(NeuralNet.Sequential.maxNesting + 2) {
            let before = interpreter.session.modelEntry?.model.layers.count
            if let text = failure(interpreter, "sequential m") {
                refused = text
                #expect(i == NeuralNet.Sequential.maxNesting, "refused after \(i) blocks")
                #expect(interpreter.session.modelEntry?.model.layers.count == before)
                break
            }
        }
        let text = try #require(refused)
        #expect(text.hasPrefix("<input>:1:1: error: sequential_"), "\(text)")
        #expect(text.contains("would nest blocks \(NeuralNet.Sequential.maxNesting + 1) deep, more than the \(NeuralNet.Sequential.maxNesting) levels"))
    }

    @Test func moreLayersThanTheLimitAreRefusedAtTheLine() throws {
        let interpreter = Interpreter()
        // A wide block of 512 layers, added again and again side by side (nesting 1).
        runLines(interpreter, ["b = model input=4"] + Array(repeating: "dense 4", count: 511) + ["m = model input=4"])
        var refused: String?
        for _ in 0..<10 {
            if let text = failure(interpreter, "sequential b") {
                refused = text
                break
            }
        }
        let text = try #require(refused)
        #expect(text.contains("would bring the model to 4608 layers (nested ones included), more than the 4096 a model may hold"), "\(text)")
        #expect(interpreter.session.modelEntry?.model.layers.count == 8)
    }
}
