import Foundation

/// The scratch files the reader targets write each input to.
public enum ScratchFile {
    /// Writes `bytes` to `path` (created or truncated, mode 600) with plain POSIX calls: FileManager's
    /// createFile syncs to disk, which made each input take milliseconds. A failure is fatal: the fuzzer
    /// cannot go on without its scratch file.
    public static func write(_ bytes: ArraySlice<UInt8>, to path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { fatalError("cannot write the scratch file \(path)") }
        bytes.withUnsafeBufferPointer { buffer in
            var done = 0
            while done < buffer.count, let base = buffer.baseAddress {
                let written = Foundation.write(fd, base + done, buffer.count - done)
                guard written > 0 else { fatalError("cannot write the scratch file \(path)") }
                done += written
            }
        }
        close(fd)
    }
}
