import Testing
@testable import Canvas

@Suite struct GridTests {
    @Test func putClipsAtRightEdge() {
        var g = Grid(width: 5, height: 1)
        let end = g.put("hello world", x: 0, y: 0)
        #expect(g.lines() == ["hello"])
        #expect(end == 5)
    }

    @Test func putClipsAtLeftEdge() {
        var g = Grid(width: 5, height: 1)
        g.put("hello", x: -2, y: 0)
        #expect(g.lines() == ["llo"])
    }

    @Test func putRespectsClipRect() {
        var g = Grid(width: 6, height: 2)
        g.put("abcdef", x: 1, y: 1, clip: Rect(x: 1, y: 1, width: 3, height: 1))
        g.put("zzz", x: 0, y: 0, clip: Rect(x: 0, y: 1, width: 6, height: 1))
        #expect(g.lines() == ["", " abc"])
    }

    @Test func putOutsideRowsIsIgnored() {
        var g = Grid(width: 3, height: 1)
        g.put("abc", x: 0, y: 1)
        g.put("abc", x: 0, y: -1)
        #expect(g.lines() == [""])
    }

    @Test func wideCharactersTakeTwoCells() {
        var g = Grid(width: 6, height: 1)
        let end = g.put("a漢b", x: 0, y: 0)
        #expect(end == 4)
        #expect(g.cells.map(\.symbol) == ["a", "漢", "", "b", " ", " "])
        #expect(g.lines() == ["a漢b"])
    }

    @Test func wideCharacterStraddlingRightEdgeBecomesBlank() {
        var g = Grid(width: 3, height: 1)
        g.put("ab漢", x: 0, y: 0)
        #expect(g.cells.map(\.symbol) == ["a", "b", " "])
    }

    @Test func wideCharacterCutByLeftEdgeLeavesBlank() {
        var g = Grid(width: 3, height: 1, fill: Cell("x"))
        g.put("漢ab", x: -1, y: 0)
        #expect(g.lines() == [" ab"])
    }

    @Test func overwritingHalfOfWideCharacterBreaksIt() {
        var g = Grid(width: 3, height: 1)
        g.put("漢", x: 0, y: 0)
        g[1, 0] = Cell("x")
        #expect(g.cells.map(\.symbol) == [" ", "x", " "])

        var h = Grid(width: 3, height: 1)
        h.put("漢", x: 1, y: 0)
        h.put("y", x: 1, y: 0)
        #expect(h.cells.map(\.symbol) == [" ", "y", " "])
    }

    @Test func controlCharactersAreSkipped() {
        var g = Grid(width: 5, height: 1)
        g.put("a\nb\tc", x: 0, y: 0)
        #expect(g.lines() == ["abc"])
    }

    @Test func subscriptOutOfBoundsReadsBlankAndIgnoresWrites() {
        var g = Grid(width: 2, height: 2)
        g[5, 5] = Cell("x")
        g[-1, 0] = Cell("x")
        #expect(g[5, 5] == .blank)
        #expect(g.lines() == ["", ""])
        g[1, 1] = Cell("q", foreground: .red)
        #expect(g[1, 1].symbol == "q")
        #expect(g[1, 1].foreground == .red)
    }

    @Test func fillAndSetStyle() {
        var g = Grid(width: 4, height: 3)
        g.fill(Rect(x: 1, y: 1, width: 5, height: 1), with: Cell("#"))
        #expect(g.lines() == ["", " ###", ""])
        g.setStyle(Style(background: .blue), in: Rect(x: 0, y: 1, width: 2, height: 1))
        #expect(g[1, 1].symbol == "#")
        #expect(g[1, 1].background == .blue)
        #expect(g[2, 1].background == nil)
    }

    @Test func linesCanKeepTrailingSpaces() {
        var g = Grid(width: 4, height: 1)
        g.put("ab", x: 0, y: 0)
        #expect(g.lines(trimTrailing: false) == ["ab  "])
        #expect(g.lines() == ["ab"])
        #expect(g.description == "ab")
    }

