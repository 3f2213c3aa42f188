// `export keras` and `export pytorch`: for models of every family (an MLP, the seed CNN on IDX files, a GPT
// on a text, an LSTM, a GRU and SimpleRNN, a convolutional autoencoder with conv2dtranspose, a ViT, residual
// and nested blocks with batch norm, a VAE) both scripts compile (`python3 -m py_compile`, python3 from
// scripts/setup.sh) and declare a LAYERS table whose names, Keras classes, output shapes and parameter
// counts are `summary`'s, nested blocks included; the weights file loads back into Gradbook and holds the
// check examples. Running the scripts needs PyTorch or Keras, which CI lacks: scripts/check-export.py does
// that by hand and compares their outputs and scores with Gradbook's.

import Foundation
import NeuralNet
import Notebook
import Testing

/// Runs python3 with `arguments`; (exit status, standard output and error).
func runPython(_ arguments: [String]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}

/// The LAYERS table and TOTAL_PARAMS of a script, read with Python's ast.literal_eval, as JSON.
private let readTable = """
import ast, json, sys
values = {}
for node in ast.parse(open(sys.argv[1], encoding="utf-8").read()).body:
    if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and node.targets[0].id in ("LAYERS", "TOTAL_PARAMS"):
        values[node.targets[0].id] = ast.literal_eval(node.value)
def row(r):
    name, kind, shape, params, settings = r
    settings = dict(settings)
    if "layers" in settings:
        settings["layers"] = [row(x) for x in settings["layers"]]
    return {"name": name, "type": kind, "shape": list(shape), "params": params, "settings": settings}
print(json.dumps({"layers": [row(r) for r in values["LAYERS"]], "total": values["TOTAL_PARAMS"]}, sort_keys=True))
"""

/// Raw IDX files of 28x28 grey images with labels 0...9: `train-*` and `t10k-*` in `folder`.
func writeIDX(_ folder: String, train: Int, test: Int) {
    func file(_ name: String, dims: [Int], values: [UInt8]) {
        var bytes: [UInt8] = [0, 0, 0x08, UInt8(dims.count)]
        for d in dims { bytes += [UInt8(d >> 24 & 255), UInt8(d >> 16 & 255), UInt8(d >> 8 & 255), UInt8(d & 255)] }
        _ = FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(bytes + values))
    }
    for (prefix, n) in [("train", train), ("t10k", test)] {
        file("\(prefix)-images-idx3-ubyte", dims: [n, 28, 28], values: (0..<(n * 784)).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ $0 / 784) })
        file("\(prefix)-labels-idx1-ubyte", dims: [n], values: (0..<n).map { UInt8($0 % 10) })
    }
}

@Suite(.serialized) struct ExportScriptTests {
    /// Model name -> the lines that load its data and build and compile it (DIR: a temporary folder).
    static let models: [String: [String]] = [
        "mlp": ["load points moons count=60 validation=20 test=20", "model", "dense 16 relu l2=1e-3", "dropout 0.1", "dense 16 tanh",
                "dense 2 softmax", "compile optimizer=sgd lr=0.1 momentum=0.9 nesterov=on metrics=accuracy schedule=step step_size=2"],
        "seed-cnn": ["load idx DIR/idx", "split validation=0.2", "model", "conv2d 32 3 relu", "maxpool 2", "conv2d 64 3 relu", "maxpool 2",
                     "flatten", "dense 128 relu", "dense 10 softmax", "compile optimizer=adam lr=1e-3 metrics=accuracy,top5"],
        "gpt": ["load text DIR/text.txt context=8 validation=0.2", "model", "embedding vocab 16", "positional learned",
                "transformer 2 32 causal=on dropout=0.1", "layernorm", "dense vocab softmax",
                "compile optimizer=adamw lr=3e-3 metrics=perplexity,bits_per_token schedule=cosine epochs=4"],
        "lstm": ["load sequences reverse length=6 vocab=8 count=40", "model input=6", "embedding 8 8", "lstm 12 return_sequences=on",
                 "lstm 10", "dense 48", "reshape 6x8", "dense 8 softmax",
                 "compile loss=sparse_categorical_crossentropy optimizer=rmsprop lr=1e-2"],
        "gru": ["load sequences reverse length=6 vocab=8 count=40", "model input=6", "embedding 8 8", "gru 12 return_sequences=on",
                "simplernn 10 return_sequences=on activation=relu", "dense 8 softmax",
                "compile optimizer=adam metrics=accuracy,sequence_accuracy schedule=plateau patience=2"],
        "autoencoder": ["load shapes count=20 classes=2 size=28 target=input", "model", "conv2d 8 3 relu stride=2 padding=same",
                        "conv2d 16 3 relu stride=2 padding=same", "flatten", "dense 8", "dense 784 relu", "reshape 7x7x16",
                        "conv2dtranspose 16 3 relu stride=2 padding=same", "conv2dtranspose 8 3 relu stride=2 padding=same",
                        "conv2d 1 3 sigmoid padding=same", "compile loss=binary_crossentropy optimizer=adam lr=2e-3"],
        "vit": ["load shapes count=20 classes=3 size=28", "model", "patches 7 16", "classtoken", "positional sinusoidal",
                "transformer 2 32", "attention 2 key_dim=4 causal=on", "layernorm", "token 0", "dense 3 softmax",
                "compile loss=categorical_crossentropy metrics=accuracy"],
        "blocks": ["load shapes count=20 classes=3 size=28", "main = model", "conv2d 4 3 relu stride=2 padding=same",
                   "block = model input=14x14x4", "conv2d 4 3 padding=same", "batchnorm", "activation leaky_relu", "use main",
                   "residual block", "feat = model input=14x14x4", "conv2d 6 4 stride=2 padding=same", "avgpool 2 stride=1",
                   "use main", "sequential feat", "globalavgpool", "dense 3 softmax", "freeze conv2d_1", "compile optimizer=sgd"],
        "vae": ["load shapes count=20 classes=2 size=28 target=input", "model", "flatten", "dense 16 relu", "dense 4", "sampling",
                "dense 784 sigmoid", "reshape 28x28x1", "compile loss=binary_crossentropy kl=0.01"],
    ]

