import TensorRuntime

/// Everything that can go wrong while loading, validating or generating a data set.
///
/// Every case carries enough context to produce a message that names the file (or data set) and says what
/// was wrong, plus a hint (`ReportableError`; the description is `message - hint`). Loaders never crash
/// on bad files: they throw one of these instead.
public enum DatasetError: ReportableError, Equatable {
    /// A required file does not exist. `expected` lists the names that would have been accepted.
    case fileNotFound(path: String, expected: [String], hint: String)
    /// A directory that should hold data files does not exist (or is not a directory).
    case directoryNotFound(path: String, expected: [String], hint: String)
    /// The file exists but cannot be opened or read (permissions, a directory, an I/O error).
    case unreadable(path: String, reason: String)
    /// The file name ends in `.gz` but the content does not start with the gzip magic 1f 8b.
    case notGzip(path: String, firstBytes: [UInt8])
    /// The gzip stream is damaged (bad header, bad deflate data, CRC mismatch, cut off early).
    case corruptGzip(path: String, detail: String)
    /// The (decompressed) content ends before the header says it should.
    case truncated(path: String, expected: Int, found: Int)
    /// The (decompressed) content is longer than the header says it should be.
    case trailingBytes(path: String, expected: Int, found: Int)
    /// The first two bytes are not 00 00, or the type / rank byte is not a valid IDX value.
    case wrongMagic(path: String, found: [UInt8])
    /// A valid IDX element type other than the one required (0x08, unsigned byte).
    case unsupportedDataType(path: String, found: UInt8)
    /// The IDX header is well formed but describes the wrong kind of array (rank, zero or huge sizes).
    case badHeader(path: String, reason: String)
    /// An image file and its label file disagree on the number of examples.
    case countMismatch(imagesPath: String, images: Int, labelsPath: String, labels: Int)
    /// A label is not a valid index into the class names.
    case labelOutOfRange(path: String, index: Int, label: Int, classCount: Int)
    /// An `ImageDataset` was constructed from inconsistent arrays.
    case invalidDataset(name: String, reason: String)
    /// An image file (PNG or JPEG) that cannot be decoded: empty, truncated, corrupt, zero-sized, too
    /// large, or not an image at all. `reason` says which.
    case badImage(path: String, reason: String)
    /// A folder read as an image folder (one sub-folder of pictures per class) that is not one.
    case notAnImageFolder(path: String, reason: String)
    /// A file or folder that cannot be written (make-dataset): `reason` says why.
    case cannotWrite(path: String, reason: String, hint: String)
    /// A text file that cannot be read as text (invalid UTF-8 with where it breaks, empty, too large,
    /// too few tokens): `reason` says which, `hint` what to do.
    case badText(path: String, reason: String, hint: String)
    /// A text corpus whose Debian package is not installed.
    case missingPackage(corpus: String, package: String, path: String)
    /// A caller-supplied parameter (split fraction, batch size, shape count...) is out of range.
    case invalidArgument(String)

    /// What went wrong, naming the file or data set (without the hint).
    public var message: String {
        switch self {
        case let .fileNotFound(path, expected, _):
            return "\(path): file not found. Expected one of: \(expected.joined(separator: ", "))"
        case let .directoryNotFound(path, expected, _):
            return "\(path): directory not found. It should contain: \(expected.joined(separator: ", "))"
        case let .unreadable(path, reason):
            return "\(path): cannot read file: \(reason)"
        case let .notGzip(path, firstBytes):
            return "\(path): not a gzip file (starts with \(Self.hex(firstBytes)), expected 1f 8b)"
        case let .corruptGzip(path, detail):
            return "\(path): corrupt gzip data: \(detail)"
        case let .truncated(path, expected, found):
            return "\(path): truncated: expected \(expected) bytes, found \(found)"
        case let .trailingBytes(path, expected, found):
            return "\(path): too long: expected \(expected) bytes, found \(found)"
        case let .wrongMagic(path, found):
            return "\(path): wrong magic \(Self.hex(found)) (an IDX file starts with 00 00, a type byte "
                + "and a rank byte 1...4)"
        case let .unsupportedDataType(path, found):
            return "\(path): unsupported IDX data type 0x\(Self.hex([found])) (\(Self.typeName(found))), "
                + "expected 0x08 (unsigned byte)"
        case let .badHeader(path, reason):
            return "\(path): bad IDX header: \(reason)"
        case let .countMismatch(imagesPath, images, labelsPath, labels):
            return "\(imagesPath) has \(images) images but \(labelsPath) has \(labels) labels"
        case let .labelOutOfRange(path, index, label, classCount):
            return "\(path): label \(label) at index \(index) is out of range 0..<\(classCount)"
        case let .invalidDataset(name, reason):
            return "data set '\(name)': \(reason)"
        case let .badImage(path, reason):
            return "\(path): cannot decode the image: \(reason)"
        case let .notAnImageFolder(path, reason):
            return "image folder '\(path)': \(reason)"
        case let .cannotWrite(path, reason, _):
            return "\(path): cannot write: \(reason)"
        case let .badText(path, reason, _):
            return "\(path): \(reason)"
        case let .missingPackage(corpus, package, path):
            return "corpus '\(corpus)' comes from the Debian package \(package), which is not installed (no \(path))"
        case let .invalidArgument(message):
            return "invalid argument: \(message)"
        }
    }

    /// What to do about it.
    public var hint: String? {
        switch self {
        case let .fileNotFound(_, _, hint), let .directoryNotFound(_, _, hint), let .cannotWrite(_, _, hint), let .badText(_, _, hint):
            return hint
        case .unreadable:
            return "check that it is a regular file you may read"
        case .notGzip:
            return "if it is an uncompressed IDX file, remove the .gz suffix; otherwise download it again"
        case .corruptGzip:
            return "check it with `gzip -t` and download it again"
        case .truncated:
            return "the file is incomplete; download it again"
        case .trailingBytes:
            return "the header does not match the data; is this the right file?"
        case .wrongMagic:
            return "is this an MNIST-format IDX file?"
        case .unsupportedDataType:
            return "images and labels must be stored as bytes"
        case .badHeader:
            return "is this the right file (images vs labels)?"
        case .countMismatch:
            return "the image and label files must come from the same split"
        case .labelOutOfRange:
            return "give class names for every label value"
        case .invalidDataset:
            return "pixels must hold count*height*width*channels bytes and every label must name a class"
        case .badImage:
            return "only PNG and JPEG files are read; open it in an image viewer, or remove it from the folder"
        case .notAnImageFolder:
            return "give a folder with one sub-folder of PNG/JPEG pictures per class, e.g. train/cats/ and train/dogs/"
        case let .missingPackage(_, package, _):
            return "install it with `sudo apt-get install \(package)` (scripts/setup.sh installs it)"
        case .invalidArgument:
            return nil
        }
    }

    /// Bytes as lowercase two-digit hex separated by spaces, e.g. `1f 8b`.
    static func hex(_ bytes: [UInt8]) -> String {
        if bytes.isEmpty { return "(nothing)" }
        let digits = Array("0123456789abcdef")
        return bytes.map { String([digits[Int($0 >> 4)], digits[Int($0 & 15)]]) }.joined(separator: " ")
    }

    /// The IDX name of an element type byte.
    static func typeName(_ type: UInt8) -> String {
        switch type {
        case 0x08: return "unsigned byte"
        case 0x09: return "signed byte"
        case 0x0B: return "16-bit integer"
        case 0x0C: return "32-bit integer"
        case 0x0D: return "32-bit float"
        case 0x0E: return "64-bit float"
        default: return "unknown"
        }
    }
}
