// Widget screens compared line by line with expected text (ratatui style), at a few
// widths, with colour, without colour and in ASCII: the multi-model chart, the progress
// line, the table and the image grid. Fixtures are in ScreenFixtures.swift.

import Testing
@testable import Canvas

/// The trimmed lines of `widget` drawn into `width` × `height`, trailing empty lines dropped.
private func screen(_ widget: some Widget, width: Int, height: Int) -> [String] {
    var lines = render(widget, width: width, height: height)
    while lines.last?.isEmpty == true { lines.removeLast() }
    return lines
}

@Suite struct MultiModelChartScreenTests {
    @Test func colourAt40Columns() {
        let chart = ScreenFixtures.models(options: .unicode)
        #expect(screen(chart, width: 40, height: 12) == [
            "1.6┤⠑⢄",
            "   │⠢⡀⠑⢄",
            "   │⢄⠈⠢⡀⠑⢄⡀",
            "  1┤ ⠑⢄⠈⠢⣀⠈⠑⠤⣀",
            "   │   ⠑⢄ ⠉⠒⠢⢄⣉⠒⠤⢄⡀",
            "   │     ⠑⠢⢄⡀  ⠉⠒⠢⢌⣉⡑⠒⠒⠢⠤⠤⠤⣀⣀⣀⣀",
            "   │        ⠈⠑⠒⠤⣀⡀  ⠈⠉⠉⠑⠒⠒⠒⠤⠤⠤⠤⣉⣉⡑⠒⠒⠒⠒⠒⠒",
            "   │             ⠈⠑⠒⠢⠤⠤⢄⣀⣀       ⠈⠉⠉⠉⠒⠒⠒",
            "0.2┤                      ⠉⠉⠑⠒⠒⠒⠤⠤⠤⠤⠤⣀⣀⣀",
            "   └─────┬─────────┬─────────┬──────────",
            "    1    2         4         6         8",
            "    ⠒⠒⠒ plain  ⠒⠒⠒ dropout  ⠒⠒⠒ l2",
        ])
    }

    @Test func colourAt80Columns() {
        let chart = ScreenFixtures.models(options: .unicode)
        #expect(screen(chart, width: 80, height: 12) == [
            "1.6┤⠉⠒⠤⣀",
            "   │⠒⠤⣀ ⠉⠒⠢⢄⡀",
            "   │⠤⣀ ⠉⠒⠤⢄⡀⠈⠑⠢⠤⣀⣀",
            "  1┤  ⠉⠒⠤⣀⡀⠈⠑⠢⢄⣀⡀ ⠉⠑⠒⠢⠤⣀⣀",
            "   │      ⠈⠑⠢⢄⡀ ⠈⠉⠉⠒⠒⠒⠤⠤⢄⣉⣉⠒⠒⠒⠤⠤⢄⣀⣀⡀",
            "   │          ⠈⠉⠑⠒⠢⠤⢄⣀⡀    ⠉⠉⠉⠒⠒⠢⠤⠤⢌⣉⣉⣉⡑⠒⠒⠒⠒⠢⠤⠤⠤⠤⠤⠤⠤⢄⣀⣀⣀⣀⣀⣀⣀⣀",
            "   │                  ⠈⠉⠑⠒⠒⠤⠤⠤⣀⣀⡀      ⠈⠉⠉⠉⠉⠑⠒⠒⠒⠒⠒⠒⠒⠢⠤⠤⠤⠤⠤⠤⠤⠤⣉⣉⣉⣉⣉⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒",
            "   │                            ⠈⠉⠉⠑⠒⠒⠒⠢⠤⠤⠤⠤⢄⣀⣀⣀⣀⣀                ⠉⠉⠉⠉⠉⠉⠉⠉⠒⠒⠒⠒⠒⠒",
            "0.2┤                                              ⠉⠉⠉⠉⠉⠑⠒⠒⠒⠒⠒⠒⠒⠢⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⣀⣀⣀⣀⣀⣀",
            "   └───────────┬─────────┬──────────┬──────────┬──────────┬─────────┬───────────",
            "    1          2         3          4          5          6         7          8",
            "    ⠒⠒⠒ plain  ⠒⠒⠒ dropout  ⠒⠒⠒ l2",
        ])
    }

    @Test func colourAt120Columns() {
        let chart = ScreenFixtures.models(options: .unicode)
        #expect(screen(chart, width: 120, height: 12) == [
            "1.6┤⠉⠒⠢⠤⢄⣀",
            "   │⠒⠤⢄⣀⡀ ⠉⠑⠒⠢⠤⣀⡀",
            "   │⠤⣀⡀ ⠈⠉⠒⠢⠤⢄⣀ ⠈⠉⠑⠒⠤⠤⣀⣀⣀",
            "  1┤  ⠈⠉⠑⠒⠤⢄⣀⡀ ⠉⠑⠒⠢⠤⣀⣀⣀  ⠉⠉⠑⠒⠒⠢⠤⠤⣀⣀⣀",
            "   │         ⠈⠉⠒⠢⠤⢄⣀   ⠉⠉⠉⠉⠒⠒⠒⠒⠤⠤⠤⠤⣀⣉⣉⣉⡑⠒⠒⠒⠢⠤⠤⠤⢄⣀⣀⣀⡀",
            "   │                ⠉⠉⠑⠒⠒⠢⠤⠤⠤⣀⣀⣀⡀      ⠈⠉⠉⠉⠑⠒⠒⠒⠢⠤⠤⠤⢌⣉⣉⣉⣉⣉⣉⠒⠒⠒⠒⠒⠒⠒⠒⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⢄⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀",
            "   │                            ⠈⠉⠉⠑⠒⠒⠒⠢⠤⠤⠤⢄⣀⣀⣀⡀          ⠉⠉⠉⠉⠉⠉⠉⠉⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠢⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⣉⣉⣉⣉⣉⣉⣉⣉⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒",
            "   │                                           ⠈⠉⠉⠉⠑⠒⠒⠒⠒⠒⠒⠤⠤⠤⠤⠤⠤⠤⠤⣀⣀⣀⣀⣀⣀⣀⣀⡀                        ⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠑⠒⠒⠒⠒⠒⠒⠒⠒",
            "0.2┤                                                                      ⠈⠉⠉⠉⠉⠉⠉⠉⠑⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⢄⣀⣀⣀⣀⣀⣀⣀⣀",
            "   └────────────────┬────────────────┬───────────────┬────────────────┬───────────────┬────────────────┬────────────────",
            "    1               2                3               4                5               6                7               8",
            "    ⠒⠒⠒ plain  ⠒⠒⠒ dropout  ⠒⠒⠒ l2",
        ])
    }

    @Test func colourLegendGivesEachModelItsColour() {
        let g = grid(ScreenFixtures.models(options: .unicode), width: 80, height: 12)
        // "    ⠒⠒⠒ plain  ⠒⠒⠒ dropout  ⠒⠒⠒ l2": the samples start at columns 4, 15 and 28.
        #expect(g[4, 11].foreground == .cyan)
        #expect(g[15, 11].foreground == .yellow)
        #expect(g[28, 11].foreground == .magenta)
        #expect(g[10, 11].foreground == nil)
    }

    @Test func monochromeAt40ColumnsDashesEachModel() {
        let chart = ScreenFixtures.models(options: .unicodeMonochrome)
        #expect(screen(chart, width: 40, height: 12) == [
            "1.6┤+",
            "   │o⡀⠑",
            "   │* ⠂⡀⠑+⡀",
            "  1┤ ⠑⢄ ⠂o⠈ ⠤",
            "   │   ⠑⢄ ⠁⠂⠂⠄o+⠤ ⡀",
            "   │     *⠢⢄⡀  ⠁⠂⠂⠌o+ ⠒ + ⠤ ⣀+⣀",
            "   │        ⠈⠑*⠤⣀⡀   ⠁⠁⠁o⠂⠂⠄⠄o⠄⡀⡉⡀+ ⠒ ⠒+",
            "   │             ⠈⠑*⠢⠤⠤⢄*⣀        o⠁⠁⠂⠂o",
            "0.2┤                      ⠉⠉⠑*⠒⠒⠤⠤*⠤⠤⣀⣀*",
            "   └─────┬─────────┬─────────┬──────────",
            "    1    2         4         6         8",
            "    ⠒*⠒ plain  ⠂o⠂ dropout  ⠒+⠒ l2",
        ])
    }

    @Test func monochromeAt80ColumnsDashesEachModel() {
        let chart = ScreenFixtures.models(options: .unicodeMonochrome)
        #expect(screen(chart, width: 80, height: 12) == [
            "1.6┤+ ⠤",
            "   │o⠄⡀ ⠉ ⠢ ⡀",
            "   │*⣀ ⠁⠂⠄⠄⡀⠈ ⠢+⣀",
            "  1┤  ⠉⠒⠤⣀⡀ ⠁⠂⠄o⡀ ⠉ ⠒ ⠤ ⣀",
            "   │      ⠈⠑⠢⢄⡀  ⠁⠁⠂⠂⠂⠄⠄⠄o+ ⠒ ⠤ ⢄ ⣀",
            "   │          ⠈*⠑⠒⠢⠤⢄⣀⡀    ⠁⠁⠁⠂⠂⠂⠄⠄⠄o+⡉⡀⠒ ⠒ ⠢ ⠤+⠤ ⠤ ⢄ ⣀ ⣀ + ⣀",
            "   │                  ⠈⠉⠑*⠒⠤⠤⠤⣀⣀⡀       ⠁⠁⠁⠁⠁⠂⠂o⠂⠂⠂⠂⠂⠄⠄⠄⠄⠄o⠄⠄⡀⡉⡀⡉⡀⠒ + ⠒ ⠒ ⠒ ⠒ ⠒+",
            "   │                            ⠈⠉⠉⠑*⠒⠒⠢⠤⠤⠤⠤⢄⣀⣀*⣀⣀                ⠁⠁o⠁⠁⠁⠁⠁⠂⠂⠂⠂⠂o",
            "0.2┤                                              ⠉⠉⠉⠉⠉⠑⠒⠒*⠒⠒⠒⠒⠢⠤⠤⠤⠤*⠤⠤⠤⠤⠤⣀⣀⣀⣀⣀*",
            "   └───────────┬─────────┬──────────┬──────────┬──────────┬─────────┬───────────",
            "    1          2         3          4          5          6         7          8",
            "    ⠒*⠒ plain  ⠂o⠂ dropout  ⠒+⠒ l2",
        ])
    }

    @Test func monochromeAt120ColumnsDashesEachModel() {
        let chart = ScreenFixtures.models(options: .unicodeMonochrome)
        #expect(screen(chart, width: 120, height: 12) == [
            "1.6┤+ ⠢ ⢄",
            "   │o⠄⠄⡀⡀ ⠉ ⠒ ⠤ ⡀",
            "   │*⣀⡀  ⠁⠂⠂⠄⠄⡀ ⠈ ⠑ + ⣀ ⣀",
            "  1┤  ⠈⠉⠑⠒⠤⢄⣀⡀ ⠁⠁⠂⠂⠄o⡀⡀   ⠉ ⠒ ⠢ ⠤ ⣀",
            "   │         ⠈⠉⠒⠢⠤⢄⣀   ⠁⠁⠁⠁⠂⠂⠂⠂⠄⠄⠄⠄⡀⡉o+⡀⠒ ⠒ ⠤ ⠤ ⣀ ⣀",
            "   │                *⠉⠑⠒⠒⠢⠤⠤⠤⣀⣀⣀⡀       ⠁⠁⠁⠁⠂⠂⠂⠂⠄⠄⠄⠄⡉o+⡀⡉⡀⠒ ⠒ ⠒ ⠒ ⠤ ⠤ + ⠤ ⠤ ⠤ ⢄ ⣀ ⣀ ⣀ + ⣀ ⣀",
            "   │                            ⠈⠉⠉⠑⠒*⠒⠢⠤⠤⠤⢄⣀⣀⣀⡀          ⠁⠁⠁⠁⠁⠁⠁⠁⠂⠂⠂⠂o⠂⠂⠂⠂⠂⠂⠂⠂⠄⠄⠄⠄⠄⠄⠄o⠄⠄⠄⠄⡀⡉⡀⡉⡀⡉⡀⡉ ⠒ ⠒+⠒ ⠒ ⠒ ⠒ ⠒ ⠒ ⠒ ⠒+",
            "   │                                           ⠈⠉⠉⠉⠑⠒*⠒⠒⠒⠒⠤⠤⠤⠤⠤⠤⠤⠤⣀⣀⣀⣀*⣀⣀⣀⡀                        ⠁⠁⠁⠁o⠁⠁⠁⠁⠁⠁⠁⠁⠂⠂⠂⠂⠂⠂⠂o",
            "0.2┤                                                                      ⠈⠉⠉⠉⠉⠉⠉⠉⠑⠒⠒⠒*⠒⠒⠒⠒⠒⠒⠒⠒⠤⠤⠤⠤⠤⠤⠤⠤*⠤⠤⠤⠤⠤⠤⠤⢄⣀⣀⣀⣀⣀⣀⣀*",
            "   └────────────────┬────────────────┬───────────────┬────────────────┬───────────────┬────────────────┬────────────────",
            "    1               2                3               4                5               6                7               8",
            "    ⠒*⠒ plain  ⠂o⠂ dropout  ⠒+⠒ l2",
        ])
    }

    @Test func monochromeHasNoColourAndDistinctLegendSymbols() {
        let chart = ScreenFixtures.models(options: .unicodeMonochrome)
        let g = grid(chart, width: 80, height: 12)
        #expect(g.cells.allSatisfy { $0.foreground == nil && $0.background == nil })
        let symbols = (0..<3).map { chart.legendSymbol(ofSeries: $0) }
        #expect(symbols == ["⠒*⠒", "⠂o⠂", "⠒+⠒"], "each sample carries its series' marker")
        #expect(Set(symbols).count == 3)
    }

    @Test func asciiAt40ColumnsMarksEachModel() {
        let chart = ScreenFixtures.models(options: .ascii)
        #expect(screen(chart, width: 40, height: 12) == [
            "1.6+++",
            "   |oo++",
            "   |* oo+++",
            "  1+ ** ooo++",
            "   |   **   o++++",
            "   |     ***     +++++++++++++++",
            "0.5+        *****     oooooooooo++++++++",
            "   |             ***************     ooo",
            "0.2+                            ********",
            "   +-----+---------+---------+----------",
            "    1    2         4         6         8",
            "    * plain  o dropout  + l2",
        ])
    }

    @Test func asciiAt80ColumnsMarksEachModel() {
        let chart = ScreenFixtures.models(options: .ascii)
        #expect(screen(chart, width: 80, height: 12) == [
            "1.6++++",
            "   |ooo++++++",
            "   |** oooooo+++++",
            "  1+  ****   ooooo+++++",
            "   |      ****      ooo++++++++",
            "   |          ******           ++++++++++++++++++++++++++++++++",
            "0.5+                ***********           ooooooooooooooooooooo+++++++++++++++++",
            "   |                           ********************************           oooooo",
            "0.2+                                                           *****************",
            "   +-----------+---------+----------+----------+----------+---------+-----------",
            "    1          2         3          4          5          6         7          8",
            "    * plain  o dropout  + l2",
        ])
    }

    @Test func logScaleLabelsRoundValuesOnTheirRows() {
        let chart = ScreenFixtures.models(options: .unicodeMonochrome, logScale: true)
        #expect(screen(chart, width: 60, height: 12) == [
            "1.6┤o+⠢ ⣀",
            "   │*⠤⣁⠁⠂⠄⡉⡀+ ⠤ ⣀",
            "  1┤   ⠉⠒⠢⢄⡀o⠁⠂⠂⠄⠄⠍⡀o+⠤ ⣀ ⣀",
            "   │       ⠈*⠒⠢⠤⣀⣀    ⠁⠁⠂⠂⠂⠄o+⡉⡀⡒⡀⠒+⠒ ⠤ ⠤ ⣀+⣀ ⣀",
            "   │              ⠉⠑*⠤⠤⣀⣀         ⠁o⠁⠁⠂⠂⠂⠂⠄o⠄⠄⡀⡀⡉⡀⠉+⠉ ⠉ ⠒ ⠒+",
            "0.5┤                     ⠉⠉⠒*⠤⢄⣀                  ⠁o⠁⠁⠁⠁⠂⠂⠂o",
            "   │                            ⠉⠑⠒*⠤⢄⣀⣀⣀⡀",
            "   │                                     ⠈⠉*⠉⠒⠒⠢⠤⠤⢄*⡀",
            "0.2┤                                                ⠈⠉⠑⠒⠢⠤⢄*",
            "   └────────┬───────┬───────┬──────┬───────┬───────┬────────",
            "    1       2       3       4      5       6       7       8",
            "    ⠒*⠒ plain  ⠂o⠂ dropout  ⠒+⠒ l2",
        ])
    }
}

