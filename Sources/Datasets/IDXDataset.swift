#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Loads MNIST-style directories: a train and a test split, each an IDX image file plus an IDX label
/// file, raw or gzip-compressed.
///
/// Accepted names, for split prefix `train` and `t10k` (checked in this order, first found wins):
/// `<prefix>-images-idx3-ubyte.gz`, `<prefix>-images-idx3-ubyte`, `<prefix>-images.idx3-ubyte.gz`,
/// `<prefix>-images.idx3-ubyte`, and likewise `labels`/`idx1`. Image files may have rank 3 (N,H,W;
/// one channel) or rank 4 (N,H,W,C).
public enum IDXDataset {
    /// The two splits of a directory.
    public enum Split: String, Sendable, CaseIterable {
        case train, test
        /// The file-name prefix MNIST uses for this split.
        public var filePrefix: String { self == .train ? "train" : "t10k" }
    }

    /// The canonical (gzip) file names a directory should contain, in train-images, train-labels,
    /// test-images, test-labels order.
    public static let canonicalFileNames: [String] = Split.allCases.flatMap {
        ["\($0.filePrefix)-images-idx3-ubyte.gz", "\($0.filePrefix)-labels-idx1-ubyte.gz"]
    }

    /// Loads both splits of `directory`.
    ///
    /// Both splits share one class list: `classNames` when given, otherwise "0", "1", ... up to the
    /// largest label found in either split (so labels 0 and 1 give two classes, and a class that only
    /// one split uses still has a name in the other).
    ///
    /// - Parameters:
    ///   - classNames: one name per label value; `nil` names classes by number (see above).
    ///   - name: the data set name; results are called `<name>/train` and `<name>/test`
    ///     (default: the directory's last path component).
    ///   - subset: keep only the first `subset` training examples (and read only those bytes).
    ///   - testSubset: keep only the first `testSubset` test examples (default: all of them).
    ///   - hint: the hint of missing-file errors.
    /// - Returns: (train, test). O(total file size).
    public static func load(directory: String, classNames: [String]? = nil, name: String? = nil,
                            subset: Int? = nil, testSubset: Int? = nil,
                            hint: String = "expected an MNIST-format directory (train-* and t10k-* IDX files, optionally .gz)")
        throws(DatasetError) -> (train: ImageDataset, test: ImageDataset) {
        try checkDirectory(directory, hint: hint)
        let base = name ?? lastComponent(of: directory)
        let train = try readSplit(.train, directory: directory, limit: subset, hint: hint)
        let test = try readSplit(.test, directory: directory, limit: testSubset, hint: hint)
        let names = classNames ?? genericClassNames(maxLabel: max(train.maxLabel, test.maxLabel))
        return (try train.dataset(classNames: names, name: "\(base)/\(Split.train.rawValue)"),
                try test.dataset(classNames: names, name: "\(base)/\(Split.test.rawValue)"))
    }

    /// Loads one split of `directory` (see `load(directory:...)`); without `classNames` its classes
    /// are numbered up to its own largest label.
    public static func loadSplit(_ split: Split, directory: String, classNames: [String]? = nil,
                                 name: String, subset: Int? = nil,
                                 hint: String = "expected an MNIST-format directory") throws(DatasetError) -> ImageDataset {
        let pair = try readSplit(split, directory: directory, limit: subset, hint: hint)
        return try pair.dataset(classNames: classNames ?? genericClassNames(maxLabel: pair.maxLabel),
                                name: "\(name)/\(split.rawValue)")
    }

    /// Loads one image file and its label file into a data set, checking that they agree.
    ///
    /// Throws `countMismatch` when the files hold different numbers of examples and
    /// `labelOutOfRange` (naming the label file) when a label has no class name. Without `classNames`
    /// the classes are numbered up to the largest label.
    public static func loadPair(imagesPath: String, labelsPath: String, classNames: [String]? = nil,
                                name: String, subset: Int? = nil) throws(DatasetError) -> ImageDataset {
        let pair = try readPair(imagesPath: imagesPath, labelsPath: labelsPath, limit: subset)
        return try pair.dataset(classNames: classNames ?? genericClassNames(maxLabel: pair.maxLabel), name: name)
    }

