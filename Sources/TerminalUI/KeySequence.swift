/// Escape sequences read whole, the way readline reads them, so that no part of an editing key is ever
/// taken for Esc (which stops training): CSI forms (`ESC [ H`, `ESC [ 1 ~`, `ESC [ 1 ; 5 D`), SS3 forms
/// (`ESC O H`, `ESC O A`), Alt plus a character (`ESC b`), xterm's modifyOtherKeys form
/// `ESC [ 27 ; MOD ; CODE ~` and the CSI-u form `ESC [ CODE ; MOD u` (kitty, foot, WezTerm, iTerm2).
/// Curses decodes only the forms terminfo names for `TERM`; this decodes every form, whatever `TERM`
/// says. A CSI sequence this does not know is swallowed whole as ``Key/other``. Pure.
public enum KeySequence {
    public enum Result: Sendable, Equatable {
        /// The codes start with a sequence for `key`, `consumed` codes long.
        case key(Key, consumed: Int)
        /// The codes could start such a sequence; more are needed.
        case incomplete
        /// Not one of these sequences: the codes are keys of their own (Esc, then the rest).
        case notASequence
    }

    /// Longest sequence looked at.
    public static let maximumLength = 24

    /// Decodes the character codes `codes`, which start with Esc (27).
    public static func decode(_ codes: [UInt32]) -> Result {
        guard codes.first == 27 else { return .notASequence }
        guard codes.count > 1 else { return .incomplete }
        switch codes[1] {
        case 0x5B: return csi(codes)
        case 0x4F: return ss3(codes)
        case 0x20..<0x7F, 0xA0...:
            // Alt plus a character (Alt-b: readline's backward-word).
            guard let scalar = Unicode.Scalar(codes[1]) else { return .notASequence }
            return .key(.meta(Character(scalar)), consumed: 2)
        default:
            return .notASequence
        }
    }

    /// What an incomplete sequence `codes` is when no more codes come in time: `ESC [` and `ESC O` are
    /// Alt-[ and Alt-O; a longer start of a sequence is swallowed (a key cut short is never Esc).
    public static func timedOut(_ codes: [UInt32]) -> Key {
        guard codes.count >= 2 else { return .escape }
        if codes.count == 2, let scalar = Unicode.Scalar(codes[1]) {
            return .meta(Character(scalar))
        }
        return .other
    }

    /// `ESC O X`: arrows, Home, End, F1-F4 and the keypad's Enter in application mode.
    private static func ss3(_ codes: [UInt32]) -> Result {
        guard codes.count > 2 else { return .incomplete }
        let key: Key
        switch codes[2] {
        case 0x41: key = .up
        case 0x42: key = .down
        case 0x43: key = .right
        case 0x44: key = .left
        case 0x48: key = .home
        case 0x46: key = .end
        case 0x4D: key = .enter
        case 0x50...0x53: key = .function(Int(codes[2]) - 0x50 + 1)
        case 0x40...0x7E: key = .other
        default: return .notASequence
        }
        return .key(key, consumed: 3)
    }

    /// `ESC [ parameters final`: parameter bytes 0x30-0x3F, intermediate bytes 0x20-0x2F, then one
    /// final byte 0x40-0x7E.
    private static func csi(_ codes: [UInt32]) -> Result {
        var parameters: [Int] = [0]
        var private_ = false
        var index = 2
        while index < codes.count, index < maximumLength {
            let code = codes[index]
            switch code {
            case 0x30...0x39:
                let digit = Int(code - 0x30)
                guard let last = parameters.last, last < 1_000_000 else { return .notASequence }
                parameters[parameters.count - 1] = last * 10 + digit
            case 0x3B:
                parameters.append(0)
            case 0x3A, 0x3C...0x3F, 0x20...0x2F:
                private_ = true
            case 0x40...0x7E:
                let key = private_ ? .other : final(code, parameters: parameters, hasDigits: index > 2)
                return .key(key, consumed: index + 1)
            default:
                return .notASequence
            }
            index += 1
        }
        return index >= maximumLength ? .notASequence : .incomplete
    }

    /// The key of a CSI sequence with final byte `code`.
    private static func final(_ code: UInt32, parameters: [Int], hasDigits: Bool) -> Key {
        let modifiers = parameters.count >= 2 ? parameters[1] : 1
        let bits = max(0, modifiers - 1)
        // Ctrl or Alt with Left/Right moves by words, as readline's Alt-b / Alt-f.
        let byWord = bits & 6 != 0
        // Alt (without Ctrl) with Up/Down moves a selected cell.
        let altOnly = bits & 2 != 0 && bits & 4 == 0
        switch code {
        case 0x41: return altOnly ? .altUp : .up
        case 0x42: return altOnly ? .altDown : .down
        case 0x43: return byWord ? .wordRight : .right
        case 0x44: return byWord ? .wordLeft : .left
        case 0x48: return .home
        case 0x46: return .end
        case 0x5A: return .other
        case 0x75 where parameters.count <= 2 && hasDigits:
            return modified(code: parameters[0], modifiers: modifiers)
        case 0x7E where parameters.count == 3 && parameters[0] == 27:
            return modified(code: parameters[2], modifiers: parameters[1])
        case 0x7E where parameters.count <= 2:
            return tilde(parameters[0])
        default:
            return .other
        }
    }

    /// `ESC [ N ~` keys (vt220 and rxvt numbering).
    private static func tilde(_ number: Int) -> Key {
        switch number {
        case 1, 7: .home
        case 4, 8: .end
        case 3: .delete
        case 5: .pageUp
        case 6: .pageDown
        case 11...15: .function(number - 10)
        case 17...21: .function(number - 11)
        case 23, 24: .function(number - 12)
        default: .other
        }
    }

    /// The key for character `code` pressed with xterm's modifier parameter (1 + shift 1, alt 2, ctrl 4).
    static func modified(code: Int, modifiers: Int) -> Key {
        let bits = max(0, modifiers - 1)
        let shift = bits & 1 != 0
        let alt = bits & 2 != 0
        let ctrl = bits & 4 != 0
        switch code {
        case 13: return shift && !alt && !ctrl ? .shiftEnter : .enter
        case 9: return .tab
        case 27: return .escape
        case 8, 127: return .backspace
        default: break
        }
        guard code > 32, code < 0x11_0000, let scalar = Unicode.Scalar(UInt32(code)) else {
            return code == 32 && !ctrl ? .character(" ") : .other
        }
        if ctrl, (0x40..<0x80).contains(code) {
            return .control(UInt8(code) & 0x1F)
        }
        if ctrl {
            return .other
        }
        return alt ? .meta(Character(scalar)) : .character(Character(scalar))
    }
}
