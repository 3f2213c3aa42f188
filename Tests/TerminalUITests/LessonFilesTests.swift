import Foundation
import Testing
import Notebook
@testable import TerminalUI

/// The lessons in sessions/lessons open as notebooks (`gradbook open`): every command line parses, the first
/// cell is a note saying what the class will learn, every step is explained by a comment above it, and the
/// last cell is an exercise. (LessonRunTests in NotebookTests runs them.)
@Suite struct LessonFilesTests {
    static let folder = TmuxPane.root.appendingPathComponent("sessions/lessons")
    static let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".grad") }.sorted()

    @Test func twelveLessons() {
        #expect(Self.files.count == 12)
    }

    @Test(arguments: files)
    func opensAsCellsThatAllParse(_ name: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
        let lesson = Lesson(file: name, text: text)
        let first = try #require(lesson.cells.first)
        #expect(first.kind == .note && first.lines.first?.hasPrefix("Lesson \(Int(name.prefix(2)) ?? 0): ") == true,
                "\(name) opens with a note naming the lesson")
        #expect(first.lines.contains("What the class will learn:"), "\(name) says what the class will learn")
        let last = try #require(lesson.cells.last)
        #expect(last.kind == .note && last.lines.first == "Exercise:", "\(name) ends with an exercise")
        #expect(lesson.commandCount >= 10)
        for cell in lesson.cells where cell.kind == .command {
            switch Parser.parseLine(cell.text, lineNumber: cell.line) {
            case .failure(let d): Issue.record("\(name): \(d.rendered(file: name))")
            case .success(nil): Issue.record("\(name):\(cell.line): a cell with no command")
            case .success: break
            }
        }
        // Every step is explained: each paragraph (lines between blank lines) that holds commands starts with a comment.
        for paragraph in text.components(separatedBy: "\n\n") {
            let lines = paragraph.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let head = lines.first, lines.contains(where: { !$0.hasPrefix("#") }) else { continue }
            #expect(head.hasPrefix("#"), "\(name): a step without an explanation: \(head)")
        }
    }
}
