import Foundation
import Testing
@testable import NeuralNet

// The one file writer: refuses what is not a regular file, never follows planted links, leaves no
// temporary file behind (and sweeps old ones), and says what is wrong in plain words.

/// The names in `folder`, sorted.
private func names(_ folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
}

/// The file type bits of `path` (not following a link).
private func fileType(_ path: String) -> mode_t {
    var info = stat()
    guard lstat(path, &info) == 0 else { return 0 }
    return info.st_mode & S_IFMT
}

@Suite("AtomicFile")
struct AtomicFileTests {
    @Test("A write replaces the file, leaves nothing else, and gives mode 0644 less the umask")
    func replaces() throws {
        let dir = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("old".utf8).write(to: URL(fileURLWithPath: dir + "/f"))
        try AtomicFile.write(Data("new".utf8), to: dir + "/f")
        #expect(try String(contentsOfFile: dir + "/f", encoding: .utf8) == "new")
        #expect(try names(dir) == ["f"])
        var info = stat()
        #expect(stat(dir + "/f", &info) == 0)
        #expect(info.st_mode & 0o7133 == 0, "no execute, set-id or group/other write bits beyond 0644")
        #expect(info.st_mode & 0o600 == 0o600)
    }

    @Test("A symbolic link at the target is replaced, not followed; a link planted at the old temporary name is ignored")
    func plantedLinks() throws {
        let dir = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let victim = dir + "/victim"
        try Data("secret".utf8).write(to: URL(fileURLWithPath: victim))
        try FileManager.default.createSymbolicLink(atPath: dir + "/w", withDestinationPath: victim)
        // The old writer used `.NAME.tmp-PID` and opened it without O_EXCL/O_NOFOLLOW.
        try FileManager.default.createSymbolicLink(atPath: dir + "/.w.tmp-\(getpid())", withDestinationPath: victim)
        try AtomicFile.write(Data("weights".utf8), to: dir + "/w")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "secret")
        #expect(fileType(dir + "/w") == S_IFREG)
        #expect(try String(contentsOfFile: dir + "/w", encoding: .utf8) == "weights")
        #expect(try names(dir) == [".w.tmp-\(getpid())", "victim", "w"])
    }

    @Test("FIFOs, devices, directories (also behind links) are refused and left as they were")
    func nonRegularTargets() throws {
        let dir = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(mkfifo(dir + "/fifo", 0o644) == 0)
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: dir + "/to-null", withDestinationPath: "/dev/null")
        let cases: [(String, FileWriteError)] = [
            (dir + "/fifo", .notRegularFile(path: dir + "/fifo", kind: "a named pipe")),
            (dir + "/sub", .isDirectory(path: dir + "/sub")),
            (dir + "/sub/", .isDirectory(path: dir + "/sub/")),
            (dir + "/to-null", .notRegularFile(path: dir + "/to-null", kind: "a device")),
        ]
        for (path, expected) in cases {
            #expect(throws: expected) { try AtomicFile.write(Data("x".utf8), to: path) }
            #expect(throws: expected) { try AtomicFile.checkWritable(path) }
        }
        // Checked, never written: as root a write would have replaced the device node.
        #expect(throws: FileWriteError.notRegularFile(path: "/dev/null", kind: "a device")) { try AtomicFile.checkWritable("/dev/null") }
        #expect(fileType(dir + "/fifo") == S_IFIFO)
        #expect(fileType("/dev/null") == S_IFCHR)
        #expect(try names(dir) == ["fifo", "sub", "to-null"])
    }

    @Test("Messages name the problem and the path, with a hint", arguments: [
        ("missing/w", "the folder 'DIR/missing' does not exist", "create it first or choose another path"),
        ("file/w", "'DIR/file' is not a folder", "a part of the path before the file name is a file; choose another folder"),
        ("file/x/w", "'DIR/file/x' is not a folder", "a part of the path before the file name is a file; choose another folder"),
        ("sub", "'DIR/sub' is a directory", "name a file inside it, e.g. 'folder/name'"),
        ("", "the path is empty", "give a file name, e.g. out/model.safetensors"),
    ])
    func messages(relative: String, message: String, hint: String) throws {
        let dir = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data().write(to: URL(fileURLWithPath: dir + "/file"))
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: false)
        let path = relative.isEmpty ? "" : dir + "/" + relative
        do {
            try AtomicFile.write(Data("x".utf8), to: path)
            Issue.record("writing '\(path)' should fail")
        } catch {
            #expect(error.message == message.replacingOccurrences(of: "DIR", with: dir))
            #expect(error.hint == hint)
            #expect(error.description == error.message + " - " + hint)
        }
        #expect(try names(dir) == ["file", "sub"])
    }

    @Test("A folder without write permission is named (skipped as root, who may write anywhere)")
    func noPermission() throws {
        guard getuid() != 0 else { return }
        let dir = try makeTemporaryFolder()
        defer {
            chmod(dir + "/ro", 0o755)
            try? FileManager.default.removeItem(atPath: dir)
        }
        try FileManager.default.createDirectory(atPath: dir + "/ro", withIntermediateDirectories: false)
        chmod(dir + "/ro", 0o555)
        #expect(throws: FileWriteError.noPermission(folder: dir + "/ro")) { try AtomicFile.checkWritable(dir + "/ro/w") }
        #expect(FileWriteError.noPermission(folder: "x").message == "no permission to write in 'x'")
    }

    @Test("errno values become named problems, never raw texts", arguments: [
        (ENOENT, "the folder 'd' does not exist"), (ENOTDIR, "'d' is not a folder"), (EACCES, "no permission to write in 'd'"),
        (EROFS, "'d' is on a read-only file system"), (ENOSPC, "no space left on the disk to write 'd/f'"),
        (EISDIR, "'d/f' is a directory"), (EBUSY, "'d/f' is in use by the system"), (ENAMETOOLONG, "the path 'd/f' is too long"),
    ])
    func errnoMessages(code: Int32, message: String) {
        let error = FileWriteError.from(errno: code, path: "d/f", folder: "d")
        #expect(error.message == message)
        #expect(error.hint != nil)
    }

    @Test("Bare names, '/'-rooted names and '~' work in the check (a one-character path no longer traps)")
    func shortPaths() throws {
        try AtomicFile.checkWritable("a")
        try AtomicFile.checkWritable("zz")
        #expect(throws: FileWriteError.isDirectory(path: "/")) { try AtomicFile.checkWritable("/") }
        let home = AtomicFile.expandingTilde("~")
        #expect(!home.hasPrefix("~") && !home.isEmpty)
        #expect(AtomicFile.expandingTilde("~/x/y") == (home == "/" ? "" : home) + "/x/y")
        #expect(AtomicFile.expandingTilde("a/~/b") == "a/~/b")
        #expect(AtomicFile.expandingTilde("~user/b") == "~user/b")
        let missing = "gradbook-no-such-folder-" + UUID().uuidString
        #expect(throws: FileWriteError.folderMissing(folder: AtomicFile.expandingTilde("~/" + missing))) {
            try AtomicFile.write(Data("x".utf8), to: "~/" + missing + "/w")
        }
        #expect(throws: FileWriteError.isDirectory(path: home)) { try AtomicFile.checkWritable("~") }
    }

    @Test("A save removes this writer's temporary files older than the stale age, and nothing else")
    func staleTemporaries() throws {
        let dir = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let old = Date().timeIntervalSince1970 - AtomicFile.staleAge - 60
        for name in [".gradbook-tmp-AAAAAAAAAAAA", ".gradbook-tmp-BBBBBBBBBBBB", "keep.tmp", ".other-tmp"] {
            try Data("left".utf8).write(to: URL(fileURLWithPath: dir + "/" + name))
        }
        for name in [".gradbook-tmp-AAAAAAAAAAAA", "keep.tmp", ".other-tmp"] {
            var times = [timeval(tv_sec: Int(old), tv_usec: 0), timeval(tv_sec: Int(old), tv_usec: 0)]
            #expect(utimes(dir + "/" + name, &times) == 0)
        }
        try AtomicFile.write(Data("w".utf8), to: dir + "/w")
        #expect(try names(dir) == [".gradbook-tmp-BBBBBBBBBBBB", ".other-tmp", "keep.tmp", "w"])
    }
}
