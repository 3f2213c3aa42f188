import Foundation
#if canImport(Glibc)
import Glibc
#endif
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
        /// Every file that could not be decoded, with the reason (paths as `RawPath.display`).
        public var skipped: [(path: String, reason: String)]
        /// Every sub-folder not read as a class (empty, a link loop, a link to nothing), with the reason.
        public var ignored: [(path: String, reason: String)]
        /// The shared store (cache size, resident count).
        public var store: ImageFileStore
    }

    /// Loads `directory` (and `validationDirectory`, whose class sub-folders must be among the main
    /// folder's) at `width` x `height` x `channels` (1 or 3). Throws `DatasetError` for a missing folder,
    /// no class sub-folders, a single class, no images, unknown validation classes, or a bad size. A class
    /// folder with no pictures, a symbolic link loop or a link to nothing is not a class: it is listed in
    /// `Result.ignored`.
    public static func load(directory: String, validationDirectory: String? = nil, width: Int, height: Int,
                            channels: Int, cacheBytes: Int) throws(DatasetError) -> Result {
        guard (1...maximumSide).contains(width), (1...maximumSide).contains(height) else {
            throw .invalidArgument("image size \(width)x\(height) must be 1...\(maximumSide) pixels per side")
        }
        guard channels == 1 || channels == 3 else { throw .invalidArgument("channels must be 1 or 3, not \(channels)") }
        let main = try scan(directory)
        guard main.classes.count >= 2 else {
            throw .notAnImageFolder(path: directory, reason: main.classes.isEmpty
                ? (main.ignored.isEmpty ? "it has no class sub-folders (expected one folder of images per class, e.g. cats/ and dogs/)"
                                        : "its class sub-folders hold no .png, .jpg or .jpeg files")
                : "it has a single class sub-folder with pictures, '\(main.classes[0])'; a classifier needs at least two")
        }
        var files = main.files.flatMap { $0 }
        var labels = main.files.enumerated().flatMap { label, list in list.map { _ in Int32(label) } }
        let trainCount = files.count
        var ignored = main.ignored
        if let validationDirectory {
            let other = try scan(validationDirectory)
            let unknown = other.classes.filter { !main.classes.contains($0) }
            guard unknown.isEmpty else {
                throw .notAnImageFolder(path: validationDirectory, reason: "its class sub-folders \(unknown) are not among "
                    + "\(main.classes) in \(directory)")
            }
            for (k, name) in other.classes.enumerated() {
                let label = Int32(main.classes.firstIndex(of: name)!)
                files += other.files[k]
                labels += other.files[k].map { _ in label }
            }
            ignored += other.ignored
        }
        let (store, good, skipped) = decodeAll(files, width: width, height: height, channels: channels, cacheBytes: cacheBytes)
        let trainIDs = good.filter { $0 < trainCount }
        let validationIDs = good.filter { $0 >= trainCount }
        guard !trainIDs.isEmpty else {
            throw .notAnImageFolder(path: directory, reason: "none of its \(trainCount) image files could be decoded "
                + "(first: \(skipped.first.map { "\($0.path): \($0.reason)" } ?? "-"))")
        }
        let base = (directory as NSString).lastPathComponent
        let train = try ImageDataset(name: base, store: store, ids: trainIDs.map { Int32($0) },
                                     labels: trainIDs.map { labels[$0] }, classNames: main.classes)
        var validation: ImageDataset?
        if validationDirectory != nil {
            validation = try ImageDataset(name: base + "/validation", store: store, ids: validationIDs.map { Int32($0) },
                                          labels: validationIDs.map { labels[$0] }, classNames: main.classes)
        }
        return Result(train: train, validation: validation, skipped: skipped, ignored: ignored, store: store)
    }

    /// The classes of one folder tree: sorted class names (shown form), each class's image files
    /// (sorted), and the sub-folders that are not classes, with the reason.
    struct Scan {
        var classes: [String] = []
        var files: [[RawPath]] = []
        var ignored: [(path: String, reason: String)] = []
    }

    /// Lists `directory`'s visible sub-folders and the PNG/JPEG names directly inside each.
    static func scan(_ directory: String) throws(DatasetError) -> Scan {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
            throw .directoryNotFound(path: directory, expected: ["one sub-folder of images per class"],
                                     hint: "give a folder such as data/train holding cats/ and dogs/; `make-dataset` writes one")
        }
        let root = RawPath(directory)
        guard case .success(let names) = root.entries() else {
            throw .unreadable(path: directory, reason: "cannot list the folder")
        }
        var scan = Scan()
        var total = 0
        for name in names.sorted() where name.bytes.first != 0x2E {
            let folder = root.appending(name)
            switch folder.status() {
            case .failure(let failure) where failure.code == ELOOP:
                scan.ignored.append((folder.display, "a symbolic link loop; not read as a class"))
            case .failure(let failure) where failure.code == ENOENT:
                scan.ignored.append((folder.display, "a symbolic link to nothing; not read as a class"))
            case .failure(let failure):
                scan.ignored.append((folder.display, "cannot be read (\(failure.text)); not read as a class"))
            case .success(let info):
                guard info.st_mode & S_IFMT == S_IFDIR else { continue }
                guard case .success(let entries) = folder.entries() else {
                    throw .unreadable(path: folder.display, reason: "cannot list the folder")
                }
                let images = entries.filter { $0.bytes.first != 0x2E && ImageDecoder.isImageName($0.display) }.sorted()
                guard !images.isEmpty else {
                    scan.ignored.append((folder.display, "holds no .png, .jpg or .jpeg files; not counted as a class"))
                    continue
                }
                total += images.count
                guard total <= maximumFiles else {
                    throw .notAnImageFolder(path: directory, reason: "more than \(maximumFiles) image files")
                }
                scan.classes.append(name.display)
                scan.files.append(images.map(folder.appending))
            }
        }
        return scan
    }

    /// Decodes every file on the pool, in chunks, keeping bytes while they fit `cacheBytes`.
    static func decodeAll(_ paths: [RawPath], width: Int, height: Int, channels: Int, cacheBytes: Int)
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
                    skipped.append((paths[id].display, error.reasonText))
                case nil:
                    skipped.append((paths[id].display, "not decoded"))
                }
            }
            start = end
        }
        let store = ImageFileStore(files: paths, height: height, width: width, channels: channels, resident: resident, slots: slots)
        return (store, good, skipped)
    }
}
