import Foundation
import Notebook
import Testing

/// Issue 16 item 14: `make-dataset` killed with SIGKILL while writing leaves no partial data set: the
/// target is absent (or whole, when the kill came after the rename), and the next `make-dataset` beside
/// it removes the abandoned temporary folder and succeeds.
@Suite(.serialized) struct MakeDatasetKillTests {
    /// The image files under `folder`, recursively.
    static func fileCount(_ folder: String) -> Int {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".png") || $0.hasSuffix(".jpg") }.count
    }

    @Test(.enabled(if: CommandLineTests.executable != nil, "the gradbook executable is not built"))
    func killedWriterLeavesNothingPartial() throws {
        let dir = makeTemporaryDirectory("kill").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (process, stdin, _) = try CommandLineTests.launch(["run", "-"])
        stdin.fileHandleForWriting.write(Data("make-dataset shapes-rgb \(dir)/ds count=300 size=96\n".utf8))
        try stdin.fileHandleForWriting.close()
        // Wait until some files are written (in the temporary folder, or wherever a writer put them), then kill.
        let deadline = Date().addingTimeInterval(120)
        var staged = false
        while Date() < deadline && process.isRunning && !staged {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            staged = names.contains { Self.fileCount(dir + "/" + $0) > 10 }
            if !staged { usleep(20_000) }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        if FileManager.default.fileExists(atPath: dir + "/ds") {
            #expect(Self.fileCount(dir + "/ds") == 360, "a data set that exists is whole")
        } else {
            #expect(staged, "the writer was killed while it wrote files")
        }
        // The rerun is not refused, and it removes what the killed writer left.
        let interpreter = Interpreter()
        runLines(interpreter, ["make-dataset shapes-rgb \(dir)/ds count=4 size=16 overwrite=on"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["ds"])
        #expect(Self.fileCount(dir + "/ds") == 5)
    }
}
