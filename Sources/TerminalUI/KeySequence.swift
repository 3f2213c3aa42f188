/// Escape sequences that curses passes through as plain characters because terminfo has no key for
/// them: xterm's modifyOtherKeys form `ESC [ 27 ; MOD ; CODE ~` and the CSI-u form
/// `ESC [ CODE ; MOD u` (kitty, foot, WezTerm, iTerm2). Shift-Enter arrives this way. Pure.
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
        guard codes[1] == 0x5B else { return .notASequence }
        var parameters: [Int] = [0]
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
            case 0x7E where parameters.count == 3 && parameters[0] == 27:
                return .key(modified(code: parameters[2], modifiers: parameters[1]), consumed: index + 1)
            case 0x75 where parameters.count <= 2 && index > 2:
                return .key(modified(code: parameters[0], modifiers: parameters.count == 2 ? parameters[1] : 1), consumed: index + 1)
            default:
                return .notASequence
            }
            index += 1
        }
        return index >= maximumLength ? .notASequence : .incomplete
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
