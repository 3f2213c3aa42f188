import Foundation
import TensorRuntime

/// Why a file could not be written, in the user's words: the real problem, the path or folder it
/// concerns, and what to do. `AtomicFile` turns every failing system call into one of these (never a
/// raw errno text such as "Device or resource busy").
public enum FileWriteError: ReportableError, Equatable {
    /// The path is empty.
    case emptyPath
    /// The folder that should hold the file does not exist.
    case folderMissing(folder: String)
    /// The folder part of the path names a file (or passes through one).
    case notAFolder(folder: String)
    /// The path names a directory (or ends with `/`).
    case isDirectory(path: String)
    /// The path ends with `/` (a folder's name) and nothing is there: a file name cannot end so.
    case endsWithSlash(path: String)
    /// A regular file of this name exists and its permissions do not let this user write it (0444).
    case notWritable(path: String)
    /// Something that is not a regular file already has this name: `kind` is "a FIFO", "a device"...
    case notRegularFile(path: String, kind: String)
    /// The folder cannot be written (or searched) by this user.
    case noPermission(folder: String)
    /// The folder lies on a read-only file system.
    case readOnly(folder: String)
    /// The disk (or the user's quota) is full.
    case noSpace(path: String)
    /// The path, or one of its names, is longer than the system allows.
    case nameTooLong(path: String)
    /// The target is in use by the system (a mount point, for instance).
    case busy(path: String)
    /// Anything else: `reason` is the system's text.
    case failed(path: String, reason: String)

    public var message: String {
        switch self {
        case .emptyPath: return "the path is empty"
        case let .folderMissing(folder): return "the folder '\(folder)' does not exist"
        case let .notAFolder(folder): return "'\(folder)' is not a folder"
        case let .isDirectory(path): return "'\(path)' is a directory"
        case let .endsWithSlash(path): return "'\(path)' ends with '/', so it names a folder, not a file"
        case let .notWritable(path): return "'\(path)' exists and is read-only: its permissions do not let you write it"
        case let .notRegularFile(path, kind): return "'\(path)' is not a regular file (it is \(kind))"
        case let .noPermission(folder): return "no permission to write in '\(folder)'"
        case let .readOnly(folder): return "'\(folder)' is on a read-only file system"
        case let .noSpace(path): return "no space left on the disk to write '\(path)'"
        case let .nameTooLong(path): return "the path '\(path)' is too long"
        case let .busy(path): return "'\(path)' is in use by the system"
        case let .failed(path, reason): return "cannot write '\(path)': \(reason)"
        }
    }

    public var hint: String? {
        switch self {
        case .emptyPath: return "give a file name, e.g. out/model.safetensors"
        case .folderMissing: return "create it first or choose another path"
        case .notAFolder: return "a part of the path before the file name is a file; choose another folder"
        case .isDirectory: return "name a file inside it, e.g. 'folder/name'"
        case .endsWithSlash: return "drop the trailing '/' to name a file, e.g. 'out/chart.png'"
        case .notWritable: return "it is left as it is; choose another path, or make it writable (chmod u+w) first"
        case .notRegularFile: return "saving only replaces regular files; choose another path"
        case .noPermission: return "choose a folder you can write to, or change its permissions"
        case .readOnly, .busy: return "choose another path"
        case .noSpace: return "free some space or choose another disk"
        case .nameTooLong: return "choose a shorter path"
        case .failed: return nil
        }
    }

    /// The error for a failed system call with `code` (errno) while writing `path` in `folder`.
    static func from(errno code: Int32, path: String, folder: String) -> FileWriteError {
        switch code {
        case ENOENT: return .folderMissing(folder: folder)
        case ENOTDIR: return .notAFolder(folder: folder)
        case EACCES, EPERM: return .noPermission(folder: folder)
        case EROFS: return .readOnly(folder: folder)
        case ENOSPC, EDQUOT: return .noSpace(path: path)
        case ENAMETOOLONG: return .nameTooLong(path: path)
        case EISDIR: return .isDirectory(path: path)
        case EBUSY, ETXTBSY: return .busy(path: path)
        default: return .failed(path: path, reason: String(cString: strerror(code)))
        }
    }
}