@Suite struct ProgressLineScreenTests {
    @Test func unicodeAt40Columns() {
        #expect(screen(ScreenFixtures.progress(options: .unicode), width: 40, height: 1) == [
            "epoch 2/10   143/1875 │█▏              │",
        ])
    }

    @Test func asciiAt40Columns() {
        #expect(screen(ScreenFixtures.progress(options: .ascii), width: 40, height: 1) == [
            "epoch 2/10   143/1875 [>...............]",
        ])
    }

    @Test func unicodeAt80Columns() {
        #expect(screen(ScreenFixtures.progress(options: .unicode), width: 80, height: 1) == [
            "epoch 2/10   143/1875 │▌       │ ETA 0:12  loss 0.4123  acc 0.8512   1,234 img/s",
        ])
    }

    @Test func asciiAt80Columns() {
        #expect(screen(ScreenFixtures.progress(options: .ascii), width: 80, height: 1) == [
            "epoch 2/10   143/1875 [........] ETA 0:12  loss 0.4123  acc 0.8512   1,234 img/s",
        ])
    }

    @Test func unicodeAt120Columns() {
        #expect(screen(ScreenFixtures.progress(options: .unicode), width: 120, height: 1) == [
            "epoch 2/10   143/1875 │██▎                           │ ETA 0:12  loss 0.4123  acc 0.8512   1,234 img/s",
        ])
    }

    @Test func asciiAt120Columns() {
        #expect(screen(ScreenFixtures.progress(options: .ascii), width: 120, height: 1) == [
            "epoch 2/10   143/1875 [=>............................] ETA 0:12  loss 0.4123  acc 0.8512   1,234 img/s",
        ])
    }

    /// Narrower lines drop the rate, then the metrics from the last, then the ETA, then the bar and counter.
    @Test(arguments: [
        (60, "epoch 2/10   143/1875 [>.............] ETA 0:12  loss 0.4123"),
        (50, "epoch 2/10   143/1875 [>................] ETA 0:12"),
        (30, "epoch 2/10   143/1875"),
        (20, "epoch 2/10"),
        (6, "epoch~"),
    ])
    func fieldsDropFromTheRight(width: Int, expected: String) {
        #expect(screen(ScreenFixtures.progress(options: .ascii), width: width, height: 1) == [expected])
    }
}

