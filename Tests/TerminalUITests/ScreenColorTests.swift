import Foundation
import Testing
import Canvas
@testable import NeuralNet
@testable import TerminalUI

/// Issue 16 item 7: under TERM=xterm (8 colours) the axes and raw loss dots were drawn in black. Every
/// foreground a widget draws on the default background must read on a dark and on a light one, in
/// every palette.
@Suite struct ScreenColorTests {
    static let palettes: [ColorMode] = [.ansi8, .ansi16, .palette256, .direct]

    /// The foregrounds (on the default background) of the widgets the notebook draws in colour: a chart
    /// with every default series colour, the live panel's charts, progress line and title, a table.
    static var widgetForegrounds: Set<CanvasColor> {
        var colors = Set<CanvasColor>()
        func collect(_ grid: Grid) {
            for y in 0..<grid.height {
                for x in 0..<grid.width where grid[x, y].background == nil {
                    if let color = grid[x, y].foreground { colors.insert(color) }
                }
            }
        }
        let series = LineChart.defaultColors.indices.map { i in
            ChartSeries(name: "s\(i)", values: (0..<20).map { Double(($0 * (i + 3)) % 7) })
        }
        var chart = Grid(width: 60, height: 16)
        chart.draw(LineChart(series: series, options: .unicode), in: chart.area)
        collect(chart)
        var table = Grid(width: 40, height: 6)
        table.draw(Table(headers: ["a", "b"], rows: [["1", "2"]], options: .unicode), in: table.area)
        collect(table)
        let monitor = TrainingMonitor()
        monitor.publish(.running(true))
        for batch in 1...30 {
            monitor.publish(.batchEnd(BatchReport(epoch: 1, batch: batch, batches: 30, loss: 2.0 / Double(batch), runningLoss: 1,
                                                  runningMetrics: ["accuracy": 0.5], samplesPerSecond: 100)))
        }
        for logScale in [false, true] {
            collect(LivePanel(snapshot: monitor.snapshot, eta: 5, logScale: logScale, options: .unicode).grid(width: 100, height: 20))
        }
        return colors
    }

    /// WCAG relative luminance of an sRGB colour.
    static func luminance(_ rgb: (r: UInt8, g: UInt8, b: UInt8)) -> Double {
        func linear(_ v: UInt8) -> Double {
            let c = Double(v) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(rgb.r) + 0.7152 * linear(rgb.g) + 0.0722 * linear(rgb.b)
    }

    /// Whether curses colour `number` of `mode` reads on black and on white. ANSI 0-15 are the theme's own
    /// colours: black and white (0, 7, 15) are what dark and light themes use as background; the rest are
    /// judged by their xterm RGB, needing a contrast of 1.5 against both black and white.
    static func readsOnDarkAndLight(_ number: Int32, mode: ColorMode) -> Bool {
        if number == -1 { return true }
        let ansiLimit: Int32 = mode == .direct ? 8 : 16
        if number < ansiLimit { return ![0, 7, 15].contains(number) && (mode != .ansi8 || number < 8) }
        let rgb = mode == .direct
            ? (r: UInt8(number >> 16 & 0xFF), g: UInt8(number >> 8 & 0xFF), b: UInt8(number & 0xFF))
            : CanvasColor.indexed(UInt8(number)).rgbComponents
        let l = luminance(rgb)
        return (l + 0.05) / 0.05 >= 1.5 && 1.05 / (l + 0.05) >= 1.5
    }

    @Test(arguments: palettes)
    func everyWidgetForegroundReadsOnDarkAndLight(mode: ColorMode) {
        let colors = Self.widgetForegrounds
        #expect(colors.contains(.brightBlack), "the axes and the raw batch losses ask for bright black")
        #expect(colors.isSuperset(of: LineChart.defaultColors))
        for color in colors.sorted(by: { "\($0)" < "\($1)" }) {
            let number = mode.visibleForeground(color)
            #expect(Self.readsOnDarkAndLight(number, mode: mode), "\(color) becomes colour \(number) in \(mode)")
        }
    }

    @Test(arguments: palettes)
    func anyNamedColourOnTheDefaultBackgroundReads(mode: ColorMode) {
        for color in CanvasColor.named {
            let number = mode.visibleForeground(color)
            #expect(Self.readsOnDarkAndLight(number, mode: mode), "\(color) becomes colour \(number) in \(mode)")
        }
    }

    @Test func greysStayGreyWhereThePaletteHasOne() {
        #expect(ColorMode.ansi8.visibleForeground(.brightBlack) == -1, "8 colours: bright black is black, so the default colour")
        #expect(ColorMode.ansi8.visibleForeground(.white) == -1)
        #expect(ColorMode.ansi16.visibleForeground(.brightBlack) == 8)
        #expect(ColorMode.palette256.visibleForeground(.brightBlack) == 8)
        #expect(ColorMode.direct.visibleForeground(.brightBlack) == 0x7C7C7C)
        #expect(ColorMode.ansi8.visibleForeground(.cyan) == 6)
        #expect(ColorMode.ansi8.cursesColor(.black) == 0, "a background keeps its colour")
        #expect(ColorMode.direct.visibleForeground(.brightYellow) == 3, "too light for white: the theme's yellow")
        // Pictures and heat maps are data: a dark heat colour stays dark.
        for mode in Self.palettes {
            #expect(mode.visibleForeground(.rgb(68, 1, 84)) == mode.cursesColor(.rgb(68, 1, 84)))
            #expect(mode.visibleForeground(.indexed(16)) == mode.cursesColor(.indexed(16)))
        }
    }
}
