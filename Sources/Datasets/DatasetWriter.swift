import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TensorRuntime

/// Writes labelled images as a real folder tree, the layout `ImageFolder` reads:
/// `DIR/train/CLASS/00001.png` and `DIR/validation/CLASS/...`, one sub-folder per class.
///
/// Never writes outside `DIR` and the folder that holds it: class names become folder names with `/`, `\`
/// and leading dots replaced. Every file goes into a temporary folder beside `DIR`
/// (`.gradbook-tmp-PID-...`, see `DatasetWriter+Staging.swift`), written without a flush per file; at the
/// end one sync flushes them and the folder is renamed into place, so after a kill `DIR` is either whole
/// or absent. An existing `DIR` that is not empty is refused unless `overwrite` is set; then its `train`
/// and `validation` folders are each replaced by a rename (nothing else in it is touched). Temporary
/// folders left by a killed writer (whose process is gone) are removed by the next write beside them.
public enum DatasetWriter {
    /// The file format of each written image.
    public enum Format: Sendable, Equatable {
        case png
        case jpeg
        /// PNG for even indices, JPEG for odd ones.
        case mixed
    }

    /// What was written.
    public struct Summary: Sendable, Equatable {
        public var directory: String
        public var files: [String: Int]
        public var bytes: Int
    }

    /// Writes `splits` (name, images) under `directory` in `format`.
    public static func write(_ splits: [(name: String, data: ImageDataset)], to directory: String, format: Format,
                             overwrite: Bool) throws(DatasetError) -> Summary {
        var directory = directory
        while directory.count > 1 && directory.hasSuffix("/") { directory.removeLast() }
        let replacing = try checkTarget(directory, overwrite: overwrite)
        let staging = try Staging(beside: directory)
        do throws(DatasetError) {
            var summary = Summary(directory: directory, files: [:], bytes: 0)
            for (name, data) in splits {
                summary.bytes += try writeSplit(data, to: staging.path + "/" + name, format: format)
                summary.files[name] = data.count
            }
            try staging.install(at: directory, splits: splits.map(\.name), replacingSplits: replacing)
            return summary
        } catch {
            staging.remove()
            throw error
        }
    }

    /// Writes one split's class folders and files under `folder` (no flush); the bytes written.
    static func writeSplit(_ data: ImageDataset, to folder: String, format: Format) throws(DatasetError) -> Int {
        let folders = data.classNames.map(folderName)
        for name in Set(folders) { try Staging.makeFolder(folder + "/" + name) }
        var counters = [Int](repeating: 0, count: data.classNames.count)
        var bytes = 0
        for i in 0..<data.count {
            let label = Int(data.labels[i])
            counters[label] += 1
            let pixels = data.image(at: i).map { UInt8(max(0, min(255, ($0 * 255).rounded()))) }
            let image = try DecodedImage(width: data.width, height: data.height, channels: data.channels, pixels: pixels)
            let jpeg = format == .jpeg || (format == .mixed && i % 2 == 1)
            let encoded = jpeg ? try ImageEncoder.jpeg(image) : try ImageEncoder.png(image)
            let file = String(format: "%05d.%@", counters[label], jpeg ? "jpg" : "png")
            try Staging.writeFile(encoded, to: folder + "/" + folders[label] + "/" + file)
            bytes += encoded.count
        }
        return bytes
    }

    /// A class name as a safe folder name inside the tree.
    public static func folderName(_ className: String) -> String {
        var name = className.replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: "\\", with: "-")
        while name.hasPrefix(".") { name.removeFirst() }
        return name.isEmpty ? "class" : name
    }

    /// Refuses a target that is not a folder, or a non-empty folder unless `overwrite`; true when an
    /// existing non-empty folder's splits are to be replaced.
    static func checkTarget(_ directory: String, overwrite: Bool) throws(DatasetError) -> Bool {
        var info = stat()
        guard lstat(directory, &info) == 0 else { return false }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw .cannotWrite(path: directory, reason: "it exists and is \(RawPath.kind(of: info.st_mode)) (a symbolic link is not followed)",
                               hint: "choose a folder name that is free, or remove what has that name")
        }
        guard case .success(let entries) = RawPath(directory).entries() else {
            throw .cannotWrite(path: directory, reason: "the folder cannot be listed", hint: "check its permissions")
        }
        guard !entries.isEmpty else { return false }
        guard overwrite else {
            throw .cannotWrite(path: directory, reason: "the folder already exists and is not empty",
                               hint: "choose another folder or add overwrite=on to replace its train/ and validation/")
        }
        return true
    }
}
