import Canvas
import Notebook
import Testing

private let esc = "\u{1B}"

private let modelTable = OutputBlock.table(TableBlock(
    title: "Model", headers: ["layer", "shape", "params"],
    rows: [["conv2d", "26x26x32", "320"], ["dense", "10", "54090"]],
    footer: ["total params: 54,410"]))

private let lossChart = OutputBlock.chart(ChartBlock(title: "Loss", xLabel: "epoch", series: [
    .init(name: "train", values: [2.3, 1.2, 0.8, 0.6, 0.5]),
    .init(name: "val", values: [2.2, 1.3, 0.9, 0.75, 0.8]),
]))

private func square(_ size: Int, value: Float, caption: String) -> ImageGridBlock.Image {
    ImageGridBlock.Image(pixels: Array(repeating: value, count: size * size), width: size, height: size,
                         channels: 1, caption: caption)
}

private func lines(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}

@Suite struct RenderTableTests {
    @Test func asciiTableMatchesGolden() {
        let text = BlockRenderer(options: .ascii).render(modelTable, width: 40)
        #expect(lines(text) == [
            "Model",
            "+--------+----------+--------+",
            "| layer  | shape    | params |",
            "+--------+----------+--------+",
            "| conv2d | 26x26x32 |    320 |",
            "| dense  | 10       |  54090 |",
            "+--------+----------+--------+",
            "total params: 54,410",
        ])
    }

    @Test func unicodeTableMatchesGolden() {
        let text = BlockRenderer(options: .unicodeMonochrome).render(modelTable, width: 40)
        #expect(lines(text) == [
            "Model",
            "┌────────┬──────────┬────────┐",
            "│ layer  │ shape    │ params │",
            "├────────┼──────────┼────────┤",
            "│ conv2d │ 26x26x32 │    320 │",
            "│ dense  │ 10       │  54090 │",
            "└────────┴──────────┴────────┘",
            "total params: 54,410",
        ])
    }

    @Test func gridIsExactlyTheRequestedWidth() {
        let grid = BlockRenderer(options: .ascii).grid(for: modelTable, width: 40)
        #expect(grid.width == 40)
        #expect(grid.height == 8)
    }

    @Test func narrowTableShrinksColumnsWithASCIIEllipsis() {
        let text = BlockRenderer(options: .ascii).render(modelTable, width: 20)
        for line in lines(text) { #expect(TextWidth.of(line) <= 20, "\(line)") }
        #expect(text.contains("~"))
        #expect(text.unicodeScalars.allSatisfy { $0.value < 128 })
    }
}