@Suite struct TableScreenTests {
    @Test func longClassNamesWholeAndGroupedNumbersRightAligned() {
        let expected = [
        "┌─────────────┬────────┬─────────┐",
        "│ class       │ images │ correct │",
        "├─────────────┼────────┼─────────┤",
        "│ T-shirt/top │  1,000 │     855 │",
        "│ Ankle boot  │  1,000 │     975 │",
        "│ Bag         │ 12,345 │       9 │",
        "└─────────────┴────────┴─────────┘",
    ]
        for width in [40, 80, 120] {
            #expect(screen(ScreenFixtures.table(options: .unicode), width: width, height: 7) == expected)
        }
        #expect(ScreenFixtures.table(options: .unicode).resolvedAlignments == [.left, .right, .right])
    }

    @Test func asciiAt40Columns() {
        #expect(screen(ScreenFixtures.table(options: .ascii), width: 40, height: 7) == [
            "+-------------+--------+---------+",
            "| class       | images | correct |",
            "+-------------+--------+---------+",
            "| T-shirt/top |  1,000 |     855 |",
            "| Ankle boot  |  1,000 |     975 |",
            "| Bag         | 12,345 |       9 |",
            "+-------------+--------+---------+",
        ])
    }

    @Test func asciiAt26ColumnsCutsTheWidestColumnsFirst() {
        #expect(screen(ScreenFixtures.table(options: .ascii), width: 26, height: 7) == [
            "+--------+-------+-------+",
            "| class  | imag~ | corr~ |",
            "+--------+-------+-------+",
            "| T-shi~ | 1,000 |   855 |",
            "| Ankle~ | 1,000 |   975 |",
            "| Bag    | 12,3~ |     9 |",
            "+--------+-------+-------+",
        ])
    }

    @Test(arguments: ["1,234", "-12,345,678", "1,000.5", "12,345"])
    func groupedNumbersLookNumeric(_ text: String) {
        #expect(Table.looksNumeric(text))
    }

    @Test(arguments: ["1,23", "a,b", ",123", "12,3456", "T-shirt/top"])
    func otherCommasDoNot(_ text: String) {
        #expect(!Table.looksNumeric(text))
    }
}

