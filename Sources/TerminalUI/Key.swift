/// A key as the screen sees it, decoded from curses (`wget_wch`).
public enum Key: Sendable, Hashable {
    /// A printable character.
    case character(Character)
    /// Ctrl plus a letter or symbol: the byte 1...31 (not Tab, Enter or Esc).
    case control(UInt8)
    case enter, tab, escape, backspace, delete
    /// Shift-Enter, where the terminal sends it apart from Enter (``KeySequence``).
    case shiftEnter
    /// Alt (Meta) plus a character, sent by the terminal as a ``KeySequence``.
    case meta(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    /// Alt-Up / Alt-Down (a selected cell moves); elsewhere they are Up and Down.
    case altUp, altDown
    /// Ctrl-Left / Ctrl-Right (or Alt-Left / Alt-Right): one word back or on.
    case wordLeft, wordRight
    /// F1 ... F12.
    case function(Int)
    case wheelUp, wheelDown
    case resize
    /// A key the screen does not use.
    case other

    /// Ctrl plus `letter` (`Key.ctrl("n")`).
    public static func ctrl(_ letter: Character) -> Key {
        .control((letter.asciiValue ?? 64) & 0x1F)
    }

    /// The key for a character code read as a character (not a function key).
    public static func fromCharacter(_ code: UInt32) -> Key {
        switch code {
        case 13, 10: return .enter
        case 9: return .tab
        case 27: return .escape
        case 127, 8: return .backspace
        case 0..<32: return .control(UInt8(code))
        default:
            guard let scalar = Unicode.Scalar(code) else { return .other }
            return .character(Character(scalar))
        }
    }

    /// The bytes that make readline do what this key does in a terminal (arrows as `ESC [ A`, ...);
    /// empty for keys readline does not handle.
    public var readlineBytes: [UInt8] {
        switch self {
        case .character(let c): Array(String(c).utf8)
        case .control(let byte): [byte]
        case .enter, .shiftEnter: [13]
        case .meta(let c): [27] + Array(String(c).utf8)
        case .tab: [9]
        case .escape: [27]
        case .backspace: [127]
        case .delete: Array("\u{1B}[3~".utf8)
        case .up, .altUp: Array("\u{1B}[A".utf8)
        case .down, .altDown: Array("\u{1B}[B".utf8)
        case .right: Array("\u{1B}[C".utf8)
        case .left: Array("\u{1B}[D".utf8)
        case .home: Array("\u{1B}[H".utf8)
        case .end: Array("\u{1B}[F".utf8)
        case .wordLeft: [27, 98]
        case .wordRight: [27, 102]
        case .pageUp, .pageDown, .function, .wheelUp, .wheelDown, .resize, .other: []
        }
    }
}
