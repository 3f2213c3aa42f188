import Testing
@testable import Canvas

@Suite struct TextRendererTests {
    let esc = "\u{1B}"

    func oneCell(_ cell: Cell, depth: ColorDepth = .truecolor) -> String {
        var g = Grid(width: 1, height: 1)
        g[0, 0] = cell
        return TextRenderer(mode: .ansi, colorDepth: depth).render(g)
    }

    @Test(arguments: [
        (Cell("X", foreground: .red, attributes: .bold), "\u{1B}[1;31mX\u{1B}[0m"),
        (Cell("X", foreground: .brightBlue), "\u{1B}[94mX\u{1B}[0m"),
        (Cell("X", background: .brightBlue), "\u{1B}[104mX\u{1B}[0m"),
        (Cell("X", background: .green), "\u{1B}[42mX\u{1B}[0m"),
        (Cell("X", foreground: .indexed(208)), "\u{1B}[38;5;208mX\u{1B}[0m"),
        (Cell("X", background: .rgb(1, 2, 3)), "\u{1B}[48;2;1;2;3mX\u{1B}[0m"),
        (Cell("X", attributes: [.dim, .underline, .reverse]), "\u{1B}[2;4;7mX\u{1B}[0m"),
        (Cell("X"), "X"),
    ])
    func singleCellEscapes(_ cell: Cell, _ expected: String) {
        #expect(oneCell(cell) == expected)
    }

    @Test func colourDepthApproximation() {
        #expect(oneCell(Cell("X", foreground: .rgb(255, 0, 0)), depth: .palette256) == "\(esc)[38;5;196mX\(esc)[0m")
        #expect(oneCell(Cell("X", foreground: .rgb(255, 0, 0)), depth: .ansi16) == "\(esc)[91mX\(esc)[0m")
    }

    @Test func styleChangesWithinALine() {
        var g = Grid(width: 4, height: 1)
        g.put("A", x: 0, y: 0, style: Style(foreground: .red))
        g.put("B", x: 1, y: 0, style: Style(foreground: .green))
        g.put("C", x: 2, y: 0)
        #expect(TextRenderer(mode: .ansi).render(g) == "\(esc)[31mA\(esc)[0;32mB\(esc)[0mC")
    }

    @Test func resetAtEveryStyledLineEnd() {
        var g = Grid(width: 2, height: 2)
        g.fill(with: Cell("#", foreground: .cyan))
        #expect(TextRenderer(mode: .ansi).renderLines(g) == ["\(esc)[36m##\(esc)[0m", "\(esc)[36m##\(esc)[0m"])
    }

    @Test func trimmingKeepsColouredBlanks() {
        var g = Grid(width: 5, height: 1)
        g.put("a", x: 0, y: 0)
        g[2, 0] = Cell(" ", background: .blue)
        #expect(TextRenderer(mode: .ansi).render(g) == "a \(esc)[44m \(esc)[0m")
        #expect(TextRenderer(mode: .ansi, trimTrailing: false).render(g) == "a \(esc)[44m \(esc)[0m  ")
        #expect(TextRenderer(mode: .plain).render(g) == "a")
    }

    @Test func plainModeHasNoEscapesAndJoinsRows() {
        var g = Grid(width: 3, height: 2)
        g.put("ab", x: 0, y: 0, style: Style(foreground: .red, attributes: .bold))
        g.put("漢", x: 0, y: 1)
        let text = TextRenderer().render(g)
        #expect(text == "ab\n漢")
        #expect(!text.contains(esc))
        #expect(TextRenderer(trimTrailing: false).render(g) == "ab \n漢 ")
    }

    @Test func wideCharacterContinuationIsNotEmitted() {
        var g = Grid(width: 3, height: 1)
        g.put("漢x", x: 0, y: 0, style: Style(foreground: .red))
        #expect(TextRenderer(mode: .ansi).render(g) == "\(esc)[31m漢x\(esc)[0m")
    }
}