@Suite struct RenderTextTests {
    @Test func wrapsAtWidthKeepingNewlinesAndIndentation() {
        let block = OutputBlock.text(
            "The quick brown fox jumps over the lazy dog\n  indented text that wraps around\n\nsupercalifragilisticexpialidocious")
        let text = BlockRenderer(options: .ascii).render(block, width: 20)
        #expect(lines(text) == [
            "The quick brown fox",
            "jumps over the lazy",
            "dog",
            "  indented text that",
            "  wraps around",
            "",
            "supercalifragilistic",
            "expialidocious",
        ])
    }

    @Test func shortTextIsUnchangedAndOneTrailingNewlineIsDropped() {
        let text = BlockRenderer(options: .ascii).render(.text("accuracy 0.981\n"), width: 80)
        #expect(text == "accuracy 0.981")
    }

    @Test func epochLinesWrapBetweenFieldsNeverInsideOne() {
        // Issue 16 item 12: `val_loss 0.3798 val_acc` / `0.9844 ...` split a field.
        let line = "epoch 12 (3.4s): loss 0.4123 acc 0.8512 seq_acc 0.7012 | val_loss 0.3798 val_acc 0.9844 val_seq_acc 0.6100"
        for width in 20...100 {
            let lines = BlockRenderer(options: .ascii).render(.text(line), width: width).split(separator: "\n").map(String.init)
            #expect(lines.joined(separator: " ") == line, "width \(width): nothing lost")
            for l in lines {
                #expect(l.count <= width)
                let first = l.split(separator: " ").first.map(String.init) ?? ""
                #expect(Double(first) == nil, "width \(width): `\(l)` starts with a value cut from its name")
            }
        }
        #expect(TextWrap.lines(of: "kept 12 of 141 batches", width: 10) == ["kept 12 of", "141", "batches"], "counts are not glued")
    }

    @Test func longTitlesWrapInsteadOfEndingInAnEllipsis() {
        // Issue 16 item 30: `flip=horizonta…`, `first 4: true > predicted, p…`, `rows are queries, columns…`.
        let title = "training picture #0 and 3 augmented variants: rotate=15 width_shift=0.1 height_shift=0.1 shear=0.2 zoom=0.2 flip=horizontal fill=nearest"
        let picture = ImageGridBlock.Image(pixels: Array(repeating: 0.5, count: 16), width: 4, height: 4, channels: 1, caption: "a")
        let blocks: [OutputBlock] = [
            .images(ImageGridBlock(title: title, images: [picture])),
            .table(TableBlock(title: title, headers: ["a"], rows: [["1"]])),
            .heatmap(HeatmapBlock(title: title, values: [[0, 1], [1, 0]])),
            .chart(ChartBlock(title: title, xLabel: "epoch", series: [.init(name: "loss", values: [1, 0.5, 0.25])])),
        ]
        for block in blocks {
            let text = BlockRenderer(options: .ascii).render(block, width: 80)
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
            #expect(words.contains("flip=horizontal") && words.contains("fill=nearest"), "\(text.prefix(300))")
            #expect(!text.contains("~") && !text.contains("..."), "\(text.prefix(300))")
        }
    }

    @Test func summaryAbbreviatesRatherThanCutsLongLayerNames() throws {
        // Issue 16 item 30: `global_average_pooling1…` in summary at 80 columns.
        let interpreter = Interpreter()
        runLines(interpreter, ["load shapes count=20 classes=3 size=16", "model", "conv2d 4 3 relu", "reshape 196x4",
                               "globalaveragepooling1d", "layernorm", "dense 3 softmax"])
        let block = try #require(try interpreter.execute(line: "summary").first)
        let text = BlockRenderer(options: .ascii).render(block, width: 78)
        #expect(text.contains("global_average_pooling1d_1") && text.contains("GlobalAvgPool1D") && text.contains("LayerNorm"), "\(text)")
        #expect(!text.contains("~"), "\(text)")
        // A model whose table fits keeps Keras's full form.
        let small = Interpreter()
        runLines(small, ["load shapes count=20 classes=3 size=16", "model", "flatten", "dense 3 softmax"])
        let full = BlockRenderer(options: .ascii).render(try #require(try small.execute(line: "summary").first), width: 78)
        #expect(full.contains("(None, 3)") && full.contains("Output Shape"))
    }

    @Test func tabsAreExpanded() {
        #expect(TextWrap.lines(of: "a\tb", width: 80) == ["a   b"])
    }

    @Test func errorIsRedWithColourAndPlainWithout() {
        let block = OutputBlock.text("shape mismatch: expected 784, got 10", style: .error)
        let ansi = BlockRenderer(options: .unicode).render(block, width: 80)
        #expect(ansi == "\(esc)[31mshape mismatch: expected 784, got 10\(esc)[0m")
        let plain = BlockRenderer(options: .unicodeMonochrome).render(block, width: 80)
        #expect(plain == "shape mismatch: expected 784, got 10")
        #expect(!plain.contains(esc))
    }

    @Test(arguments: [
        (OutputBlock.TextStyle.warning, "\u{1B}[33m"),
        (.success, "\u{1B}[32m"),
        (.note, "\u{1B}[2m"),
    ])
    func stylesMapToSGR(style: OutputBlock.TextStyle, sgr: String) {
        let text = BlockRenderer(options: .unicode).render(.text("hello", style: style), width: 80)
        #expect(text == sgr + "hello" + "\(esc)[0m")
    }

    @Test func normalTextHasNoEscapesEvenWithColour() {
        let text = BlockRenderer(options: .unicode).render(.text("plain words"), width: 80)
        #expect(text == "plain words")
    }
}

