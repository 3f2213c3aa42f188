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
        Case("\u{1B}b", .key(.meta("b"), consumed: 2), "Esc b is Alt-b"),
        Case("\u{1B}[A", .key(.up, consumed: 3), "CSI Up"),
        Case("\u{1B}[1;3A", .key(.altUp, consumed: 6), "xterm Alt-Up moves a selected cell"),
        Case("\u{1B}[1;3B", .key(.altDown, consumed: 6), "xterm Alt-Down"),
        Case("\u{1B}[1;5A", .key(.up, consumed: 6), "Ctrl-Up is Up"),
        Case("\u{1B}[1;7B", .key(.down, consumed: 6), "Ctrl-Alt-Down is Down"),
        Case("\u{1B}[D", .key(.left, consumed: 3), "CSI Left"),
        Case("\u{1B}[H", .key(.home, consumed: 3), "CSI Home"),
        Case("\u{1B}[F", .key(.end, consumed: 3), "CSI End"),
        Case("\u{1B}[1~", .key(.home, consumed: 4), "vt220 Home"),
        Case("\u{1B}[4~", .key(.end, consumed: 4), "vt220 End"),
        Case("\u{1B}[7~", .key(.home, consumed: 4), "rxvt Home"),
        Case("\u{1B}[3~", .key(.delete, consumed: 4), "Delete"),
        Case("\u{1B}[15~", .key(.function(5), consumed: 5), "F5"),
        Case("\u{1B}OH", .key(.home, consumed: 3), "SS3 Home"),
        Case("\u{1B}OF", .key(.end, consumed: 3), "SS3 End"),
        Case("\u{1B}OD", .key(.left, consumed: 3), "SS3 Left"),
        Case("\u{1B}OP", .key(.function(1), consumed: 3), "SS3 F1"),
        Case("\u{1B}[1;5D", .key(.wordLeft, consumed: 6), "xterm Ctrl-Left"),
        Case("\u{1B}[1;3C", .key(.wordRight, consumed: 6), "xterm Alt-Right"),
        Case("\u{1B}[1;2H", .key(.home, consumed: 6), "Shift-Home is Home"),
        Case("\u{1B}[<0;3;4M", .key(.other, consumed: 9), "an SGR mouse report is swallowed whole"),
        Case("\u{1B}[200~", .key(.other, consumed: 6), "an unknown tilde key is swallowed whole"),
        Case("\u{1B}[1;5", .incomplete, "Ctrl-Left cut short waits"),
        Case("\u{1B}O", .incomplete, "SS3 cut short waits"),
        Case("\u{1B}\u{1B}", .notASequence, "Esc Esc is two Escs"),
        Case("\u{1B}[1;2;3;4~", .key(.other, consumed: 10), "wrong parameter count is swallowed"),
        Case("\u{1B}[27;2;999999999999~", .notASequence, "an absurd number"),
        Case("\u{1B}[u", .key(.other, consumed: 3), "no code is swallowed"),
        Case("\u{1B}[" + String(repeating: "1", count: 40), .notASequence, "too long"),
        Case("x", .notASequence, "not an escape"),
        Case("\u{1B}[27;2;1114112~", .key(.other, consumed: 15), "past Unicode"),
    ]

    @Test(arguments: cases)
    func decodes(_ c: Case) {
        #expect(KeySequence.decode(Self.codes(c.text)) == c.expected)
    }

    @Test func aSequenceCutShortIsNeverEsc() {
        #expect(KeySequence.timedOut([27]) == .escape)
        #expect(KeySequence.timedOut([27, 0x5B]) == .meta("["))
        #expect(KeySequence.timedOut([27, 0x4F]) == .meta("O"))
        #expect(KeySequence.timedOut([27, 0x5B, 0x31, 0x3B]) == .other)
    }

    @Test func terminfoExtendedKeysAreDecoded() {
        #expect(Terminal.extendedKey(named: "kLFT5") == .wordLeft)
        #expect(Terminal.extendedKey(named: "kRIT3") == .wordRight)
        #expect(Terminal.extendedKey(named: "kLFT2") == .left)
        #expect(Terminal.extendedKey(named: "kHOM5") == .home)
        #expect(Terminal.extendedKey(named: "kUP5") == .up)
        #expect(Terminal.extendedKey(named: "kUP3") == .altUp)
        #expect(Terminal.extendedKey(named: "kDN3") == .altDown)
        #expect(Key.altUp.readlineBytes == Key.up.readlineBytes, "on a line, Alt-Up is history's Up")
        #expect(Terminal.extendedKey(named: "kxIN") == .other)
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
