import Testing
import Canvas
@testable import TerminalUI

@Suite struct ScreenLayoutTests {
    @Test func smallScreenStacksTheLivePanelAboveTheInput() throws {
        let layout = ScreenLayout(width: 80, height: 24, liveVisible: true)
        #expect(layout.status == Rect(x: 0, y: 23, width: 80, height: 1))
        #expect(layout.input == Rect(x: 0, y: 22, width: 80, height: 1))
        #expect(layout.message == Rect(x: 0, y: 21, width: 80, height: 1))
        let live = try #require(layout.live)
        #expect(!layout.sideBySide)
        #expect(live.maxY == layout.message.y)
        #expect(layout.notebook.maxY == live.y)
        #expect(layout.notebook.height >= 8)
        // The rule above the panel has a row of its own: the cells end above it.
        #expect(layout.cells == Rect(x: 0, y: 0, width: 80, height: layout.notebook.height - 1))
    }

    @Test(arguments: [(160, 48, true), (80, 24, false), (120, 40, false)])
    func cellsTakeTheWholePaneWithoutAStackedPanel(width: Int, height: Int, live: Bool) {
        let layout = ScreenLayout(width: width, height: height, liveVisible: live)
        #expect(layout.cells == layout.notebook)
    }

    @Test func mediumScreenStillStacks() {
        let layout = ScreenLayout(width: 120, height: 40, liveVisible: true)
        #expect(!layout.sideBySide)
        #expect(layout.live?.height == ScreenLayout.stackedLiveRows)
        #expect(layout.notebook.height + (layout.live?.height ?? 0) == 37)
    }

    @Test func largeScreenPutsNotebookAndPanelSideBySide() throws {
        let layout = ScreenLayout(width: 160, height: 48, liveVisible: true)
        let live = try #require(layout.live)
        #expect(layout.sideBySide)
        #expect(live.height == 45)
        #expect(layout.notebook.height == 45)
        #expect(layout.notebook.width + 1 + live.width == 160)
    }

    @Test(arguments: [(80, 24), (120, 40), (160, 48)])
    func hiddenPanelGivesTheNotebookEverything(width: Int, height: Int) {
        let layout = ScreenLayout(width: width, height: height, liveVisible: false)
        #expect(layout.live == nil)
        #expect(layout.notebook == Rect(x: 0, y: 0, width: width, height: height - 3))
    }

    @Test func tinyScreenDropsThePanelAndTheMessageLine() {
        let layout = ScreenLayout(width: 20, height: 4, liveVisible: true)
        #expect(layout.live == nil)
        #expect(layout.message.height == 0)
        #expect(layout.input.y == 2)
        #expect(layout.notebook.height == 2)
    }
}