    @Test func alignedPutTruncatesWithEllipsis() {
        var g = Grid(width: 8, height: 3)
        g.put("right", in: Rect(x: 0, y: 0, width: 8, height: 1), alignment: .right)
        g.put("mid", in: Rect(x: 0, y: 1, width: 7, height: 1), alignment: .center)
        g.put("truncated", in: Rect(x: 0, y: 2, width: 5, height: 1))
        #expect(g.lines() == ["   right", "  mid", "trun…"])
    }

    @Test func widgetDrawsOnlyInsideSubArea() {
        /// Fills whatever area it is given.
        struct Filler: Widget {
            func draw(into grid: inout Grid, area: Rect) { grid.fill(area, with: Cell("#")) }
        }
        var g = Grid(width: 6, height: 3)
        g.draw(Filler(), in: Rect(x: 2, y: 1, width: 3, height: 1))
        #expect(g.lines() == ["", "  ###", ""])
        g.draw(Filler(), in: Rect(x: 4, y: 2, width: 10, height: 10))
        #expect(g.lines() == ["", "  ###", "    ##"])
    }

    @Test func blitCopiesAndClips() {
        var small = Grid(width: 2, height: 2)
        small.put("ab", x: 0, y: 0)
        small.put("cd", x: 0, y: 1)
        var g = Grid(width: 3, height: 2)
        g.blit(small, x: 2, y: 1)
        #expect(g.lines() == ["", "  a"])
    }
}

@Suite struct RectTests {
    @Test func splitsAndInsets() {
        let r = Rect(x: 1, y: 2, width: 10, height: 5)
        let (top, rest) = r.splitTop(2)
        #expect(top == Rect(x: 1, y: 2, width: 10, height: 2))
        #expect(rest == Rect(x: 1, y: 4, width: 10, height: 3))
        #expect(r.splitRight(3).right == Rect(x: 8, y: 2, width: 3, height: 5))
        #expect(r.splitBottom(9).bottom == r)
        #expect(r.inset(by: 1) == Rect(x: 2, y: 3, width: 8, height: 3))
        #expect(r.inset(by: 4).isEmpty)
        #expect(r.columns([4, 4, 4]).map(\.width) == [4, 4, 2])
        #expect(r.rows([1, 1]).map(\.y) == [2, 3])
    }

    @Test func intersection() {
        let a = Rect(x: 0, y: 0, width: 4, height: 4)
        #expect(a.intersection(Rect(x: 2, y: 3, width: 5, height: 5)) == Rect(x: 2, y: 3, width: 2, height: 1))
        #expect(a.intersection(Rect(x: 10, y: 10, width: 2, height: 2)).isEmpty)
        #expect(a.contains(x: 3, y: 3))
        #expect(!a.contains(x: 4, y: 0))
    }
}

@Suite struct TextWidthTests {
    @Test(arguments: [
        ("a", 1), ("漢", 2), ("😀", 2), ("e\u{301}", 1), ("\u{200D}", 0), ("한", 2), ("Ａ", 2), ("─", 1), ("⣿", 1),
    ])
    func characterWidth(_ text: String, _ expected: Int) {
        #expect(TextWidth.of(Character(text)) == expected)
    }

    @Test func stringWidthAndTruncation() {
        #expect(TextWidth.of("ab漢字") == 6)
        #expect(TextWidth.truncate("abcdef", to: 4) == "abc…")
        #expect(TextWidth.truncate("abc", to: 3) == "abc")
        #expect(TextWidth.truncate("漢字漢字", to: 4) == "漢…")
        #expect(TextWidth.truncate("abcdef", to: 2, ellipsis: "...") == "ab")
        #expect(TextWidth.truncate("abc", to: 0) == "")
        #expect(TextWidth.pad("ab", to: 5, alignment: .right) == "   ab")
        #expect(TextWidth.pad("ab", to: 5, alignment: .center) == " ab  ")
    }
}
