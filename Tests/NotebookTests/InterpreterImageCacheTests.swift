// `load images` reports how much of the decoded folder it keeps in memory in a unit that fits the amount:
// a small folder's cache is some KB, never `(0 MB)`.

import Foundation
import Notebook
import Testing

@Suite struct InterpreterImageCacheTests {
    @Test func theCacheSizeOfASmallFolderIsNotRoundedToZero() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gradbook-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let interpreter = Interpreter()
        func run(_ line: String) throws -> String {
            try interpreter.execute(line: line).map { "\($0)" }.joined(separator: "\n")
        }
        _ = try run("make-dataset shapes-rgb \(dir) count=10 size=16")
        let loaded = try run("load images \(dir)/train size=16x16")
        #expect(!loaded.contains("(0 MB)"), "\(loaded)")
        #expect(loaded.contains(/10 cached \(\d+\.\d\d KB\)/), "\(loaded)")
    }
}
