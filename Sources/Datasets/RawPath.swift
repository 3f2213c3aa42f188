import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file-system path as its bytes, so a file whose name is not valid UTF-8 is still opened by the name
/// the folder listing gave (a Swift `String` would replace the bad bytes and name another file).
///
/// `display` is the path for messages and lists: valid UTF-8 as is, other bytes as `\xNN`, and control
/// characters (newline, tab, escape, C1 controls, line separators) escaped, so a file name can neither
/// break a line of a report nor forge one.
public struct RawPath: Sendable, Hashable, Comparable {
    /// A failed system call on the path: its errno.
    public struct Failure: Error, Equatable {
        public let code: Int32
        /// The system's text for the code.
        public var text: String { String(cString: strerror(code)) }
    }

    /// The path's bytes, without a terminating NUL.
    public let bytes: [UInt8]

    public init(_ path: String) { bytes = Array(path.utf8) }
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// `self/name`.
    public func appending(_ name: RawPath) -> RawPath { RawPath(bytes: bytes + [0x2F] + name.bytes) }

    /// The last component (after the final `/`).
    public var lastComponent: RawPath {
        guard let slash = bytes.lastIndex(of: 0x2F) else { return self }
        return RawPath(bytes: Array(bytes[(slash + 1)...]))
    }

    /// The path as shown to a person (see the type's description).
    public var display: String { Self.escaped(bytes) }

    /// Byte order, which is code-point order for valid UTF-8.
    public static func < (a: RawPath, b: RawPath) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }

    /// Calls `body` with the NUL-terminated path.
    public func withCString<R>(_ body: (UnsafePointer<CChar>) -> R) -> R {
        (bytes.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// The names in the folder at `self` (without `.` and `..`), or the errno when it cannot be listed.
    public func entries() -> Result<[RawPath], Failure> {
        guard let folder = withCString({ opendir($0) }) else {
            return .failure(Failure(code: errno))
        }
        defer { closedir(folder) }
        var names: [RawPath] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            guard name != [0x2E], name != [0x2E, 0x2E] else { continue }
            names.append(RawPath(bytes: name))
        }
        return .success(names)
    }

    /// The file's `stat` (following symbolic links), or the errno.
    public func status() -> Result<stat, Failure> {
        var info = stat()
        let code = withCString { stat($0, &info) }
        guard code == 0 else { return .failure(Failure(code: errno)) }
        return .success(info)
    }

    /// What a file of `mode` is, for messages: "a folder", "a named pipe", ...
    public static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: return "a regular file"
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a named pipe"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        default: return "not an ordinary file"
        }
    }

    /// `bytes` as text: valid UTF-8 kept, invalid bytes as `\xNN`, control characters escaped.
    public static func escaped(_ bytes: [UInt8]) -> String {
        var out = ""
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
                out += escaped(Unicode.UTF8.decode(encoded))
            case .error(let length):
                for b in bytes[offset..<(offset + length)] { out += "\\x" + String(b, radix: 16, uppercase: true).leftPadded(2) }
                offset += length
            case .emptyInput:
                return out
            }
        }
    }

    /// One scalar, escaped when it is a control character or a line or paragraph separator.
    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default:
            let v = scalar.value
            guard v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029 else { return String(scalar) }
            return "\\u{" + String(v, radix: 16, uppercase: true).leftPadded(2) + "}"
        }
    }
}

private extension String {
    /// Zero-padded on the left to `width` characters.
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