    /// "0", "1", ..., "`maxLabel`": one name per class, the class count taken from the labels.
    /// A negative `maxLabel` (no labels at all) still gives the single class "0".
    public static func genericClassNames(maxLabel: Int) -> [String] {
        (0...max(0, maxLabel)).map(String.init)
    }

    /// The files of one split, read and checked against each other, before class names are known.
    struct RawPair {
        let images: IDXArray
        let labels: [Int32]
        let labelsPath: String

        /// The largest label, or -1 when there are none.
        var maxLabel: Int { Int(labels.max() ?? -1) }

        /// The data set under `classNames`; `labelOutOfRange` (naming the label file) when a label has no name.
        func dataset(classNames: [String], name: String) throws(DatasetError) -> ImageDataset {
            if let bad = labels.firstIndex(where: { Int($0) >= classNames.count }) {
                throw .labelOutOfRange(path: labelsPath, index: bad, label: Int(labels[bad]), classCount: classNames.count)
            }
            let dims = images.dimensions
            return try ImageDataset(name: name, height: dims[1], width: dims[2], channels: dims.count == 4 ? dims[3] : 1,
                                    pixels: images.bytes, labels: labels, classNames: classNames)
        }
    }

    /// Finds and reads the image and label files of `split`.
    static func readSplit(_ split: Split, directory: String, limit: Int?, hint: String) throws(DatasetError) -> RawPair {
        let imagesPath = try findFile(directory: directory, prefix: split.filePrefix, kind: "images",
                                      rank: 3, hint: hint)
        let labelsPath = try findFile(directory: directory, prefix: split.filePrefix, kind: "labels",
                                      rank: 1, hint: hint)
        return try readPair(imagesPath: imagesPath, labelsPath: labelsPath, limit: limit)
    }

    /// Reads an image file (rank 3 or 4) and a label file (rank 1); `countMismatch` when they disagree.
    static func readPair(imagesPath: String, labelsPath: String, limit: Int?) throws(DatasetError) -> RawPair {
        let labelArray = try IDXReader.read(path: labelsPath, ranks: 1...1, limit: limit)
        let imageArray = try IDXReader.read(path: imagesPath, ranks: 3...4, limit: limit)
        guard imageArray.dimensions[0] == labelArray.dimensions[0] else {
            throw .countMismatch(imagesPath: imagesPath, images: imageArray.dimensions[0],
                                 labelsPath: labelsPath, labels: labelArray.dimensions[0])
        }
        return RawPair(images: imageArray, labels: labelArray.bytes.map { Int32($0) }, labelsPath: labelsPath)
    }

    /// The accepted names for one file, most preferred first.
    static func candidateNames(prefix: String, kind: String, rank: Int) -> [String] {
        let stems = ["\(prefix)-\(kind)-idx\(rank)-ubyte", "\(prefix)-\(kind).idx\(rank)-ubyte"]
        return stems.flatMap { [$0 + ".gz", $0] }
    }

    /// The path of the first candidate that exists; `fileNotFound` listing every candidate otherwise.
    static func findFile(directory: String, prefix: String, kind: String, rank: Int,
                         hint: String) throws(DatasetError) -> String {
        let names = candidateNames(prefix: prefix, kind: kind, rank: rank)
        for candidate in names {
            let path = join(directory, candidate)
            if access(path, F_OK) == 0 { return path }
        }
        throw .fileNotFound(path: join(directory, names[0]), expected: names, hint: hint)
    }

    /// Throws `directoryNotFound` unless `path` is an existing directory.
    static func checkDirectory(_ path: String, hint: String) throws(DatasetError) {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw .directoryNotFound(path: path, expected: canonicalFileNames, hint: hint)
        }
    }

    static func join(_ directory: String, _ file: String) -> String {
        directory.hasSuffix("/") ? directory + file : directory + "/" + file
    }

    static func lastComponent(of path: String) -> String {
        let parts = path.split(separator: "/")
        return parts.last.map(String.init) ?? path
    }
}
