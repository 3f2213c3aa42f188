import Foundation
import TensorRuntime

/// Writes labelled images as a real folder tree, the layout `ImageFolder` reads:
/// `DIR/train/CLASS/00001.png` and `DIR/validation/CLASS/...`, one sub-folder per class.
///
/// Never writes outside `DIR`: class names become folder names with `/`, `\` and leading dots replaced.
/// An existing `DIR` that is not empty is refused unless `overwrite` is set; then its `train` and
/// `validation` folders are replaced (nothing else in it is touched).
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
        try prepare(directory, overwrite: overwrite, splits: splits.map(\.name))
        var summary = Summary(directory: directory, files: [:], bytes: 0)
        for (name, data) in splits {
            let folders = data.classNames.map(folderName)
            for folder in Set(folders) { try makeFolder(directory + "/" + name + "/" + folder) }
            var counters = [Int](repeating: 0, count: data.classNames.count)
            for i in 0..<data.count {
                let label = Int(data.labels[i])
                counters[label] += 1
                let bytes = data.image(at: i).map { UInt8(max(0, min(255, ($0 * 255).rounded()))) }
                let image = try DecodedImage(width: data.width, height: data.height, channels: data.channels, pixels: bytes)
                let jpeg = format == .jpeg || (format == .mixed && i % 2 == 1)
                let encoded = jpeg ? try ImageEncoder.jpeg(image) : try ImageEncoder.png(image)
                let file = String(format: "%05d.%@", counters[label], jpeg ? "jpg" : "png")
                let path = directory + "/" + name + "/" + folders[label] + "/" + file
                guard FileManager.default.createFile(atPath: path, contents: Data(encoded)) else {
                    throw .unreadable(path: path, reason: "cannot write the file")
                }
                summary.bytes += encoded.count
            }
            summary.files[name] = data.count
        }
        return summary
    }

    /// A class name as a safe folder name inside the tree.
    public static func folderName(_ className: String) -> String {
        var name = className.replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: "\\", with: "-")
        while name.hasPrefix(".") { name.removeFirst() }
        return name.isEmpty ? "class" : name
    }

    /// Refuses a non-empty folder unless `overwrite`; creates it; removes the old split folders.
    static func prepare(_ directory: String, overwrite: Bool, splits: [String]) throws(DatasetError) {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: directory, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw .invalidArgument("\(directory) exists and is not a folder")
            }
            let entries = (try? manager.contentsOfDirectory(atPath: directory)) ?? []
            if !entries.isEmpty {
                guard overwrite else {
                    throw .invalidArgument("\(directory) already exists and is not empty; "
                        + "choose another folder or add overwrite=on to replace its train/ and validation/")
                }
                for split in splits where entries.contains(split) {
                    do {
                        try manager.removeItem(atPath: directory + "/" + split)
                    } catch {
                        throw .unreadable(path: directory + "/" + split, reason: "cannot remove the old folder")
                    }
                }
            }
        }
        try makeFolder(directory)
    }

    private static func makeFolder(_ path: String) throws(DatasetError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .unreadable(path: path, reason: "cannot create the folder")
        }
    }
}
