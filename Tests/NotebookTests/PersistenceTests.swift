// Saving and loading through the notebook: unsafe targets are refused with the path named, a bad
// checkpoint path fails before the first epoch, and `predict` reads a one-unit sigmoid model right.

import Foundation
import NeuralNet
import Notebook
import Testing

/// A compiled one-unit sigmoid classifier on two shape classes.
private let binarySetup = [
    "load shapes count=40 classes=2 size=8",
    "model",
    "flatten",
    "dense 1 sigmoid",
    "compile loss=binary_crossentropy optimizer=sgd lr=0.1",
]


@Suite struct PersistenceTests {
    @Test("Saving onto something that is not a regular file is refused, with the path and a hint", arguments: [
        ("save weights DIR/fifo", 14, "'DIR/fifo' is not a regular file (it is a named pipe) - saving only replaces regular files; choose another path"),
        ("save session DIR/fifo", 14, "'DIR/fifo' is not a regular file (it is a named pipe) - saving only replaces regular files; choose another path"),
        ("save weights DIR/sub", 14, "'DIR/sub' is a directory - name a file inside it, e.g. 'folder/name'"),
        ("save weights DIR/file/w", 14, "'DIR/file' is not a folder - a part of the path before the file name is a file; choose another folder"),
        ("save session DIR/missing/s.grad", 14, "the folder 'DIR/missing' does not exist - create it first or choose another path"),
        ("train 2 checkpoint=DIR/fifo", 20, "'DIR/fifo' is not a regular file (it is a named pipe) - saving only replaces regular files; choose another path"),
        ("train 2 checkpoint=DIR/missing/best.safetensors", 20, "the folder 'DIR/missing' does not exist - create it first or choose another path"),
        ("load weights DIR/sub", 14, "cannot read 'DIR/sub': it is a directory - check the path and the file's permissions"),
        ("load weights DIR/fifo", 14, "cannot read 'DIR/fifo': it is not a regular file - check the path and the file's permissions"),
        ("run DIR/fifo", 5, "'DIR/fifo' is not a regular file - `run` reads session files such as sessions/quickstart.grad"),
        // Issue 16 item 23: a trailing slash where nothing is names a folder, not "is a directory".
        ("save transcript DIR/x.png/", 17, "'DIR/x.png/' ends with '/', so it names a folder, not a file - drop the trailing '/' to name a file, e.g. 'out/chart.png'"),
    ])
    func unsafeTargets(line: String, column: Int, message: String) throws {
        let dir = makeTemporaryDirectory("persist").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(mkfifo(dir + "/fifo", 0o644) == 0)
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: false)
        _ = FileManager.default.createFile(atPath: dir + "/file", contents: Data())
        let interpreter = Interpreter()
        runLines(interpreter, binarySetup)
        let text = failure(interpreter, line.replacingOccurrences(of: "DIR", with: dir))
        #expect(text == "<input>:1:\(column): error: " + message.replacingOccurrences(of: "DIR", with: dir))
        // Nothing trained, nothing replaced, nothing left behind.
        #expect(interpreter.session.modelEntry?.trainer?.epochsDone == 0)
        var info = stat()
        #expect(lstat(dir + "/fifo", &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["fifo", "file", "sub"])
    }

    @Test("Issue 16 item 26: export and save transcript refuse to replace a read-only (0444) file, and leave it as it was",
          arguments: ["export images DIR/ro.png", "save transcript DIR/ro.png", "save session DIR/ro.png"])
    func readOnlyTargets(line: String) throws {
        let dir = makeTemporaryDirectory("persist").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = FileManager.default.createFile(atPath: dir + "/ro.png", contents: Data("keep".utf8), attributes: [.posixPermissions: 0o444])
        let interpreter = Interpreter()
        runLines(interpreter, binarySetup + ["show samples 4"])
        let text = failure(interpreter, line.replacingOccurrences(of: "DIR", with: dir)) ?? "no error"
        #expect(text.hasSuffix("error: '\(dir)/ro.png' exists and is read-only: its permissions do not let you write it - "
                               + "it is left as it is; choose another path, or make it writable (chmod u+w) first"), "\(text)")
        #expect(FileManager.default.contents(atPath: dir + "/ro.png") == Data("keep".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["ro.png"])
    }

    @Test("A checkpoint path is checked fully by the function train calls before its first epoch")
    func checkpointCheckedFirst() throws {
        let dir = makeTemporaryDirectory("persist").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: FileWriteError.folderMissing(folder: dir + "/missing")) { try AtomicFile.checkWritable(dir + "/missing/best") }
        #expect(throws: FileWriteError.notRegularFile(path: "/dev/null", kind: "a device")) { try AtomicFile.checkWritable("/dev/null") }
        #expect(throws: FileWriteError.isDirectory(path: dir)) { try AtomicFile.checkWritable(dir) }
        try AtomicFile.checkWritable(dir + "/best.safetensors")
        try AtomicFile.checkWritable("b")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test("train with a good checkpoint path saves the best weights, which load back")
    func checkpointSaves() throws {
        let dir = makeTemporaryDirectory("persist").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let interpreter = Interpreter()
        runLines(interpreter, binarySetup + ["split validation=0.2", "train 1 checkpoint=\(dir)/best.safetensors", "load weights \(dir)/best.safetensors",
                                             "save session \(dir)/s.grad"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["best.safetensors", "s.grad"])
    }

    @Test("predict on a one-unit sigmoid model: the classes are [1 - p, p], the named class agrees with confusion")
    func predictBinary() throws {
        let interpreter = Interpreter()
        runLines(interpreter, binarySetup + ["train 2"])
        var agreed = 0
        for index in 0..<8 {
            let blocks = try interpreter.execute(line: "predict \(index)")
            guard case .table(let table)? = blocks.last else {
                Issue.record("predict shows a table")
                return
            }
            #expect(table.rows.count == 2, "both classes are listed")
            let p = table.rows.compactMap { Double($0[2]) }
            #expect(p.count == 2 && abs(p[0] + p[1] - 1) < 1e-3 && p[0] >= p[1])
            let trainer = try #require(interpreter.session.modelEntry?.trainer)
            let test = try #require(interpreter.session.data?.images?.test)
            let output = try #require(try trainer.predict(test, indices: [index]).array.first)
            let expectedClass = output > 0.5 ? 1 : 0
            let classNames = try #require(interpreter.session.data?.classNames)
            #expect(table.rows[0][1] == classNames[expectedClass], "output \(output): the top class is the one confusion counts")
            agreed += 1
        }
        #expect(agreed == 8)
    }
}