@Suite struct RenderChartTests {
    @Test func unicodeChartHasTitleLegendAxisLabelsAndBraille() {
        let renderer = BlockRenderer(options: .unicodeMonochrome)
        let grid = renderer.grid(for: lossChart, width: 60)
        let text = renderer.render(lossChart, width: 60)
        let rows = lines(text)
        #expect(rows.first == "Loss")
        #expect(text.contains("train"))
        #expect(text.contains("val"))
        #expect(text.contains("2.3"))
        #expect(rows.last?.contains("epoch") == true)
        #expect(text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
        // Title, the chart itself, the x label.
        #expect(grid.height == 1 + BlockRenderer.chartHeight + 1)
    }

    @Test func asciiChartIsPureASCII() {
        let text = BlockRenderer(options: .ascii).render(lossChart, width: 60)
        #expect(text.contains("Loss"))
        #expect(text.contains("train"))
        #expect(text.contains("val"))
        #expect(text.contains("*"))
        #expect(text.unicodeScalars.allSatisfy { $0.value < 128 })
    }

    @Test func chartWithoutFiniteDataSaysSo() {
        let block = OutputBlock.chart(ChartBlock(title: "Loss", xLabel: "epoch",
                                                 series: [.init(name: "train", values: [.nan])]))
        #expect(BlockRenderer(options: .ascii).render(block, width: 40) == "Loss\n(no data)")
    }
}

@Suite struct RenderImageTests {
    @Test func twoSmallImagesShareARowWithCaptions() {
        let block = OutputBlock.images(ImageGridBlock(title: "Samples", images: [
            square(4, value: 1, caption: "7"), square(4, value: 0, caption: "2"),
        ]))
        let renderer = BlockRenderer(options: .ascii)
        let grid = renderer.grid(for: block, width: 40)
        // Title + 2 rows of half-height pixels + caption row.
        #expect(grid.height == 4)
        let rows = grid.lines()
        #expect(rows[0] == "Samples")
        #expect(rows[1] == "@@@@")
        #expect(rows[2] == "@@@@")
        #expect(rows[3] == " 7    2")
    }

    @Test func mnistSizedImagesAre28By14HalfBlocksTiledAcrossTheWidth() {
        let block = OutputBlock.images(ImageGridBlock(title: nil, images: [
            square(28, value: 1, caption: "a"), square(28, value: 1, caption: "b"),
        ]))
        let grid = BlockRenderer(options: .unicode).grid(for: block, width: 80)
        #expect(grid.height == 15)
        for y in 0..<14 {
            let halfBlocks = (0..<grid.width).filter { grid[$0, y].symbol == "▀" }
            #expect(halfBlocks == Array(0..<28) + Array(29..<57), "row \(y)")
        }
        let captions = grid.lines()[14]
        #expect(captions.contains("a") && captions.contains("b"))
    }

    @Test func malformedImageDoesNotTrap() {
        let bad = ImageGridBlock.Image(pixels: [0.5], width: 4, height: 4, channels: 2, caption: "bad")
        let grid = BlockRenderer(options: .ascii).grid(for: .images(ImageGridBlock(title: nil, images: [bad])), width: 20)
        // A blank 4x4 placeholder (2 rows) and its caption.
        #expect(grid.lines() == ["", "", "bad"])
    }
}

@Suite struct RenderHeatmapTests {
    private let confusion = OutputBlock.heatmap(HeatmapBlock(
        title: "Confusion", values: [[50, 2], [7, 41]], rowLabels: ["cat", "dog"], columnLabels: ["cat", "dog"],
        showValues: true))

