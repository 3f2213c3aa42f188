import Canvas

/// The input line as drawn: prompt and text scrolled sideways so the cursor stays visible. Pure.
public struct InputLine: Sendable, Equatable {
    /// The prompt readline shows (`> `, or `(reverse-i-search)'...': ` during Ctrl-R).
    public var prompt: String
    /// The line's text.
    public var text: String
    /// The cursor as a byte offset into `text`'s UTF-8 (readline's `rl_point`).
    public var cursorByte: Int
    /// What a line break in the text (a note's lines being edited) is drawn as.
    public var newline = "⏎"

    public init(prompt: String, text: String, cursorByte: Int) {
        self.prompt = prompt
        self.text = text
        self.cursorByte = cursorByte
    }

    /// The line drawn `width` columns wide, and the cursor's column.
    public func grid(width: Int, promptStyle: Style) -> (grid: Grid, cursor: Int) {
        var grid = Grid(width: max(1, width), height: 1)
        let promptWidth = TextWidth.of(prompt)
        let utf8 = Array(text.utf8)
        let point = min(max(0, cursorByte), utf8.count)
        let beforeCursor = shown(String(decoding: utf8[..<point], as: UTF8.self))
        let cursorColumn = promptWidth + TextWidth.of(beforeCursor)
        // Scroll by whole screens of text when the cursor would leave the right edge.
        let room = max(1, width - 1)
        let shift = cursorColumn >= room ? cursorColumn - room + 1 : 0
        let x = grid.put(prompt, x: -shift, y: 0, style: promptStyle)
        grid.put(shown(text), x: x, y: 0)
        return (grid, cursorColumn - shift)
    }

    /// `text` with each line break (LF, or the CR that Ctrl-V Enter inserts) drawn as `newline`.
    private func shown(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" {
                result += newline
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
