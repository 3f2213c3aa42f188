// The attention heat map: labels on both axes, the strongest cell, the colour scale, in truecolor,
// 256 colours, 16 colours and monochrome.

import Testing
@testable import Canvas

/// A 3-token reversal pattern: query q looks at key 2 - q.
private let reversal = AttentionPanel(caption: "head 0",
                                      weights: [[0.1, 0.1, 0.8], [0.2, 0.6, 0.2], [0.9, 0.05, 0.05]],
                                      queryLabels: ["3", "7", "1"], keyLabels: ["3", "7", "1"])

private func ansi(_ widget: AttentionGrid, depth: ColorDepth, width: Int = 30) -> [String] {
    var grid = Grid(width: width, height: widget.height(width: width))
    grid.draw(widget)
    return TextRenderer(mode: .ansi, colorDepth: depth).renderLines(grid)
}

@Suite struct AttentionGridTests {
    @Test func monochromeDrawsLabelsRampCharactersStrongestCellAndScale() {
        let widget = AttentionGrid(panels: [reversal], options: .ascii)
        #expect(render(widget, width: 30, height: widget.height(width: 30)) == [
            "head 0",
            "  3 7 1",
            "3 ....##",
            "7 ::++::",
            "1 %%",
            "max q2->k0 0.90",
            "scale 0  .:-=+*#%@ 1",
        ])
    }

    @Test func truecolorCellsAreBlocksInTheRampColour() {
        let widget = AttentionGrid(panels: [reversal], options: .unicode, colorDepth: .truecolor)
        let g = grid(widget, width: 30, height: widget.height(width: 30))
        #expect(g.lines()[2] == "3 ██████")
        #expect(g[6, 2].foreground == ColorRamp.viridis.color(at: 0.8))
        #expect(g[2, 4].foreground == ColorRamp.viridis.color(at: 0.9))
        #expect(g.lines()[5] == "max q2→k0 0.90")
        let lines = ansi(widget, depth: .truecolor)
        #expect(lines[2].contains("38;2;"), "truecolor escapes")
        #expect(lines[6].hasPrefix(TextRenderer.escape) || lines[6].contains("scale 0 "))
    }

    @Test func colours256UseThePalette() {
        let widget = AttentionGrid(panels: [reversal], options: .unicode, colorDepth: .palette256)
        let lines = ansi(widget, depth: .palette256)
        #expect(lines[2].contains("38;5;"), "256-colour escapes")
        #expect(!lines[2].contains("38;2;"))
        #expect(lines[2].contains("█"))
    }

    @Test func sixteenColoursDrawCharactersSoLevelsStayApart() {
        let widget = AttentionGrid(panels: [reversal], options: .unicode, colorDepth: .ansi16)
        let g = grid(widget, width: 30, height: widget.height(width: 30))
        #expect(g.lines()[2] == "3 ....##", "the ramp character tells levels apart where colours merge")
        #expect(g.lines()[6] == "scale 0  .:-=+*#%@ 1")
        let lines = ansi(widget, depth: .ansi16)
        #expect(!lines[2].contains("38;5;") && !lines[2].contains("38;2;"), "only the 16 named colours")
    }

    @Test func headsSitSideBySideAndWrapToTheWidth() {
        var second = reversal
        second.caption = "head 1"
        let widget = AttentionGrid(panels: [reversal, second, reversal], options: .ascii)
        #expect(widget.panelWidth == 15, "wide enough for `max q2->k0 0.90`")
        #expect(widget.columns(width: 51) == 3)
        #expect(widget.columns(width: 40) == 2)
        let lines = render(widget, width: 40, height: widget.height(width: 40))
        #expect(lines[0] == "head 0           head 1")
        #expect(lines[7] == "head 0")
        #expect(lines.last == "scale 0  .:-=+*#%@ 1")
    }

    @Test func compactPanelsPackTwoQueriesPerRowWithoutLabels() {
        let widget = AttentionGrid(panels: [reversal], compact: true, options: .unicode)
        let lines = render(widget, width: 20, height: widget.height(width: 20))
        #expect(lines == ["head 0", "▀▀▀", "▀▀▀", "max q2→k0 0.90", "scale 0 ██████████ 1"])
    }

    @Test func strongestCellIsTheFirstLargestFiniteWeight() {
        let panel = AttentionPanel(caption: "", weights: [[.nan, 0.5], [0.5, 0.2]])
        #expect(panel.strongest?.query == 0)
        #expect(panel.strongest?.key == 1)
        #expect(AttentionPanel(caption: "", weights: []).strongestDescription(arrow: "->") == "empty")
    }
}