    @Test func showValuesPrintsTheNumbersInPlainText() {
        let text = BlockRenderer(options: .ascii).render(confusion, width: 80)
        #expect(lines(text) == [
            "Confusion",
            "     cat  dog",
            "cat   50    2",
            "dog    7   41",
        ])
    }

    @Test func longClassNamesNumberTheColumnsInsteadOfBeingCut() {
        // Issue 16 item 30: `T-shirt…` / `Ankle b…` in confusion headers at 80 columns.
        let names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
        let values = (0..<10).map { r in (0..<10).map { c in Double(r == c ? 950 : (r + c) % 7) } }
        let block = OutputBlock.heatmap(HeatmapBlock(title: "confusion", values: values, rowLabels: names, columnLabels: names, showValues: true))
        let text = BlockRenderer(options: .ascii).render(block, width: 80)
        #expect(!text.contains("~"), "\(text)")
        #expect(lines(text)[1].split(separator: " ") == (0..<10).map { Substring(String($0)) }, "\(text)")
        #expect(text.contains("columns: 0 T-shirt/top, 1 Trouser,") && text.contains("9 Ankle boot"), "\(text)")
        #expect(lines(BlockRenderer(options: .ascii).render(confusion, width: 80))[1] == "     cat  dog", "short names stay")
    }

    @Test func showValuesColoursEachCellBackgroundWithTheRamp() {
        let grid = BlockRenderer(options: .unicode).grid(for: confusion, width: 80)
        // Row "cat": "50" is the maximum (top of viridis), "2" the minimum (bottom).
        #expect(grid[5, 2].background == ColorRamp.viridis.color(at: 1))
        #expect(grid[11, 2].background == ColorRamp.viridis.color(at: 0))
        #expect(grid[6, 2].symbol == "5")
        #expect(grid[12, 2].symbol == "2")
        #expect(grid[0, 2].background == nil)
    }

    @Test func withoutValuesDrawsTheCanvasHeatmapWithLabelsAndScale() {
        let block = OutputBlock.heatmap(HeatmapBlock(title: "W", values: [[0, 1], [2, 3]],
                                                      rowLabels: ["r0", "r1"], columnLabels: ["a", "b"]))
        let text = BlockRenderer(options: .ascii).render(block, width: 40)
        // Ramp characters (no numbers), two columns per element, and a min-max scale line.
        #expect(lines(text) == [
            "W",
            "   a b",
            "r0   --",
            "r1 **@@",
            "0  .:-=+*#%@ 3",
        ])
    }
}

@Suite struct RenderProgressTests {
    @Test func progressIsOneLineWithLabelPercentAndSuffix() {
        let block = OutputBlock.progress(ProgressBlock(fraction: 0.5, label: "epoch 1/4", suffix: "loss 0.41"))
        let text = BlockRenderer(options: .ascii).render(block, width: 60)
        #expect(!text.contains("\n"))
        #expect(text.hasPrefix("epoch 1/4 ["))
        #expect(text.hasSuffix(" 50% loss 0.41"))
    }

    @Test(arguments: [10, 20, 33, 80])
    func everyBlockFitsTheWidth(width: Int) {
        let blocks: [OutputBlock] = [
            modelTable, lossChart,
            .text("a fairly long sentence that certainly needs wrapping somewhere", style: .note),
            .images(ImageGridBlock(title: "imgs", images: [square(28, value: 0.5, caption: "label"),
                                                           square(28, value: 1, caption: "another")])),
            .heatmap(HeatmapBlock(title: "h", values: [[1, 2, 3], [4, 5, 6]], showValues: true)),
            .heatmap(HeatmapBlock(title: "h", values: (0..<40).map { r in (0..<90).map { Double($0 * r) } })),
            .progress(ProgressBlock(fraction: 0.3, label: "epoch", suffix: "loss 1.0")),
        ]
        for options in [RenderOptions.ascii, .unicodeMonochrome] {
            let renderer = BlockRenderer(options: options)
            for block in blocks {
                for line in lines(renderer.render(block, width: width)) {
                    #expect(TextWidth.of(line) <= width, "\(line)")
                }
            }
        }
    }
}

@Suite struct RenderWidthTests {
    @Test func countedProgressIsAKerasLine() {
        let block = OutputBlock.progress(ProgressBlock(label: "epoch 2/10", done: 143, total: 1875, eta: 12,
                                                       metrics: [.init("loss", 0.41234), .init("acc", 0.85)], rate: 1234))
        let renderer = BlockRenderer(options: .ascii)
        #expect(renderer.render(block, width: 80)
            == "epoch 2/10   143/1875 [........] ETA 0:12  loss 0.4123  acc 0.8500   1,234 img/s")
        #expect(renderer.render(block, width: 50) == "epoch 2/10   143/1875 [>................] ETA 0:12")
        if case let .progress(p) = block { #expect(abs(p.fraction - 143.0 / 1875) < 1e-12) }
    }

