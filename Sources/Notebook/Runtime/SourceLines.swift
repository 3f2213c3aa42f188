/// Splits session text into lines the way editors do: LF, CRLF and a lone CR each end a line, so a
/// file written on any system runs every command and numbers its lines as an editor shows them.
///
/// Swift treats "\r\n" as one `Character`, so splitting a `String` on "\n" misses CRLF endings; this
/// works on Unicode scalars instead.
public enum SourceLines {
    /// The lines of `text` without their terminators. A final terminator does not start an empty line.
    public static func split(_ text: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = scalar == "\r"
            if scalar == "\n" || scalar == "\r" {
                lines.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty {
            lines.append(String(current))
        }
        return lines
    }
}

/// Cuts a byte stream into lines as they arrive (standard input of `gradbook run -`): each complete
/// line is returned as soon as its terminator is read, so a pipe or a person typing gets every
/// answer before the next line is needed. LF, CRLF and a lone CR end a line; bytes that are not
/// UTF-8 become U+FFFD.
public struct LineSplitter {
    private var pending: [UInt8] = []
    private var skipLF = false

    public init() {}

    /// Adds bytes just read; returns the lines they complete.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [String] {
        var lines: [String] = []
        for byte in bytes {
            if skipLF {
                skipLF = false
                if byte == 0x0A {
                    continue
                }
            }
            if byte == 0x0A || byte == 0x0D {
                lines.append(String(decoding: pending, as: UTF8.self))
                pending.removeAll(keepingCapacity: true)
                skipLF = byte == 0x0D
            } else {
                pending.append(byte)
            }
        }
        return lines
    }

    /// The last line when the stream ended without a terminator.
    public mutating func finish() -> String? {
        guard !pending.isEmpty else { return nil }
        defer { pending.removeAll() }
        return String(decoding: pending, as: UTF8.self)
    }
}
