// `prune`, `quantize` and `save weights dtype=` through the interpreter: what they print, the zeros column
// of `stats`, the bytes column of `summary`, an int8 file that predicts the same after a reload, and the
// percentage argument.

import Foundation
import NeuralNet
import Notebook
import Testing

private let setup = [
    "load shapes count=120 classes=3", "model", "conv2d 4 3 relu", "maxpool 2", "flatten", "dense 3 softmax", "compile", "step batch",
]

/// The tables among `blocks`.
private func tables(_ blocks: [OutputBlock]) -> [TableBlock] {
    blocks.compactMap { if case let .table(t) = $0 { t } else { nil } }
}

@Suite struct CompressionCommandTests {
    @Test func pruneReportsEachKernelAndStatsShowsZeros() throws {
        let interpreter = Interpreter()
        runLines(interpreter, setup)
        let pruned = try #require(tables(runLines(interpreter, ["prune all 75%"])).first)
        #expect(pruned.rows.map { $0[0] } == ["conv2d_1.kernel", "dense_1.kernel"])
        #expect(pruned.rows[0][1...3] == ["36", "27", "75.0%"])
        let stats = try #require(tables(runLines(interpreter, ["stats weights"])).first)
        #expect(stats.headers.last == "zeros")
        #expect(stats.rows.map { $0.last } == ["75.0%", "0.0%", "75.0%", "0.0%"])
        // The masks hold through training.
        runLines(interpreter, ["step 3 batches"])
        let after = try #require(tables(runLines(interpreter, ["stats weights"])).first)
        #expect(after.rows.map { $0.last } == ["75.0%", "0.0%", "75.0%", "0.0%"])
        let model = try #require(interpreter.session.modelEntry?.model)
        for mask in model.pruneMasks {
            #expect(zip(mask.keep, mask.tensor.array).allSatisfy { keep, v in keep || v == 0 }, "\(mask.name)")
        }
    }

    @Test func percentagesParseWithAndWithoutTheSign() {
        for (line, value) in [("prune all 80%", 80.0), ("prune 1 12.5%", 12.5), ("prune dense_1 50", 50.0), ("prune all 0%", 0)] {
            let result = Parser.parse(line)
            #expect(result.diagnostics.isEmpty, "\(line): \(result.renderedDiagnostics())")
            #expect((result.statements.first?.command as? Prune)?.percent.value == value, "\(line)")
        }
    }

    @Test func quantiseSummaryBytesAndAnInt8FileThatPredictsTheSame() throws {
        let dir = makeTemporaryDirectory("compression")
        defer { try? FileManager.default.removeItem(at: dir) }
        let interpreter = Interpreter()
        runLines(interpreter, setup + ["step 3 batches"])
        let quantised = try #require(tables(runLines(interpreter, ["quantize int8 calibrate=32"])).first)
        #expect(quantised.rows.map { $0[0] } == ["conv2d_1", "dense_1"])
        #expect(quantised.title?.contains("32 calibration examples") == true)
        let summary = try #require(tables(runLines(interpreter, ["summary"])).first)
        #expect(summary.headers.last == "Bytes")
        #expect(summary.rows.first?.first == "conv2d_1 (int8)")
        #expect(summary.footer.contains { $0.hasPrefix("Weights in memory: ") })
        let before = runLines(interpreter, ["confusion"])
        runLines(interpreter, ["save weights \(dir.path)/q.safetensors dtype=int8", "quantize off"])
        #expect(interpreter.session.modelEntry?.model.quantization == nil)
        runLines(interpreter, ["load weights \(dir.path)/q.safetensors"])
        #expect(interpreter.session.modelEntry?.model.quantization?.layers.count == 2)
        #expect(runLines(interpreter, ["confusion"]) == before)
        // A float16 copy loads as float and turns the int8 state off.
        runLines(interpreter, ["save weights \(dir.path)/h.safetensors dtype=float16", "load weights \(dir.path)/h.safetensors"])
        #expect(interpreter.session.modelEntry?.model.quantization == nil)
    }
}

@Suite struct CompressionRefusalTests {
    /// A quantised model refuses training and pruning with located errors, and nothing changes.
    @Test func aQuantisedModelRefusesTrainingAndPruning() throws {
        let interpreter = Interpreter()
        runLines(interpreter, setup + ["quantize int8 calibrate=16"])
        let model = try #require(interpreter.session.modelEntry?.model)
        let weights = model.namedParameters.map { $0.parameter.tensor.array }
        let losses = interpreter.session.modelEntry?.trainer?.batchLosses.count
        #expect(failure(interpreter, "step batch") == "<input>:1:1: error: the model is quantised to int8, which runs inference only; "
            + "the model is as it was before this command - `quantize off` returns to the float weights (train those, then `quantize int8` again)")
        #expect(failure(interpreter, "prune all 50%") == "<input>:1:1: error: model 'model' is quantised to int8 - "
            + "`quantize off` returns to the float weights; prune those, then quantise again")
        #expect(model.namedParameters.map { $0.parameter.tensor.array } == weights)
        #expect(interpreter.session.modelEntry?.trainer?.batchLosses.count == losses)
        #expect(model.quantization != nil && model.pruneMasks.isEmpty)
        // Back to float, training works again.
        runLines(interpreter, ["quantize off", "step batch"])
        #expect(interpreter.session.modelEntry?.trainer?.batchLosses.count == (losses ?? 0) + 1)
    }
}
