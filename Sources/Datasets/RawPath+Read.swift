#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RawPath {
    /// The bytes of the regular file at `self`, or nil when it holds more than `maximumBytes`.
    ///
    /// Anything but a regular file (a named pipe, device, socket or folder, also behind a symbolic link) is
    /// refused before it is opened, and again after (opened without blocking), so a pipe put in its place
    /// cannot hang the read. Reads at most `maximumBytes + 64 KiB` before giving up. Throws
    /// `DatasetError.unreadable` naming the path and the reason.
    public func readRegularFile(maximumBytes: Int) throws(DatasetError) -> [UInt8]? {
        let shown = display
        switch status() {
        case .failure(let code):
            throw .unreadable(path: shown, reason: code.code == ENOENT || code.code == ENOTDIR ? "it does not exist" : code.text)
        case .success(let info):
            guard info.st_mode & S_IFMT == S_IFREG else {
                throw .unreadable(path: shown, reason: "it is \(RawPath.kind(of: info.st_mode)), not a regular file")
            }
        }
        let fd = withCString { open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
        guard fd >= 0 else { throw .unreadable(path: shown, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw .unreadable(path: shown, reason: "it is \(RawPath.kind(of: info.st_mode)), not a regular file")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= maximumBytes {
            let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: shown, reason: "reading failed: \(String(cString: strerror(errno)))")
            }
            if got == 0 { break }
            bytes += chunk[0..<got]
        }
        return bytes.count <= maximumBytes ? bytes : nil
    }
}
