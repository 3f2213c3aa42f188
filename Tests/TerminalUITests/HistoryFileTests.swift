import Foundation
import Testing
@testable import TerminalUI

@Suite struct HistoryFileTests {
    /// A fresh XDG_STATE_HOME under the temporary folder.
    func stateHome() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradbook-history-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func thePathFollowsXDGStateHomeThenHome() {
        #expect(HistoryFile.path(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/gradbook/history")
        #expect(HistoryFile.path(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]) == "/h/.local/state/gradbook/history")
        #expect(HistoryFile.path(environment: [:]) == nil)
    }

    @Test(arguments: [("", nil, false), ("   ", nil, false), ("\t", "x", false), ("train 3", "train 3", false),
                      ("train 3", " train 3 ", false), ("train 3", "train 2", true), ("summary", nil, true)] as [(String, String?, Bool)])
    func blankLinesAndRepeatsAreNotKept(_ line: String, _ previous: String?, _ kept: Bool) {
        #expect(HistoryFile.keeps(line, after: previous) == kept)
    }

    @Test func savingDropsBlankLinesAndRepeats() throws {
        let home = try stateHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let path = try #require(HistoryFile.prepared(environment: ["XDG_STATE_HOME": home]))
        #expect(path == home + "/gradbook/history")
        #expect(HistoryFile.save(["load shapes", "", "   ", "load shapes", "model", "model", " train 3 ", "model"], path: path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "load shapes\nmodel\ntrain 3\nmodel\n")
        #expect(HistoryFile.load(path: path) == ["load shapes", "model", "train 3", "model"])
    }

    @Test func loadingAFileWithBlankEntriesCleansIt() throws {
        let home = try stateHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let path = try #require(HistoryFile.prepared(environment: ["XDG_STATE_HOME": home]))
        try "summary\n\n\n  \nsummary\nstats\n\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(HistoryFile.load(path: path) == ["summary", "stats"])
        #expect(HistoryFile.load(path: home + "/missing") == [])
    }

    @Test func onlyTheNewestEntriesAreKept() {
        let lines = (0..<(HistoryFile.limit + 5)).map { "seed \($0)" }
        let kept = HistoryFile.cleaned(lines)
        #expect(kept.count == HistoryFile.limit)
        #expect(kept.first == "seed 5")
        #expect(kept.last == "seed \(HistoryFile.limit + 4)")
    }
}
