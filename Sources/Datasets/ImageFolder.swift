import Foundation
import TensorRuntime

/// Loads a folder of pictures with one sub-folder per class (Keras's `image_dataset_from_directory`):
/// class names are the sub-folder names, sorted; the PNG and JPEG files directly inside each are its
/// images (other files are ignored). Pictures are decoded in parallel on `ThreadPool.shared`, resized
/// to the target size and kept as bytes while they fit `cacheBytes`; past it they are decoded again
/// whenever they are read. A file that cannot be decoded is skipped and reported, never fatal.
public enum ImageFolder {
    /// The largest target side accepted.
    public static let maximumSide = 1024
    /// The most files one load may list.
    public static let maximumFiles = 1_000_000

    /// What a load produced.
    public struct Result: Sendable {
        /// The images of the main folder, in folder order (class by class, files sorted).
        public var train: ImageDataset
        /// The images of the validation folder, when one was given.
        public var validation: ImageDataset?
        /// Every file that could not be decoded, with the reason.
        public var skipped: [(path: String, reason: String)]
        /// The shared store (cache size, resident count).
        public var store: ImageFileStore
    }

    /// Loads `directory` (and `validationDirectory`, whose sub-folders must be the same classes) at
    /// `width` x `height` x `channels` (1 or 3). Throws `DatasetError` for a missing folder, no class
    /// sub-folders, a single class, no images, different validation classes, or a bad size.
    public static func load(directory: String, validationDirectory: String? = nil, width: Int, height: Int,
                            channels: Int, cacheBytes: Int) throws(DatasetError) -> Result {
        guard (1...maximumSide).contains(width), (1...maximumSide).contains(height) else {
            throw .invalidArgument("image size \(width)x\(height) must be 1...\(maximumSide) pixels per side")
        }
        guard channels == 1 || channels == 3 else { throw .invalidArgument("channels must be 1 or 3, not \(channels)") }
        let classes = try classFolders(directory)
        guard classes.count >= 2 else {
            throw .invalidDataset(name: directory, reason: classes.isEmpty
                ? "it has no class sub-folders (expected one folder of images per class, e.g. cats/ and dogs/)"
                : "it has a single class sub-folder, '\(classes[0])'; a classifier needs at least two")
        }
        var (paths, labels) = try listFiles(directory, classes: classes)
        let trainCount = paths.count
        if let validationDirectory {
            let other = try classFolders(validationDirectory)
            guard other == classes else {
                throw .invalidDataset(name: validationDirectory, reason: "its class sub-folders \(other) differ from "
                    + "\(classes) in \(directory)")
            }
            let (morePaths, moreLabels) = try listFiles(validationDirectory, classes: classes)
            paths += morePaths
            labels += moreLabels
        }
        guard trainCount > 0 else {
            throw .invalidDataset(name: directory, reason: "its class sub-folders hold no .png, .jpg or .jpeg files")
        }
        let (store, good, skipped) = decodeAll(paths, width: width, height: height, channels: channels, cacheBytes: cacheBytes)
        let trainIDs = good.filter { $0 < trainCount }
        let validationIDs = good.filter { $0 >= trainCount }
        guard !trainIDs.isEmpty else {
            throw .invalidDataset(name: directory, reason: "none of its \(trainCount) image files could be decoded "
                + "(first: \(skipped.first.map { "\($0.path): \($0.reason)" } ?? "-"))")
        }
        let base = (directory as NSString).lastPathComponent
        let train = try ImageDataset(name: base, store: store, ids: trainIDs.map { Int32($0) },
                                     labels: trainIDs.map { labels[$0] }, classNames: classes)
        var validation: ImageDataset?
        if validationDirectory != nil {
            validation = try ImageDataset(name: base + "/validation", store: store, ids: validationIDs.map { Int32($0) },
                                          labels: validationIDs.map { labels[$0] }, classNames: classes)
        }
        return Result(train: train, validation: validation, skipped: skipped, store: store)
    }

    /// The sorted, visible sub-folders of `directory`.
    static func classFolders(_ directory: String) throws(DatasetError) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
            throw .directoryNotFound(path: directory, expected: ["one sub-folder of images per class"],
                                     hint: "give a folder such as data/train holding cats/ and dogs/; `make-dataset` writes one")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw .unreadable(path: directory, reason: "cannot list the folder")
        }
        return names.filter { name in
            var sub: ObjCBool = false
            return !name.hasPrefix(".")
                && FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &sub) && sub.boolValue
        }.sorted()
    }

    /// The image files of each class folder (sorted by name) and their labels.
    static func listFiles(_ directory: String, classes: [String]) throws(DatasetError) -> ([String], [Int32]) {
        var paths: [String] = []
        var labels: [Int32] = []
        for (label, name) in classes.enumerated() {
            let folder = directory + "/" + name
            let files: [String]
            do {
                files = try FileManager.default.contentsOfDirectory(atPath: folder)
            } catch {
                throw .unreadable(path: folder, reason: "cannot list the folder")
            }
            for file in files.sorted() where !file.hasPrefix(".") && ImageDecoder.isImageName(file) {
                paths.append(folder + "/" + file)
                labels.append(Int32(label))
            }
            guard paths.count <= maximumFiles else {
                throw .invalidDataset(name: directory, reason: "more than \(maximumFiles) image files")
            }
        }
        return (paths, labels)
    }

    /// Decodes every file on the pool, in chunks, keeping bytes while they fit `cacheBytes`.
    static func decodeAll(_ paths: [String], width: Int, height: Int, channels: Int, cacheBytes: Int)
        -> (ImageFileStore, good: [Int], skipped: [(path: String, reason: String)]) {
        let size = width * height * channels
        var resident: [UInt8] = []
        var slots = [Int32](repeating: -1, count: paths.count)
        var good: [Int] = []
        var skipped: [(path: String, reason: String)] = []
        let chunk = 64
        var start = 0
        while start < paths.count {
            let end = min(start + chunk, paths.count)
            let results = Locked([Int: Swift.Result<[UInt8], DatasetError>]())
            ThreadPool.shared.parallelFor(end - start) { k in
                let outcome: Swift.Result<[UInt8], DatasetError>
                do throws(DatasetError) {
                    outcome = .success(try ImageFileStore.decode(paths[start + k], width: width, height: height, channels: channels).pixels)
                } catch {
                    outcome = .failure(error)
                }
                results.withLock { $0[start + k] = outcome }
            }
            let finished = results.withLock { $0 }
            for id in start..<end {
                switch finished[id] {
                case .success(let bytes)?:
                    good.append(id)
                    if resident.count + size <= cacheBytes {
                        slots[id] = Int32(resident.count / size)
                        resident += bytes
                    }
                case .failure(let error)?:
                    skipped.append((paths[id], error.reasonText))
                case nil:
                    skipped.append((paths[id], "not decoded"))
                }
            }
            start = end
        }
        let store = ImageFileStore(paths: paths, height: height, width: width, channels: channels, resident: resident, slots: slots)
        return (store, good, skipped)
    }
}
