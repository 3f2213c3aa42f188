import Testing
@testable import TerminalUI

@Suite struct KeySequenceTests {
    static func codes(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let expected: KeySequence.Result
        let testDescription: String
        init(_ text: String, _ expected: KeySequence.Result, _ name: String) {
            self.text = text
            self.expected = expected
            self.testDescription = name
        }
    }

    static let cases: [Case] = [
        Case("\u{1B}[27;2;13~", .key(.shiftEnter, consumed: 10), "xterm modifyOtherKeys Shift-Enter"),
        Case("\u{1B}[13;2u", .key(.shiftEnter, consumed: 7), "CSI-u Shift-Enter"),
        Case("\u{1B}[13u", .key(.enter, consumed: 5), "CSI-u plain Enter"),
        Case("\u{1B}[27;5;13~", .key(.enter, consumed: 10), "Ctrl-Enter is Enter"),
        Case("\u{1B}[27;5;110~", .key(.control(14), consumed: 11), "Ctrl-n in modifyOtherKeys form is Ctrl-N"),
        Case("\u{1B}[110;5u", .key(.control(14), consumed: 8), "Ctrl-n in CSI-u form is Ctrl-N"),
        Case("\u{1B}[27;2;9~", .key(.tab, consumed: 9), "Shift-Tab as modified Tab"),
        Case("\u{1B}[27;3;98~", .key(.meta("b"), consumed: 10), "Alt-b stays readline's backward-word"),
        Case("\u{1B}[27;2;65~", .key(.character("A"), consumed: 10), "Shift-A is A"),
        Case("\u{1B}[27;2;13~x", .key(.shiftEnter, consumed: 10), "what follows is left alone"),
        Case("\u{1B}", .incomplete, "Esc alone waits for more"),
        Case("\u{1B}[27;2", .incomplete, "a sequence cut short waits"),
        Case("\u{1B}b", .notASequence, "Esc b is Alt-b for readline"),
        Case("\u{1B}[A", .notASequence, "an arrow is not ours"),
        Case("\u{1B}[1;2;3;4~", .notASequence, "wrong parameter count"),
        Case("\u{1B}[27;2;999999999999~", .notASequence, "an absurd number"),
        Case("\u{1B}[u", .notASequence, "no code"),
        Case("\u{1B}[" + String(repeating: "1", count: 40), .notASequence, "too long"),
        Case("x", .notASequence, "not an escape"),
        Case("\u{1B}[27;2;1114112~", .key(.other, consumed: 15), "past Unicode"),
    ]

    @Test(arguments: cases)
    func decodes(_ c: Case) {
        #expect(KeySequence.decode(Self.codes(c.text)) == c.expected)
    }

    @Test func shiftEnterRunsTheNextLessonCellOnAnEmptyLine() {
        #expect(KeyMap.actions(for: .shiftEnter, in: KeyMap.Context(lineEmpty: true, hasNextCell: true)) == [.runNextCell])
        #expect(KeyMap.actions(for: .shiftEnter, in: KeyMap.Context(lineEmpty: false, hasNextCell: true)) == [.edit([13])])
        #expect(KeyMap.actions(for: .shiftEnter, in: KeyMap.Context()) == [.edit([13])])
        #expect(KeyMap.actions(for: .meta("b"), in: KeyMap.Context()) == [.edit([27, 98])])
    }

    @Test func theModifyOtherKeysSequencesAreXterms() {
        #expect(Array(Terminal.modifyOtherKeysOn.utf8) == [27, 91, 62, 52, 59, 49, 109])
        #expect(Array(Terminal.modifyOtherKeysOff.utf8) == [27, 91, 62, 52, 109])
    }
}
