import CTurboJPEG
import Datasets
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 16: what an image folder may hold besides pictures (pipes, link loops, empty classes, names that
/// are not UTF-8 or hold control characters), and the writer's all-or-nothing folder.
@Suite("Image folder files")
struct ImageFolderFileTests {
    /// `dir/a/x.png` and `dir/b/y.png`: the smallest loadable tree.
    static func twoClasses(_ dir: URL) throws {
        try ImageFolderTests.tree(dir, [("a", "x.png", ImageFolderTests.png(10)), ("b", "y.png", ImageFolderTests.png(20))])
    }

    /// Creates a file whose name is `name`'s bytes in `folder` (which may not be valid UTF-8).
    static func writeRaw(_ bytes: [UInt8], folder: String, name: [UInt8]) throws {
        let path = Array(folder.utf8) + [0x2F] + name + [0]
        let fd = path.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: path.count) { open($0, O_WRONLY | O_CREAT | O_EXCL, 0o644) }
        }
        try #require(fd >= 0)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    @Test("item 19: a FIFO named x.png, and a symlink to one, are skipped as not regular files, never opened to block")
    func fifosAreRefused() throws {
        try TestFiles.withDirectory { dir in
            try Self.twoClasses(dir)
            let pipe = dir.path + "/a/pipe.png"
            #expect(mkfifo(pipe, 0o644) == 0)
            #expect(symlink(pipe, dir.path + "/b/link.png") == 0)
            let result = try ImageFolder.load(directory: dir.path, width: 2, height: 2, channels: 1, cacheBytes: 1 << 20)
            #expect(result.train.count == 2)
            let reasons = Dictionary(uniqueKeysWithValues: result.skipped.map { (($0.path as NSString).lastPathComponent, $0.reason) })
            #expect(reasons["pipe.png"]?.contains("a named pipe, not a regular file") == true, "\(reasons)")
            #expect(reasons["link.png"]?.contains("a named pipe, not a regular file") == true, "\(reasons)")
            let message = TestFiles.errorMessage { try ImageDecoder.decodeFile(pipe, channels: 1) }
            #expect(message?.contains("not a regular file") == true)
        }
    }

    @Test("item 19: an IDX file that is a FIFO is refused as not a regular file")
    func idxFifoIsRefused() throws {
        try TestFiles.withDirectory { dir in
            let labels = try TestFiles.write(TestFiles.labels([0, 1]), to: dir, name: "x-labels")
            let pipe = dir.path + "/x-images"
            #expect(mkfifo(pipe, 0o644) == 0)
            let message = TestFiles.errorMessage {
                try IDXDataset.loadPair(imagesPath: pipe, labelsPath: labels, name: "x")
            }
            #expect(message?.contains("not a regular file") == true, "\(message ?? "")")
        }
    }

    @Test("item 23: a valid CMYK JPEG says CMYK is not supported, not 'corrupt or truncated'")
    func cmykJPEG() throws {
        guard let handle = tjInitCompress() else { throw CocoaError(.fileWriteUnknown) }
        defer { tjDestroy(handle) }
        var buffer: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        let pixels = [UInt8](repeating: 60, count: 8 * 8 * 4)
        let status = pixels.withUnsafeBufferPointer { source in
            tjCompress2(handle, source.baseAddress, 8, 0, 8, Int32(TJPF_CMYK.rawValue), &buffer, &size, Int32(TJSAMP_444.rawValue), 90, 0)
        }
        try #require(status == 0 && buffer != nil)
        let bytes = Array(UnsafeBufferPointer(start: buffer, count: Int(size)))
        tjFree(buffer)
        let message = TestFiles.errorMessage { try ImageDecoder.decode(bytes, channels: 3, path: "cmyk.jpg") }
        #expect(message?.contains("CMYK JPEG is not supported") == true, "\(message ?? "")")
        #expect(message?.contains("corrupt") == false)
    }

    @Test("item 26: a class folder that is a symlink loop or empty is reported and is not a class")
    func loopsAndEmptyFoldersAreReported() throws {
        try TestFiles.withDirectory { dir in
            try Self.twoClasses(dir)
            #expect(symlink(dir.path + "/loop", dir.path + "/loop") == 0)
            try FileManager.default.createDirectory(atPath: dir.path + "/empty", withIntermediateDirectories: false)
            try Data("x".utf8).write(to: URL(fileURLWithPath: dir.path + "/empty/readme.txt"))
            let result = try ImageFolder.load(directory: dir.path, width: 2, height: 2, channels: 1, cacheBytes: 1 << 20)
            #expect(result.train.classNames == ["a", "b"])
            let ignored = Dictionary(uniqueKeysWithValues: result.ignored.map { (($0.path as NSString).lastPathComponent, $0.reason) })
            #expect(ignored["loop"]?.contains("symbolic link loop") == true, "\(ignored)")
            #expect(ignored["empty"]?.contains("not counted as a class") == true, "\(ignored)")
        }
    }

    @Test("item 22: a picture whose name is invalid UTF-8 is read; names with control characters are shown escaped")
    func rawNames() throws {
        try TestFiles.withDirectory { dir in
            try Self.twoClasses(dir)
            try Self.writeRaw(ImageFolderTests.png(30), folder: dir.path + "/a", name: [0x63, 0xFF, 0xFE] + Array(".png".utf8))
            try Self.writeRaw(Array("not a picture".utf8), folder: dir.path + "/b", name: Array("forged\n>>> rm.png".utf8))
            let result = try ImageFolder.load(directory: dir.path, width: 2, height: 2, channels: 1, cacheBytes: 1 << 20)
            #expect(result.train.count == 3, "\(result.skipped)")
            #expect(result.store.paths.contains { $0.hasSuffix("/a/c\\xFF\\xFE.png") }, "\(result.store.paths)")
            #expect(result.skipped.count == 1)
            #expect(result.skipped.first?.path.hasSuffix("/b/forged\\n>>> rm.png") == true, "\(result.skipped)")
            #expect(RawPath.escaped(Array("a\tb\u{1B}c\u{2028}".utf8)) == "a\\tb\\u{1B}c\\u{2028}")
        }
    }

    @Test("item 14: the writer leaves no temporary folder, a failed write leaves no target, abandoned staging is removed")
    func writerIsAllOrNothing() throws {
        try TestFiles.withDirectory { dir in
            let data = try ColorShapes.make(count: 4, classes: 2, size: 16, seed: 1)
            // A staging folder of a writer that was killed: a process id that cannot run.
            let abandoned = dir.path + "/.gradbook-tmp-2147483646-abcdefghij"
            try FileManager.default.createDirectory(atPath: abandoned + "/train/a", withIntermediateDirectories: true)
            let target = dir.path + "/tree"
            _ = try DatasetWriter.write([("train", data), ("validation", data.prefix(2))], to: target, format: .png, overwrite: false)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["tree"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: target).sorted() == ["train", "validation"])
            // Overwrite replaces the split folders whole and keeps the rest.
            try Data("keep".utf8).write(to: URL(fileURLWithPath: target + "/notes.txt"))
            _ = try DatasetWriter.write([("train", data.prefix(2)), ("validation", data.prefix(2))], to: target, format: .png, overwrite: true)
            #expect(try FileManager.default.contentsOfDirectory(atPath: target).sorted() == ["notes.txt", "train", "validation"])
            let loaded = try ImageFolder.load(directory: target + "/train", width: 16, height: 16, channels: 3, cacheBytes: 1 << 20)
            #expect(loaded.train.count == 2)
            // A target under a file cannot be written: nothing is left behind, and the message says write.
            let blocked = dir.path + "/notes"
            try Data("x".utf8).write(to: URL(fileURLWithPath: blocked))
            let message = TestFiles.errorMessage {
                try DatasetWriter.write([("train", data)], to: blocked, format: .png, overwrite: false)
            }
            #expect(message?.contains("cannot write") == true && message?.contains("cannot read") == false, "\(message ?? "")")
            #expect(message?.contains("invalid argument") == false)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["notes", "tree"])
        }
    }
}
