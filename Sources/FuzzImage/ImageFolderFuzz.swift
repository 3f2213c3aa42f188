// The image-folder half of FuzzImage: the input becomes a small folder tree in a temporary folder of
// this process (never anywhere else), which `ImageFolder.load` reads and `DatasetWriter.write` writes
// back beside it. File names are taken from the input too, so they may be invalid UTF-8 or hold
// newlines; some entries are made named pipes, symbolic links (to pictures, to pipes, to themselves) or
// empty class folders. Every outcome must be a data set or a `DatasetError`, never a trap or a hang.

import Datasets
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Builds, loads and rewrites folder trees from fuzz inputs inside one temporary folder.
enum ImageFolderFuzz {
    /// The sandbox: `$TMPDIR/gradbook-fuzz-image-PID`, emptied before each input, removed at exit.
    static let sandbox: String = {
        let path = FileManager.default.temporaryDirectory.path + "/gradbook-fuzz-image-\(getpid())"
        try? FileManager.default.removeItem(atPath: path)
        atexit { try? FileManager.default.removeItem(atPath: ImageFolderFuzz.sandbox) }
        return path
    }()

    /// One input: up to 8 entries, each `kind byte, name length, name bytes, content length (2 bytes), content`.
    static func run(_ bytes: [UInt8]) {
        try? FileManager.default.removeItem(atPath: sandbox)
        let root = sandbox + "/tree"
        for folder in ["c0", "c1", "c2"] {
            try? FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        var reader = bytes[...]
        for _ in 0..<8 {
            guard let kind = reader.popFirst(), let nameLength = reader.popFirst() else { break }
            let name = Array(reader.prefix(Int(nameLength % 24)).map { $0 == 0 || $0 == 0x2F ? 0x5F : $0 })
            reader = reader.dropFirst(name.count)
            let size = Int(reader.popFirst() ?? 0) << 8 | Int(reader.popFirst() ?? 0)
            let content = Array(reader.prefix(size))
            reader = reader.dropFirst(content.count)
            let folder = RawPath(root + "/c\(Int(kind) % 3)")
            let file = folder.appending(RawPath(bytes: name + Array(kind & 0x40 == 0 ? ".png".utf8 : ".jpg".utf8)))
            switch kind >> 6 {
            case 0, 1: write(content, to: file)
            case 2: _ = file.withCString { mkfifo($0, 0o644) }
            default:
                // A link to the class folder's first entry, to itself, or to nothing.
                _ = file.withCString { target in folder.appending(RawPath(bytes: name)).withCString { symlink(kind & 1 == 0 ? target : $0, target) } }
            }
        }
        let channels = bytes.first.map { $0 & 1 == 0 ? 1 : 3 } ?? 1
        let result = try? ImageFolder.load(directory: root, validationDirectory: bytes.count % 2 == 0 ? nil : root,
                                           width: 6, height: 5, channels: channels, cacheBytes: bytes.count % 3 == 0 ? 0 : 1 << 16)
        guard let result else { return }
        for path in result.skipped.map(\.path) + result.ignored.map(\.path) {
            precondition(!path.contains("\n"), "a file name reached a report unescaped")
        }
        _ = try? DatasetWriter.write([("train", result.train)], to: sandbox + "/out", format: bytes.count % 2 == 0 ? .png : .mixed,
                                     overwrite: true)
        _ = try? DatasetWriter.write([("train", result.train)], to: sandbox + "/out", format: .jpeg, overwrite: true)
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: sandbox))?.filter { $0.hasPrefix(".gradbook-tmp-") } ?? []
        precondition(leftovers.isEmpty, "the writer left a temporary folder: \(leftovers)")
    }

    /// Creates `path` with `bytes` (any name bytes). Non-blocking: a name the input already made a pipe
    /// (with no reader) fails at once instead of waiting forever.
    private static func write(_ bytes: [UInt8], to path: RawPath) {
        let fd = path.withCString { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NONBLOCK, 0o644) }
        guard fd >= 0 else { return }
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }
}