@Suite struct ImageGridScreenTests {
    @Test func asciiAt12ColumnsWrapsTwoPerRow() {
        #expect(screen(ScreenFixtures.images(options: .ascii), width: 12, height: 12) == [
            "@++@ @++@",
            "@++@ @++@",
            "Ank~ Bag",
            "@++@ @++@",
            "@++@ @++@",
            "Coat Dre~",
            "@++@",
            "@++@",
            "Shi~",
        ])
    }

    @Test func asciiAt24And40ColumnsFitsOneRow() {
        let expected = [
        "@++@ @++@ @++@ @++@ @++@",
        "@++@ @++@ @++@ @++@ @++@",
        "Ank~ Bag  Coat Dre~ Shi~",
    ]
        #expect(screen(ScreenFixtures.images(options: .ascii), width: 24, height: 12) == expected)
        #expect(screen(ScreenFixtures.images(options: .ascii), width: 40, height: 12) == expected)
    }

    @Test func unicodeWithoutColourCutsCaptionsWithAnEllipsis() {
        #expect(screen(ScreenFixtures.images(options: .unicodeMonochrome), width: 24, height: 12) == [
            "@++@ @++@ @++@ @++@ @++@",
            "@++@ @++@ @++@ @++@ @++@",
            "Ank… Bag  Coat Dre… Shi…",
        ])
    }
}
