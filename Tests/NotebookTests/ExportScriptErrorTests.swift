// What `export keras|pytorch` refuses (with where and a hint, writing nothing) and the data it writes beside
// a script: generated examples split by split, a text's token ids with its vocabulary, IDX files by their folder.

import Foundation
import NeuralNet
import Notebook
import Testing

@Suite struct ExportScriptErrorTests {
    static let sequences = ["load sequences reverse length=6 vocab=8 count=20", "model input=6", "embedding 8 8"]

    @Test("Refused exports say where and what, with a hint, and write nothing", arguments: [
        (["dense 8 softmax"], "export pytorch DIR/m.py",
         "<input>:1:1: error: model 'model' is not compiled - run `compile` first, e.g. `compile optimizer=adam lr=1e-3`"),
        (["dense 8 softmax", "compile"], "export keras DIR/m.txt",
         "<input>:1:14: error: export keras writes a Python script; 'DIR/m.txt' does not end in .py - name the file like out/model.py (the weights go beside it as out/model.safetensors)"),
        (["lstm 8 return_sequences=on activation=relu", "dense 8 softmax", "compile"], "export pytorch DIR/m.py",
         "<input>:1:1: error: lstm_1 (LSTM) uses relu; PyTorch's nn.LSTM has tanh only - `export keras` keeps it; for PyTorch give the layer activation=tanh"),
        (["gru 8 return_sequences=on reset_after=off", "dense 8 softmax", "compile"], "export pytorch DIR/m.py",
         "<input>:1:1: error: gru_1 (GRU) has reset_after=off; PyTorch's nn.GRU applies the reset gate after the recurrent product only - `export keras` keeps it; for PyTorch use reset_after=on (Keras 3's default)"),
        (["simplernn 8 return_sequences=on activation=sigmoid", "dense 8 softmax", "compile"], "export pytorch DIR/m.py",
         "<input>:1:1: error: simple_rnn_1 (SimpleRNN) uses sigmoid; PyTorch's nn.RNN has tanh and relu only - `export keras` keeps it; for PyTorch give the layer activation=tanh"),
    ])
    func refusals(model: [String], line: String, message: String) throws {
        let dir = makeTemporaryDirectory("export-refused").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let interpreter = Interpreter()
        runLines(interpreter, Self.sequences + model)
        #expect(failure(interpreter, line.replacingOccurrences(of: "DIR", with: dir)) == message.replacingOccurrences(of: "DIR", with: dir))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test func keepsWhatPyTorchRefusesForKeras() throws {
        let dir = makeTemporaryDirectory("export-keras").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let interpreter = Interpreter()
        runLines(interpreter, Self.sequences + ["gru 8 return_sequences=on reset_after=off activation=relu", "dense 8 softmax", "compile",
                                                "export keras \(dir)/m.py"])
        let script = try String(contentsOfFile: dir + "/m.py", encoding: .utf8)
        #expect(script.contains("layers.GRU(8, activation=\"relu\", return_sequences=True, reset_after=False, name=\"gru_1\")"))
    }

    @Test func aQuantisedModelIsRefused() throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["load shapes count=40 classes=2 size=8", "model", "flatten", "dense 4 relu", "dense 2 softmax", "compile",
                               "quantize int8"])
        #expect(failure(interpreter, "export pytorch /tmp/never-written.py")
            == "<input>:1:1: error: model 'model' runs int8 kernels, which PyTorch layers do not have - export the float model: `load weights` a float checkpoint saved before `quantize`, then export")
    }

    @Test func generatedDataGoesBesideTheScriptSplitBySplit() throws {
        let dir = makeTemporaryDirectory("export-data").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let interpreter = Interpreter()
        runLines(interpreter, ["load points circles count=30 validation=10 test=5", "model", "dense 2 softmax", "compile",
                               "export pytorch \(dir)/p.py"])
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/p.data.safetensors"))
        let header = try SafetensorsHeader(parsing: data, path: "p.data.safetensors")
        #expect(header.entries.mapValues(\.shape) == ["train.x": [30, 2], "train.y": [30], "validation.x": [10, 2], "validation.y": [10],
                                                      "test.x": [5, 2], "test.y": [5]])
        #expect(header.entries["train.y"]?.dtype == "I32")
        let script = try String(contentsOfFile: dir + "/p.py", encoding: .utf8)
        #expect(script.contains("DATA = os.path.join(HERE, \"p.data.safetensors\")"))
    }

    @Test func aTextGoesAsTokenIdsWithItsVocabulary() throws {
        let dir = makeTemporaryDirectory("export-text").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = FileManager.default.createFile(atPath: dir + "/t.txt", contents: Data(String(repeating: "abc, abd. ", count: 20).utf8))
        let interpreter = Interpreter()
        runLines(interpreter, ["load text \(dir)/t.txt context=4", "model", "embedding vocab 4", "dense vocab softmax", "compile",
                               "export keras \(dir)/t.py"])
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/t.data.safetensors"))
        let header = try SafetensorsHeader(parsing: data, path: "t.data.safetensors")
        let text = try #require(interpreter.session.data?.text)
        #expect(header.entries["train.tokens"]?.shape == [text.train.tokens.count])
        #expect(header.entries["validation.tokens"]?.shape == [text.validation.tokens.count])
        let vocabulary = try #require(header.metadata["vocabulary"])
        #expect(try JSONSerialization.jsonObject(with: Data(vocabulary.utf8)) as? [String] == (0..<text.tokenizer.vocabularySize).map { text.tokenizer.text(of: Int32($0)) })
    }

    @Test func idxFilesAreReadWhereGradbookReadThem() throws {
        let dir = makeTemporaryDirectory("export-idx").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        writeIDX(dir, train: 40, test: 10)
        let interpreter = Interpreter()
        runLines(interpreter, ["digits = load idx \(dir) subset=30", "split validation=0.5", "model", "flatten", "dense 10 softmax", "compile",
                               "export pytorch \(dir)/d.py"])
        let script = try String(contentsOfFile: dir + "/d.py", encoding: .utf8)
        #expect(script.contains("folder = \"\(dir)\""))
        #expect(script.contains("read_idx(folder, \"train\", \"images\", 30)"))
        #expect(script.contains("hold_out(x, y, 20)"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/d.data.safetensors"))
    }
}
