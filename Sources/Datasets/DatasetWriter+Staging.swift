import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DatasetWriter {
    /// The temporary folder a data set is written into, beside its target: `.gradbook-tmp-PID-RANDOM`
    /// (hidden, so `load images` of the parent never reads it). `install` flushes everything with one
    /// sync and renames it into place; `remove` deletes it after a failure.
    struct Staging {
        /// The name prefix of every staging folder (followed by the writer's process id and a dash).
        static let prefix = ".gradbook-tmp-"

        /// The staging folder's path.
        let path: String

        /// Creates the target's parent folders when missing (as `mkdir -p`), removes staging folders
        /// left there by writers that no longer run, and creates a new one.
        init(beside target: String) throws(DatasetError) {
            let parent = Self.folder(of: target)
            try Self.makeFolder(parent)
            Self.removeAbandoned(in: parent)
            let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789")
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<64 {
                let suffix = String((0..<10).map { _ in letters[Int.random(in: 0..<letters.count, using: &generator)] })
                let candidate = parent + "/" + Self.prefix + "\(getpid())-" + suffix
                if mkdir(candidate, 0o755) == 0 {
                    path = candidate
                    return
                }
                guard errno == EEXIST else { break }
            }
            throw .cannotWrite(path: target, reason: "cannot create a temporary folder in '\(parent)': \(Self.errorText())",
                               hint: "check that you may write in '\(parent)'")
        }

        /// Flushes every file written (one sync) and moves the split folders into place at `target`: the
        /// whole staging folder when `target` is missing or empty, else (`replacingSplits`) each split
        /// folder in turn, the old one moved aside into the staging folder and deleted with it.
        func install(at target: String, splits: [String], replacingSplits: Bool) throws(DatasetError) {
            flush()
            if replacingSplits {
                for split in splits {
                    let old = target + "/" + split
                    var info = stat()
                    if lstat(old, &info) == 0 {
                        guard rename(old, path + "/.old-" + split) == 0 else {
                            throw .cannotWrite(path: old, reason: "cannot move the old folder aside: \(Self.errorText())",
                                               hint: "check that you may write in '\(target)'")
                        }
                    }
                    guard rename(path + "/" + split, old) == 0 else {
                        throw .cannotWrite(path: old, reason: "cannot move the new folder into place: \(Self.errorText())",
                                           hint: "check that you may write in '\(target)'")
                    }
                }
                Self.syncFolder(target)
                remove()
            } else {
                guard rename(path, target) == 0 else {
                    throw .cannotWrite(path: target, reason: "cannot move the new folder into place: \(Self.errorText())",
                                       hint: "check that nothing else is writing there")
                }
                Self.syncFolder(Self.folder(of: target))
            }
        }

        /// Deletes the staging folder and everything in it (best effort).
        func remove() {
            try? FileManager.default.removeItem(atPath: path)
        }

        /// Writes `bytes` to a new file at `path` (never through an existing name or link), unflushed.
        static func writeFile(_ bytes: [UInt8], to path: String) throws(DatasetError) {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw .cannotWrite(path: path, reason: errorText(), hint: "check that the disk has room and you may write there")
            }
            var done = 0
            var code: Int32 = 0
            bytes.withUnsafeBytes { raw in
                while done < raw.count {
                    let n = Foundation.write(fd, raw.baseAddress! + done, raw.count - done)
                    if n < 0 && errno == EINTR { continue }
                    guard n > 0 else { code = n < 0 ? errno : EIO; return }
                    done += n
                }
            }
            if close(fd) != 0 && code == 0 { code = errno }
            guard code == 0 else {
                throw .cannotWrite(path: path, reason: String(cString: strerror(code)),
                                   hint: "check that the disk has room and you may write there")
            }
        }

        /// Creates `path` and its missing parents.
        static func makeFolder(_ path: String) throws(DatasetError) {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw .cannotWrite(path: path, reason: "cannot create the folder",
                                   hint: "check that its parent is a folder you may write in")
            }
        }

        /// Removes staging folders in `folder` that belong to this user and whose writer process is gone
        /// (a kill): `.gradbook-tmp-PID-...` where no process PID runs.
        static func removeAbandoned(in folder: String) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
            for name in names where name.hasPrefix(prefix) {
                let rest = name.dropFirst(prefix.count)
                guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid > 0 else { continue }
                guard kill(pid, 0) != 0 && errno == ESRCH else { continue }
                var info = stat()
                let full = folder + "/" + name
                guard lstat(full, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid() else { continue }
                try? FileManager.default.removeItem(atPath: full)
            }
        }

        /// The folder that holds `path`: "." for a bare name.
        static func folder(of path: String) -> String {
            var trimmed = path
            while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
            guard let slash = trimmed.lastIndex(of: "/") else { return "." }
            let folder = trimmed[..<slash]
            return folder.isEmpty ? "/" : String(folder)
        }

        /// One flush of everything written (`sync`), instead of one per file.
        private func flush() {
            sync()
        }

        /// Flushes a folder's entry list so a rename in it survives a crash (best effort).
        private static func syncFolder(_ folder: String) {
            let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else { return }
            _ = fsync(fd)
            close(fd)
        }

        /// The text of the current errno.
        private static func errorText() -> String { String(cString: strerror(errno)) }
    }
}
