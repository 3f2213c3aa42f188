import Datasets
import Foundation
import Testing

@Suite("Image folders")
struct ImageFolderTests {
    /// dir/CLASS/NAME for each entry, PNGs of one grey value per class.
    static func tree(_ dir: URL, _ files: [(String, String, [UInt8])]) throws {
        for (folder, name, bytes) in files {
            let sub = dir.appendingPathComponent(folder)
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            try TestImages.write(bytes, to: sub.appendingPathComponent(name))
        }
    }

    static func png(_ value: UInt8, side: Int = 4) -> [UInt8] {
        TestImages.handPNG(width: side, height: side, depth: 8, colorType: 0, samples: [UInt8](repeating: value, count: side * side))
    }

    @Test("labels are the sorted sub-folder names; pixels, order and the skipped-file report are right")
    func loadsAndReportsBadFiles() throws {
        try TestFiles.withDirectory { dir in
            let jpeg = try TestImages.jpeg(width: 8, height: 8, channels: 1, pixels: [UInt8](repeating: 200, count: 64))
            try Self.tree(dir, [
                ("dogs", "b.png", Self.png(100)), ("dogs", "a.jpg", jpeg), ("cats", "x.png", Self.png(10)),
                ("cats", "truncated.png", Array(Self.png(10).prefix(30))), ("cats", "broken.jpg", Array(jpeg.prefix(2)) + [1, 2, 3]),
                ("cats", "empty.png", []), ("cats", "notes.png", Array("hello".utf8)), ("cats", "readme.txt", Array("x".utf8)),
            ])
            let result = try ImageFolder.load(directory: dir.path, width: 2, height: 2, channels: 1, cacheBytes: 1 << 20)
            #expect(result.train.classNames == ["cats", "dogs"])
            #expect(result.train.labels == [0, 1, 1])
            #expect(result.train.image(at: 0) == [Float](repeating: Float(10) / 255, count: 4))
            #expect(result.train.image(at: 2) == [Float](repeating: Float(100) / 255, count: 4))
            #expect(result.train.image(at: 1).allSatisfy { abs($0 - 200 / 255) < 0.02 })
            let skipped = result.skipped.map { ($0.path as NSString).lastPathComponent }.sorted()
            #expect(skipped == ["broken.jpg", "empty.png", "notes.png", "truncated.png"])
            #expect(result.skipped.allSatisfy { !$0.reason.isEmpty && $0.path.hasPrefix(dir.path) })
        }
    }

    @Test("past the cache budget pictures are decoded on demand, with the same values")
    func lazyPastTheCache() throws {
        try TestFiles.withDirectory { dir in
            try Self.tree(dir, (0..<6).map { i in (i % 2 == 0 ? "a" : "b", "\(i).png", Self.png(UInt8(i * 40))) })
            let cached = try ImageFolder.load(directory: dir.path, width: 4, height: 4, channels: 3, cacheBytes: 1 << 20)
            let lazy = try ImageFolder.load(directory: dir.path, width: 4, height: 4, channels: 3, cacheBytes: 2 * 48)
            #expect(cached.store.residentCount == 6)
            #expect(lazy.store.residentCount == 2)
            for i in 0..<6 { #expect(lazy.train.image(at: i) == cached.train.image(at: i)) }
            let (train, validation) = try lazy.train.split(validationFraction: 0.5, seed: 1)
            #expect(train.count + validation.count == 6)
            let whole = try train.concatenated(with: validation)
            #expect(whole.count == 6)
        }
    }

    @Test("a missing folder, no images, a single class and different validation classes are clear errors",
          arguments: ["missing", "empty", "single", "validation"])
    func errors(_ kind: String) throws {
        try TestFiles.withDirectory { dir in
            var validation: String?
            switch kind {
            case "empty": try Self.tree(dir, [("a", "x.txt", [1]), ("b", "y.txt", [1])])
            case "single": try Self.tree(dir, [("a", "x.png", Self.png(1))])
            case "validation":
                try Self.tree(dir, [("a", "x.png", Self.png(1)), ("b", "y.png", Self.png(2))])
                let other = dir.appendingPathComponent("other")
                try Self.tree(other, [("a", "x.png", Self.png(1)), ("c", "y.png", Self.png(2))])
                validation = other.path
            default: break
            }
            let path = kind == "missing" ? dir.path + "/nothing" : dir.path
            let message = TestFiles.errorMessage {
                try ImageFolder.load(directory: path, validationDirectory: validation, width: 2, height: 2, channels: 1, cacheBytes: 0)
            }
            let expected = ["missing": "directory not found", "empty": "no .png, .jpg or .jpeg files",
                            "single": "a single class sub-folder", "validation": "are not among"]
            #expect(message?.contains(expected[kind] ?? "?") == true, "\(message ?? "no error")")
        }
    }

    @Test("the dataset writer refuses a non-empty folder, writes a tree the loader reads back")
    func writerRoundTrip() throws {
        try TestFiles.withDirectory { dir in
            let data = try ColorShapes.make(count: 6, classes: 2, size: 16, seed: 3)
            let target = dir.appendingPathComponent("tree").path
            let summary = try DatasetWriter.write([("train", data), ("validation", data.prefix(2))], to: target, format: .mixed, overwrite: false)
            #expect(summary.files == ["train": 6, "validation": 2])
            #expect(throws: DatasetError.self) {
                try DatasetWriter.write([("train", data)], to: target, format: .png, overwrite: false)
            }
            let loaded = try ImageFolder.load(directory: target + "/train", validationDirectory: target + "/validation",
                                              width: 16, height: 16, channels: 3, cacheBytes: 1 << 20)
            #expect(loaded.train.count == 6 && loaded.validation?.count == 2 && loaded.skipped.isEmpty)
            #expect(loaded.train.classNames == data.classNames.sorted())
            #expect(DatasetWriter.folderName("T-shirt/top") == "T-shirt-top")
            #expect(DatasetWriter.folderName("../x") == "-x" || !DatasetWriter.folderName("../x").contains("/"))
        }
    }
}
