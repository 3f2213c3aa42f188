import Foundation
import Notebook
import Testing

// Data commands on IDX folders written here: shared class lists, training-only subsets, huge batches.

/// An MNIST-style folder: uncompressed train and t10k files of `size`x`size` images with these labels.
private func idxFolder(train: [UInt8], test: [UInt8], size: Int = 4) throws -> URL {
    let dir = makeTemporaryDirectory("idx")
    func idx(_ dimensions: [Int], _ data: [UInt8]) -> Data {
        var bytes: [UInt8] = [0, 0, 0x08, UInt8(dimensions.count)]
        for d in dimensions { bytes += [UInt8(d >> 24 & 255), UInt8(d >> 16 & 255), UInt8(d >> 8 & 255), UInt8(d & 255)] }
        return Data(bytes + data)
    }
    for (prefix, labels) in [("train", train), ("t10k", test)] {
        let pixels = (0..<(labels.count * size * size)).map { UInt8($0 % 256) }
        try idx([labels.count, size, size], pixels).write(to: dir.appendingPathComponent("\(prefix)-images-idx3-ubyte"))
        try idx([labels.count], labels).write(to: dir.appendingPathComponent("\(prefix)-labels-idx1-ubyte"))
    }
    return dir
}

@Suite("Interpreter data")
struct InterpreterDataTests {
    @Test("info and show samples work when one split uses a class the other never does",
          arguments: [([0, 11, 3, 1], [0, 1]), ([0, 1], [0, 11, 3])] as [([UInt8], [UInt8])])
    func sharedClassList(train: [UInt8], test: [UInt8]) throws {
        let dir = try idxFolder(train: train, test: test)
        defer { try? FileManager.default.removeItem(at: dir) }
        let interpreter = Interpreter()
        let blocks = runLines(interpreter, ["load idx \(dir.path)", "info", "show samples 3 from=test", "show samples 3 from=train"])
        #expect(texts(blocks).first?.hasSuffix("12 classes") == true, "\(texts(blocks))")
        let table = blocks.compactMap { if case .table(let t) = $0 { t } else { nil } }.first
        #expect(table?.rows.count == 13, "12 classes and the total")
        #expect(table?.rows.last == ["", "total", String(train.count), String(test.count)])
        let captions = blocks.compactMap { if case .images(let g) = $0 { g.images.map(\.caption) } else { nil } }
        #expect(captions == [test.prefix(3).enumerated().map { "\($0.offset) \($0.element)" },
                             train.prefix(3).enumerated().map { "\($0.offset) \($0.element)" }])
    }

    @Test("load idx counts the classes from the labels: 0 and 1 are two classes")
    func classCountFromLabels() throws {
        let dir = try idxFolder(train: [0, 1, 1, 0], test: [1, 0])
        defer { try? FileManager.default.removeItem(at: dir) }
        let blocks = runLines(Interpreter(), ["load idx \(dir.path)"])
        #expect(texts(blocks) == ["idx: 4 training images, 2 test - 4x4x1, 2 classes"])
    }

    @Test("subset= cuts the training images only", arguments: ["idx", "fashion-mnist"])
    func subsetCutsTrainingOnly(form: String) throws {
        let dir = try idxFolder(train: [0, 1, 2, 3, 4, 5], test: [5, 4, 3, 2, 1], size: 28)
        defer { try? FileManager.default.removeItem(at: dir) }
        let line = form == "idx" ? "load idx \(dir.path) subset=2" : "load fashion-mnist dir=\(dir.path) subset=2"
        let blocks = runLines(Interpreter(), [line])
        #expect(texts(blocks).first?.hasPrefix("\(form): 2 training images, 5 test - 28x28x1") == true, "\(texts(blocks))")
    }

    @Test("the largest batch (1048576, far more than the data) then train 1 trains one batch of everything")
    func hugeBatch() throws {
        let interpreter = Interpreter()
        let blocks = runLines(interpreter, ["load shapes count=40 classes=2 size=8", "model", "flatten", "dense 2 softmax",
                                            "compile", "batch 1048576", "train 1", "step 1 batches"])
        #expect(!blocks.isEmpty)
        #expect(interpreter.session.modelEntry?.trainer?.batchLosses.count == 2)
    }
}