    static func prepare(_ dir: String) {
        try? FileManager.default.createDirectory(atPath: dir + "/idx", withIntermediateDirectories: true)
        writeIDX(dir + "/idx", train: 30, test: 10)
        let text = String(repeating: "the cat sat on the mat. a dog ran to the cat and sat down. ", count: 12)
        _ = FileManager.default.createFile(atPath: dir + "/text.txt", contents: Data(text.utf8))
    }

    @Test("Both scripts compile and their LAYERS tables are the summary, row by row", arguments: models.keys.sorted())
    func scriptsDeclareTheSummary(name: String) throws {
        let dir = makeTemporaryDirectory("export").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        Self.prepare(dir)
        let interpreter = Interpreter()
        let lines = (Self.models[name] ?? []).map { $0.replacingOccurrences(of: "DIR", with: dir) }
        runLines(interpreter, lines + ["export pytorch \(dir)/\(name)_torch.py", "export keras \(dir)/\(name)_keras.py"])
        let model = try #require(interpreter.session.modelEntry?.model)
        var tables: [String] = []
        for framework in ["torch", "keras"] {
            let script = "\(dir)/\(name)_\(framework).py"
            let (status, output) = try runPython(["-m", "py_compile", script])
            #expect(status == 0, "\(script) does not compile: \(output)")
            let (read, json) = try runPython(["-c", readTable, script])
            try #require(read == 0, "cannot read LAYERS of \(script): \(json)")
            tables.append(json)
            let table = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let rows = try #require(table["layers"] as? [[String: Any]])
            let summary = model.summary
            #expect(table["total"] as? Int == summary.total)
            #expect(rows.count == summary.rows.count)
            for (row, expected) in zip(rows, summary.rows) {
                #expect(row["name"] as? String == expected.name)
                #expect(row["type"] as? String == expected.type)
                #expect(row["params"] as? Int == expected.parameters, "\(expected.name)")
                #expect(row["shape"] as? [Int] == expected.outputShape, "\(expected.name)")
            }
            for (row, layer) in zip(rows, model.layers) { try Self.expectNested(row, layer) }
            // The weights load back into Gradbook, and the check examples are the model's inputs and outputs.
            let weights = "\(dir)/\(name)_\(framework).safetensors"
            runLines(interpreter, ["load weights \(weights)"])
            let header = try SafetensorsHeader(parsing: try Data(contentsOf: URL(fileURLWithPath: weights)), path: weights)
            #expect(header.entries["__check__.inputs"]?.shape == [8] + model.inputShape)
            #expect(header.entries["__check__.outputs"]?.shape == [8] + model.outputShape)
        }
        #expect(tables.count == 2 && tables[0] == tables[1], "the two scripts declare different tables")
    }

    /// A container's nested rows are its children's names, classes and counts.
    static func expectNested(_ row: [String: Any], _ layer: Layer) throws {
        let settings = try #require(row["settings"] as? [String: Any])
        guard let inner = settings["layers"] as? [[String: Any]] else {
            #expect(layer.children.isEmpty || !(layer is Residual || layer is Sequential), "\(layer.name) lists no layers")
            return
        }
        #expect(inner.map { $0["name"] as? String } == layer.children.map(\.name))
        #expect(inner.map { $0["type"] as? String } == layer.children.map(\.typeName))
        #expect(inner.map { $0["params"] as? Int } == layer.children.map { $0.parameters.reduce(0) { $0 + $1.tensor.count } })
        for (child, sub) in zip(inner, layer.children) { try expectNested(child, sub) }
    }
}
