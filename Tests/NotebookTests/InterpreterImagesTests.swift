import Datasets
import Foundation
import NeuralNet
import Testing
import TensorRuntime
@testable import Notebook

@Suite("Image commands", .serialized)
struct InterpreterImagesTests {
    @Test("augmented batches are bit-identical for thread counts 1 and 3")
    func augmentationThreads() throws {
        let pool = ThreadPool.shared
        let before = pool.threadCount
        defer { pool.setThreadCount(before) }
        var a = Augmentation()
        a.rotation = 15
        a.zoom = 0.2
        a.shear = 10
        a.horizontalFlip = true
        a.noise = 0.02
        let data = try ColorShapes.make(count: 24, classes: 2, size: 16, seed: 4)
        let loader = try BatchLoader(data: data, transforms: [AugmentTransform(a)])
        let order = SeededGenerator.epochPermutation(count: 24, seed: 3, epoch: 1)
        pool.setThreadCount(1)
        let one = try loader.batch(order[0..<24], epochSeed: 9).inputs.array
        pool.setThreadCount(3)
        let three = try loader.batch(order[0..<24], epochSeed: 9).inputs.array
        #expect(one.map(\.bitPattern) == three.map(\.bitPattern))
        let plain = try BatchLoader(data: data).batch(order[0..<24]).inputs.array
        #expect(one != plain)
    }

    @Test("make-dataset, load images, augment, info and show augment work together; augment off clears")
    func session() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gradbook-images-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let interpreter = Interpreter()
        func run(_ line: String) throws -> String {
            try interpreter.execute(line: line).map { "\($0)" }.joined(separator: "\n")
        }
        #expect(try run("make-dataset shapes-rgb \(dir) count=10 size=16").contains("wrote 10 training and 2 validation"))
        #expect(throws: NotebookError.self) { try run("make-dataset shapes-rgb \(dir) count=10 size=16") }
        let loaded = try run("cats = load images \(dir)/train size=16x16 validation=\(dir)/validation class_mode=binary")
        // Issue 16 item 6: the validation folder is the validation split, named so by `info`.
        #expect(loaded.contains("cats: 10 training images, 2 validation - 16x16x3, 2 classes"))
        let info = try run("info")
        #expect(info.contains("validation") && !info.contains("test"), "\(info)")
        #expect(loaded.contains("decoded 12 of 12 files"))
        #expect(throws: NotebookError.self) { try run("load images \(dir)/train size=16x16 class_mode=binary split=0.2 validation=\(dir)/validation") }
        #expect(try run("augment zoom=0.2 flip=horizontal").contains("kept for the next model compiled"))
        #expect(try run("info").contains("zoom=0.2 flip=horizontal fill=nearest"))
        guard case .images(let grid)? = try interpreter.execute(line: "show augment 3").first else {
            Issue.record("no image grid")
            return
        }
        #expect(grid.images.count == 4)
        _ = try run("augment off")
        #expect(!(try run("info").contains("augmentation")))
        #expect(throws: NotebookError.self) { try run("show augment 3") }
    }

    @Test("augment applies to the model it names and no other, compiled before or after (issue 16 item 10)")
    func augmentScope() throws {
        let interpreter = Interpreter()
        func augmented(_ name: String) throws -> Bool {
            let t = try #require(interpreter.session.models[name]?.trainer)
            return t.transforms.contains { $0 is AugmentTransform }
        }
        let layers = ["conv2d 2 3 relu", "flatten", "dense 3 softmax", "compile"]
        runLines(interpreter, ["load shapes count=20 classes=3 size=16", "a = model"] + layers)
        let said = texts(try interpreter.execute(line: "augment zoom=0.2")).joined()
        #expect(said.contains("training 'a' from its next batch (only 'a')"))
        runLines(interpreter, ["b = model"] + layers)
        #expect(try augmented("a"))
        #expect(try !augmented("b"), "a model compiled after `augment` for 'a' is not augmented")
        // Recompiling 'a' keeps its augmentation.
        runLines(interpreter, ["use a", "compile optimizer=sgd"])
        #expect(try augmented("a"))

        // With no model yet: kept for the next model compiled, and only that one.
        let fresh = Interpreter()
        runLines(fresh, ["load shapes count=20 classes=3 size=16"])
        #expect(texts(try fresh.execute(line: "augment flip=horizontal")).joined().contains("kept for the next model compiled (only that one)"))
        runLines(fresh, ["c = model"] + layers + ["d = model"] + layers)
        #expect(fresh.session.models["c"]?.trainer?.transforms.contains { $0 is AugmentTransform } == true)
        #expect(fresh.session.models["d"]?.trainer?.transforms.contains { $0 is AugmentTransform } == false)
    }

    @Test("issue 16 item 6: validation=DIR is the validation split: evaluate on=validation works, on=test points there")
    func validationFolderIsTheValidationSplit() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gradbook-images-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let interpreter = Interpreter()
        runLines(interpreter, ["make-dataset shapes-rgb \(dir) count=10 size=16",
                               "load images \(dir)/train size=16x16 validation=\(dir)/validation class_mode=binary",
                               "model", "flatten", "dense 1 sigmoid",
                               "compile loss=binary_crossentropy optimizer=adam metrics=accuracy"])
        #expect(failure(interpreter, "evaluate on=validation") == nil)
        let missing = failure(interpreter, "evaluate on=test") ?? ""
        #expect(missing.contains("has no test split") && missing.contains("on=validation"), "\(missing)")
    }

    @Test("issue 16 item 22: a file name with a newline is shown escaped in the skip list and the saved transcript")
    func escapedNamesInReports() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gradbook-images-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let interpreter = Interpreter()
        runLines(interpreter, ["make-dataset shapes-rgb \(dir)/ds count=6 size=16"])
        try Data("not a picture".utf8).write(to: URL(fileURLWithPath: "\(dir)/ds/train/circle/x\n>>> forged.png"))
        let report = texts(try interpreter.execute(line: "load images \(dir)/ds/train size=16x16")).joined(separator: "\n")
        #expect(report.contains("circle/x\\n>>> forged.png: not a PNG or JPEG file"), "\(report)")
        #expect(!report.split(separator: "\n").contains { $0.hasPrefix(">>> forged") })
        runLines(interpreter, ["save transcript \(dir)/t.md"])
        let transcript = try String(contentsOfFile: "\(dir)/t.md", encoding: .utf8)
        #expect(transcript.contains("circle/x\\n>"))
        #expect(!transcript.split(separator: "\n").contains { $0.hasPrefix(">>> forged") }, "\(transcript)")
    }
}
