import Foundation

/// The one way Gradbook writes a file (weights, checkpoints, sessions): all or nothing, and never
/// through something planted at the path.
///
/// `write` expands a leading `~` once, refuses a target that exists but is not a regular file (a
/// directory, FIFO, device or socket, also behind a symbolic link) or is a file its permissions keep
/// this user from writing (a 0444 file is left alone), refuses a name ending in `/`, creates a temporary file of a
/// random name (`.gradbook-tmp-` + 12 letters or digits) in the target's folder with
/// `O_CREAT | O_EXCL | O_NOFOLLOW` and mode 0644 (less the umask), writes and flushes it, renames it
/// over the target (a symbolic link at the target is replaced, never followed) and flushes the folder.
/// On any failure the temporary file is removed. Temporary files of this naming left by a killed
/// save are removed from the folder by later saves once they are `staleAge` old.
public enum AtomicFile {
    /// The name prefix of every temporary file.
    public static let temporaryPrefix = ".gradbook-tmp-"
    /// Temporary files older than this (by modification time) are leftovers of a killed save.
    public static let staleAge: TimeInterval = 15 * 60

    /// `path` with a leading `~` or `~/` replaced by the home folder; any other path unchanged.
    public static func expandingTilde(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        var home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        while home.count > 1 && home.hasSuffix("/") { home.removeLast() }
        return home + path.dropFirst()
    }

    /// The folder that holds `path`: "." for a bare name, "/" for a name at the root.
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = path[..<slash]
        return folder.isEmpty ? "/" : String(folder)
    }

    /// Checks, without writing anything, that `write(_:to:)` could create `path`: its folder exists
    /// and can be written, and nothing but a regular file (or a symbolic link to one) has its name.
    /// Run it before long work whose result will be saved there (training with a checkpoint).
    public static func checkWritable(_ path: String) throws(FileWriteError) {
        _ = try checkedTarget(path)
    }

    /// Writes `data` to `path` atomically (see the type's description).
    public static func write(_ data: Data, to path: String) throws(FileWriteError) {
        let (target, folder) = try checkedTarget(path)
        removeStaleTemporaries(in: folder)
        let (fd, temporary) = try createTemporary(in: folder, for: target)
        var code = writeAll(fd, data)
        if code == 0 && fsync(fd) != 0 { code = errno }
        if close(fd) != 0 && code == 0 { code = errno }
        if code == 0 {
            do { try refuseNonRegular(target) } catch {
                unlink(temporary)
                throw error
            }
            if rename(temporary, target) != 0 { code = errno }
        }
        guard code == 0 else {
            unlink(temporary)
            throw FileWriteError.from(errno: code, path: target, folder: folder)
        }
        syncFolder(folder)
    }

    /// Removes regular files named `temporaryPrefix...` in `folder` that belong to this user and were
    /// last modified more than `age` ago. Errors are ignored: this is housekeeping.
    public static func removeStaleTemporaries(in folder: String, olderThan age: TimeInterval = staleAge, now: Date = Date()) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let limit = now.timeIntervalSince1970 - age
        for name in names where name.hasPrefix(temporaryPrefix) {
            let path = folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            guard info.st_mode & S_IFMT == S_IFREG, info.st_uid == getuid() else { continue }
            guard Double(info.st_mtim.tv_sec) < limit else { continue }
            unlink(path)
        }
    }

    // MARK: - Steps

    /// The expanded path and its folder, after every check that can be made before writing.
    private static func checkedTarget(_ path: String) throws(FileWriteError) -> (path: String, folder: String) {
        guard !path.isEmpty else { throw .emptyPath }
        let target = expandingTilde(path)
        if target.hasSuffix("/") {
            var info = stat()
            throw stat(target, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR ? .isDirectory(path: target) : .endsWithSlash(path: target)
        }
        let folder = folder(of: target)
        var info = stat()
        guard stat(folder, &info) == 0 else { throw .from(errno: errno, path: target, folder: folder) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw .notAFolder(folder: folder) }
        guard access(folder, W_OK | X_OK) == 0 else { throw .from(errno: errno, path: target, folder: folder) }
        try refuseNonRegular(target)
        return (target, folder)
    }

    /// Throws when `path` exists and is (or links to) something other than a regular file, or a regular
    /// file whose permission bits do not let this user write it (checked by the bits, so a 0444 file
    /// is refused even for root, who could write it anyway).
    private static func refuseNonRegular(_ path: String) throws(FileWriteError) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            let code = errno
            guard code == ENOENT else { throw .from(errno: code, path: path, folder: folder(of: path)) }
            return
        }
        if info.st_mode & S_IFMT == S_IFLNK {
            // A dangling link is replaced like a missing file; otherwise judge what it points to.
            guard stat(path, &info) == 0 else { return }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            let bit = info.st_uid == getuid() ? S_IWUSR : info.st_gid == getgid() ? S_IWGRP : S_IWOTH
            guard info.st_mode & bit != 0, access(path, W_OK) == 0 else { throw .notWritable(path: path) }
        case S_IFDIR: throw .isDirectory(path: path)
        case S_IFIFO: throw .notRegularFile(path: path, kind: "a named pipe")
        case S_IFCHR, S_IFBLK: throw .notRegularFile(path: path, kind: "a device")
        case S_IFSOCK: throw .notRegularFile(path: path, kind: "a socket")
        default: throw .notRegularFile(path: path, kind: "not an ordinary file")
        }
    }

    /// Creates a new, empty temporary file in `folder`; its descriptor and path.
    private static func createTemporary(in folder: String, for target: String) throws(FileWriteError) -> (Int32, String) {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var generator = SystemRandomNumberGenerator()
        var code = EEXIST
        for _ in 0..<64 {
            let suffix = String((0..<12).map { _ in letters[Int.random(in: 0..<letters.count, using: &generator)] })
            let path = folder + "/" + temporaryPrefix + suffix
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if fd >= 0 { return (fd, path) }
            code = errno
            guard code == EEXIST else { break }
        }
        throw .from(errno: code, path: target, folder: folder)
    }

    /// Writes every byte of `data` to `fd`; 0 or the errno of the failure.
    private static func writeAll(_ fd: Int32, _ data: Data) -> Int32 {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int32 in
            guard let base = raw.baseAddress else { return 0 }
            var done = 0
            while done < raw.count {
                let written = Foundation.write(fd, base + done, raw.count - done)
                if written < 0 {
                    let code = errno
                    if code == EINTR { continue }
                    return code
                }
                if written == 0 { return EIO }
                done += written
            }
            return 0
        }
    }

    /// Flushes the folder's entry list so the rename survives a crash (best effort: some file
    /// systems refuse to sync a folder, and the file itself is already in place).
    private static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
