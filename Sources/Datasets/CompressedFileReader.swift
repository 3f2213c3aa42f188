import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sequential reader for a file that may be gzip-compressed.
///
/// Detects gzip by the magic bytes 1f 8b (not by the name) and inflates through zlib's `gzread`;
/// any other file is read as is. A name ending in `.gz` whose content lacks the magic is rejected
/// with `DatasetError.notGzip`. Memory: one 1 MiB scratch buffer plus zlib's own 256 KiB buffers.
final class CompressedFileReader {
    /// The path as given, used in every error message.
    let path: String
    /// Bytes of (decompressed) content delivered so far.
    private(set) var consumed = 0
    private let file: gzFile
    private let scratch: UnsafeMutableRawBufferPointer

    /// Opens `path`. Throws `fileNotFound` (with `expected` and `hint` in the message), `unreadable`
    /// for directories and permission problems, and `notGzip` for a `.gz` name without gzip content.
    init(path: String, expected: [String], hint: String) throws(DatasetError) {
        self.path = path
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR {
                throw .fileNotFound(path: path, expected: expected, hint: hint)
            }
            throw .unreadable(path: path, reason: CompressedFileReader.errorText(code))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw .unreadable(path: path, reason: "not a regular file")
        }
        // Opened without blocking and checked again, so a pipe put at the path after the check cannot hang.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path: path, reason: CompressedFileReader.errorText(errno)) }
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw .unreadable(path: path, reason: "not a regular file")
        }
        var magic: [UInt8] = [0, 0]
        #if canImport(Glibc)
        let got = max(0, Glibc.read(fd, &magic, 2))
        #else
        let got = max(0, Darwin.read(fd, &magic, 2))
        #endif
        let isGzip = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b
        guard isGzip || !path.hasSuffix(".gz") else {
            close(fd)
            throw .notGzip(path: path, firstBytes: Array(magic.prefix(got)))
        }
        guard lseek(fd, 0, SEEK_SET) == 0, let handle = gzdopen(fd, "rb") else {
            let code = errno
            close(fd)
            throw .unreadable(path: path, reason: CompressedFileReader.errorText(code))
        }
        gzbuffer(handle, 1 << 18)
        file = handle
        scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    }

    deinit {
        gzclose(file)
        scratch.deallocate()
    }

    /// Reads up to `buffer.count` bytes; returns fewer only at the end of the content. O(bytes).
    /// Throws `corruptGzip` when zlib reports damaged or cut-off compressed data.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(DatasetError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            let want = min(buffer.count - done, 1 << 24)
            let n = gzread(file, base + done, UInt32(want))
            if n > 0 { done += Int(n) }
            if n < want {
                try checkStream(afterDelivering: consumed + done)
                if n <= 0 { break }
            }
        }
        consumed += done
        return done
    }

    /// Appends up to `count` bytes to `array`; returns how many were appended (fewer only at the end).
    func read(appendingTo array: inout [UInt8], count: Int) throws(DatasetError) -> Int {
        var remaining = count
        while remaining > 0 {
            let chunk = UnsafeMutableRawBufferPointer(rebasing: scratch[0..<min(remaining, scratch.count)])
            let n = try read(into: chunk)
            array.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
            remaining -= n
            if n < chunk.count { break }
        }
        return count - remaining
    }

    /// Reads and discards the rest of the content; returns how many bytes that was. O(rest).
    func skipToEnd() throws(DatasetError) -> Int {
        var total = 0
        while true {
            let n = try read(into: scratch)
            total += n
            if n < scratch.count { return total }
        }
    }

    /// Turns a zlib stream error into `corruptGzip` (or `unreadable` for system errors).
    private func checkStream(afterDelivering bytes: Int) throws(DatasetError) {
        var code: Int32 = Z_OK
        var message = gzerror(file, &code).map { String(cString: $0) } ?? ""
        // zlib prepends what it opened: the path, or `<fd:N>` for a descriptor.
        if message.hasPrefix(path + ": ") { message.removeFirst(path.count + 2) }
        if message.hasPrefix("<fd:"), let end = message.range(of: ">: ") { message.removeSubrange(..<end.upperBound) }
        switch code {
        case Z_OK, Z_STREAM_END:
            return
        case Z_ERRNO:
            throw .unreadable(path: path, reason: CompressedFileReader.errorText(errno))
        case Z_BUF_ERROR:
            throw .corruptGzip(path: path, detail: "compressed data ends early (\(message)) after \(bytes) "
                + "decompressed bytes")
        default:
            throw .corruptGzip(path: path, detail: message.isEmpty ? "zlib error \(code)" : message)
        }
    }

    static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
