import Testing
import Canvas
@testable import TerminalUI

@Suite struct ColorModeTests {
    @Test func detectionFollowsColorsAndNoColor() {
        #expect(ColorMode.detect(noColor: true, hasColors: true, colors: 256) == .none)
        #expect(ColorMode.detect(noColor: false, hasColors: false, colors: 256) == .none)
        #expect(ColorMode.detect(noColor: false, hasColors: true, colors: 1 << 24) == .direct)
        #expect(ColorMode.detect(noColor: false, hasColors: true, colors: 256) == .palette256)
        #expect(ColorMode.detect(noColor: false, hasColors: true, colors: 16) == .ansi16)
        #expect(ColorMode.detect(noColor: false, hasColors: true, colors: 8) == .ansi8)
        #expect(ColorMode.detect(noColor: false, hasColors: true, colors: 2) == .none)
    }

    @Test func colorsMapToCursesNumbers() {
        #expect(ColorMode.palette256.cursesColor(nil) == -1)
        #expect(ColorMode.palette256.cursesColor(.red) == 1)
        #expect(ColorMode.palette256.cursesColor(.rgb(255, 0, 0)) == 196)
        #expect(ColorMode.ansi8.cursesColor(.brightRed) == 1)
        #expect(ColorMode.ansi16.cursesColor(.indexed(196)) == 9)
        #expect(ColorMode.direct.cursesColor(.green) == 2)
        #expect(ColorMode.direct.cursesColor(.rgb(255, 128, 1)) == 0xFC << 16 | 0x80 << 8)
        #expect(ColorMode.none.cursesColor(.red) == -1)
    }

    @Test func pairsAreReusedAndStartOverWhenFull() {
        var table = ColorPairTable(capacity: 2)
        let a = ColorPairTable.Key(foreground: 1, background: -1)
        let b = ColorPairTable.Key(foreground: 2, background: -1)
        let c = ColorPairTable.Key(foreground: 3, background: 4)
        #expect(table.pair(for: ColorPairTable.Key(foreground: -1, background: -1)) == (0, false, false))
        #expect(table.pair(for: a) == (1, true, false))
        #expect(table.pair(for: b) == (2, true, false))
        #expect(table.pair(for: a) == (1, false, false))
        #expect(table.pair(for: c) == (1, true, true))
        #expect(table.resets == 1)
        #expect(table.count == 1)
    }
}
