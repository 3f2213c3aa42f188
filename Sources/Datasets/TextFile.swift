/// Reads a file as UTF-8 text for a language model: any script, checked before anything is tokenized.
///
/// The file must be a regular file (`RawPath.readRegularFile`: a named pipe or device is refused before it
/// is opened) of at most `maximumBytes`. A UTF-8 byte-order mark is dropped and CRLF and lone CR line ends
/// become LF. Invalid UTF-8 is `DatasetError.badText` naming the byte offset, line and column where it
/// breaks; an empty file is refused too. Nothing here traps on any bytes.
public enum TextFile {
    /// The largest text file read (32 MiB: about 11 million Chinese characters, 6 million English words).
    public static let maximumBytes = 32 << 20

    /// Where a byte sequence stops being UTF-8: the 0-based byte offset, and the 1-based line and column
    /// (in characters) of the first bad byte.
    public struct Break: Equatable, Sendable {
        public var offset: Int
        public var line: Int
        public var column: Int

        public init(offset: Int, line: Int, column: Int) {
            self.offset = offset
            self.line = line
            self.column = column
        }
    }

    /// The text of the file at `path` (see the type).
    public static func read(_ path: String) throws(DatasetError) -> String {
        let raw = RawPath(path)
        guard let bytes = try raw.readRegularFile(maximumBytes: maximumBytes) else {
            throw .badText(path: raw.display, reason: "the file is larger than \(maximumBytes >> 20) MiB",
                           hint: "use a shorter text: cut it with `head -c 30M FILE > part.txt`")
        }
        return try decode(bytes, path: raw.display)
    }

    /// `bytes` as text, checked and with line ends normalised; `path` names it in errors.
    public static func decode(_ bytes: [UInt8], path: String) throws(DatasetError) -> String {
        if String(validating: bytes, as: UTF8.self) == nil, let broken = firstInvalidByte(bytes), broken.offset < bytes.count {
            let byte = bytes[broken.offset]
            throw .badText(path: path,
                           reason: "invalid UTF-8 at byte \(broken.offset) (line \(broken.line), column \(broken.column)): byte 0x"
                               + String(byte, radix: 16, uppercase: true),
                           hint: "save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8 FILE > FILE.utf8`)")
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard !body.isEmpty else {
            throw .badText(path: path, reason: "the file is empty", hint: "give a file with some text in it")
        }
        return String(decoding: normalizedLineEnds(body), as: UTF8.self)
    }

    /// The first byte that is not part of valid UTF-8, or nil when all of `bytes` is UTF-8. O(bytes).
    public static func firstInvalidByte(_ bytes: [UInt8]) -> Break? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0, line = 1, column = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
                if encoded.count == 1 && encoded.first == 0x0A {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .error:
                return Break(offset: offset, line: line, column: column)
            case .emptyInput:
                return nil
            }
        }
    }

    /// CRLF and a lone CR as LF.
    static func normalizedLineEnds(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        guard bytes.contains(0x0D) else { return Array(bytes) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var previousCR = false
        for b in bytes {
            if b == 0x0A && previousCR { previousCR = false; continue }
            previousCR = b == 0x0D
            out.append(b == 0x0D ? 0x0A : b)
        }
        return out
    }
}