    @Test func tableBlockAlignmentsOverrideTheNumericDefault() {
        let block = OutputBlock.table(TableBlock(headers: ["name", "n"], rows: [["a", "1,234"], ["bb", "5"]],
                                                 alignments: [.right, .left]))
        #expect(lines(BlockRenderer(options: .ascii).render(block, width: 40)) == [
            "+------+-------+",
            "| name | n     |",
            "+------+-------+",
            "|    a | 1,234 |",
            "|   bb | 5     |",
            "+------+-------+",
        ])
        let auto = OutputBlock.table(TableBlock(headers: ["Param #"], rows: [["80"], ["12,832"]]))
        #expect(lines(BlockRenderer(options: .ascii).render(auto, width: 40))[3] == "|      80 |")
    }

    private let fashion = OutputBlock.heatmap(HeatmapBlock(
        title: nil, values: [[855, 1, 2], [3, 975, 4], [5, 6, 900]],
        rowLabels: ["T-shirt/top", "Ankle boot", "Bag"], columnLabels: ["T-shirt/top", "Ankle boot", "Bag"],
        showValues: true))

    @Test func confusionClassNamesAreWholeWhenTheyFit() {
        #expect(lines(BlockRenderer(options: .ascii).render(fashion, width: 200)) == [
            "             T-shirt/top  Ankle boot  Bag",
            "T-shirt/top          855           1    2",
            " Ankle boot            3         975    4",
            "        Bag            5           6  900",
        ])
    }

    @Test func confusionClassNamesTooWideAreNumberedAndNamedBelow() {
        // Issue 16 item 30: numbered columns and a legend instead of `T-shir~ Ankle b~`.
        let text = BlockRenderer(options: .ascii).render(fashion, width: 30)
        #expect(lines(text) == [
            "               0    1    2",
            "T-shirt/top  855    1    2",
            " Ankle boot    3  975    4",
            "        Bag    5    6  900",
            "columns: 0 T-shirt/top, 1",
            "Ankle boot, 2 Bag",
        ])
    }

    @Test func logChartSaysSoAndSkipsNonPositiveData() {
        let block = OutputBlock.chart(ChartBlock(title: "Loss", xLabel: "epoch",
                                                 series: [.init(name: "train", values: [1, 0.1, 0.01])], logScale: true))
        let rows = lines(BlockRenderer(options: .ascii).render(block, width: 40))
        #expect(rows.last?.contains("epoch (log scale)") == true)
        #expect(rows[1].hasPrefix("   1+*"), "\(rows)")
        // Each decade takes the same height: 1, 0.1 and 0.01 lie on a straight line.
        #expect(rows[5].hasPrefix(" 0.1+               *"), "\(rows)")
        #expect(rows[9].hasPrefix("0.01+"), "\(rows)")
        let none = OutputBlock.chart(ChartBlock(title: "Loss", xLabel: "epoch",
                                                series: [.init(name: "train", values: [0, -1])], logScale: true))
        #expect(BlockRenderer(options: .ascii).render(none, width: 40) == "Loss\n(no positive data for a log scale)")
    }

    @Test func manySeriesWrapTheLegendAndGrowTheChart() {
        let names = ["plain", "dropout", "l2", "batchnorm", "augmented", "wider"]
        let block = OutputBlock.chart(ChartBlock(title: "", xLabel: "", series: names.enumerated().map { i, name in
            .init(name: name, values: [Double(i), Double(i + 1)])
        }))
        let renderer = BlockRenderer(options: .ascii)
        #expect(renderer.grid(for: block, width: 80).height == BlockRenderer.chartHeight)
        let narrow = renderer.grid(for: block, width: 30)
        #expect(narrow.height > BlockRenderer.chartHeight)
        let text = narrow.lines().joined(separator: "\n")
        for (i, name) in names.enumerated() {
            #expect(text.contains("\(LineChart.asciiMarkers[i]) \(name)"))
        }
    }
}
