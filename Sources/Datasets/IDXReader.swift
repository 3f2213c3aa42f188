/// One array read from an IDX file (the MNIST file format).
///
/// Format: bytes 0-1 are zero, byte 2 the element type (0x08 unsigned byte, 0x09 signed byte,
/// 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64), byte 3 the rank `r`; then `r` big-endian
/// UInt32 dimension sizes; then the elements in row-major order. Only 0x08 is accepted here.
public struct IDXArray: Sendable, Equatable {
    /// Dimension sizes from the header (the first is the number of examples).
    public let dimensions: [Int]
    /// The elements, row-major; holds `min(limit, dimensions[0]) * product(dimensions[1...])` bytes.
    public let bytes: [UInt8]
}

/// Reads IDX files, raw or gzip-compressed, validating everything before trusting it.
///
/// Checks, in order: the file exists and is readable; a `.gz` name really is gzip; the magic
/// (00 00, a known type, rank 1...4); type 0x08; the rank the caller wants; non-zero inner dimensions
/// and a plausible total size; that the content holds exactly header + data bytes (not fewer —
/// `truncated`; not more — `trailingBytes`). O(file size) time; memory is the returned bytes plus a
/// 1 MiB scratch buffer, never the whole compressed file.
public enum IDXReader {
    /// The largest data section accepted (4 GiB); anything larger is reported as a bad header.
    static let maximumBytes = 1 << 32

    /// Reads an IDX file of unsigned bytes whose rank is in `ranks`.
    ///
    /// - Parameters:
    ///   - limit: read only the first `limit` examples (along dimension 0) and skip the file-length
    ///     check for the rest; `nil` reads and checks everything.
    ///   - expected / hint: used in the message when the file is missing.
    public static func read(path: String, ranks: ClosedRange<Int>, limit: Int? = nil,
                            expected: [String] = [], hint: String = "check the path") throws(DatasetError) -> IDXArray {
        let reader = try CompressedFileReader(path: path, expected: expected.isEmpty ? [path] : expected, hint: hint)
        var header = [UInt8]()
        header.reserveCapacity(4 + 16)
        let magicCount = try reader.read(appendingTo: &header, count: 4)
        guard magicCount == 4 else {
            throw .truncated(path: path, expected: 4, found: magicCount)
        }
        let type = header[2], rank = Int(header[3])
        let knownTypes: Set<UInt8> = [0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E]
        guard header[0] == 0, header[1] == 0, knownTypes.contains(type), (1...4).contains(rank) else {
            throw .wrongMagic(path: path, found: Array(header[0..<4]))
        }
        guard type == 0x08 else { throw .unsupportedDataType(path: path, found: type) }
        guard ranks.contains(rank) else {
            let wanted = ranks.count == 1 ? "\(ranks.lowerBound)" : "\(ranks.lowerBound)...\(ranks.upperBound)"
            throw .badHeader(path: path, reason: "rank \(rank), expected \(wanted) "
                + "(\(ranks.lowerBound == 1 ? "a label file has rank 1" : "an image file has rank 3 or 4"))")
        }
        let headerSize = 4 + 4 * rank
        let dimsCount = try reader.read(appendingTo: &header, count: 4 * rank)
        guard dimsCount == 4 * rank else {
            throw .truncated(path: path, expected: headerSize, found: 4 + dimsCount)
        }
        let dimensions = (0..<rank).map { d -> Int in
            let o = 4 + 4 * d
            return Int(header[o]) << 24 | Int(header[o + 1]) << 16 | Int(header[o + 2]) << 8 | Int(header[o + 3])
        }
        // A zero first: with one, the size check below would pass however large the other dimensions are.
        guard !dimensions.dropFirst().contains(0) else {
            throw .badHeader(path: path, reason: "dimensions \(dimensions) include a zero")
        }
        let limitBytes = Double(Self.maximumBytes)
        guard dimensions.dropFirst().reduce(1.0, { $0 * Double($1) }) <= limitBytes,
              dimensions.reduce(1.0, { $0 * Double($1) }) <= limitBytes else {
            throw .badHeader(path: path, reason: "dimensions \(dimensions) describe more than 4 GiB")
        }
        let inner = dimensions.dropFirst().reduce(1, *)   // cannot overflow: no zero, and the product is checked above
        let total = dimensions[0] * inner
        let examples = limit.map { max(0, min($0, dimensions[0])) } ?? dimensions[0]
        let wanted = examples * inner
        var data = [UInt8]()
        data.reserveCapacity(min(wanted, 1 << 26))   // grow past 64 MiB only as real data arrives
        let got = try reader.read(appendingTo: &data, count: wanted)
        guard got == wanted else {
            throw .truncated(path: path, expected: headerSize + total, found: headerSize + got)
        }
        if limit == nil {
            let extra = try reader.skipToEnd()
            if extra > 0 {
                throw .trailingBytes(path: path, expected: headerSize + total, found: headerSize + total + extra)
            }
        }
        return IDXArray(dimensions: dimensions, bytes: data)
    }
}
