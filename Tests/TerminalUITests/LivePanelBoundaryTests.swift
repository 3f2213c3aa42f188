import Testing
import Canvas
@testable import NeuralNet
import Notebook
@testable import TerminalUI

/// The watched decision boundary in the live panel: beside the charts when wide, below when tall, in their
/// place when neither fits; a watched heat map goes first.
@Suite struct LivePanelBoundaryTests {
    /// Class 0 on the left half of the plane, class 1 on the right, one point of each, as `watch boundary` publishes it.
    static func watched() -> PlaneBlock {
        let n = 8
        let labels = (0..<(n * n)).map { $0 % n < n / 2 ? 0 : 1 }
        let panel = PlaneBlock.Panel(field: .classes(columns: n, rows: n, labels),
                                     points: [RegionPlot.Point(x: -0.5, y: 0, group: 0), RegionPlot.Point(x: 0.5, y: 0, group: 1)])
        return PlaneBlock(title: "epoch 3, batch 16/16: spiral: the class 'two' predicts over the plane, with the train points",
                          panels: [panel], extent: 1, classNames: ["0", "1"])
    }

    @Test(arguments: [(160, 40), (120, 40), (100, 30), (80, 24), (60, 12)])
    func theBoundaryIsDrawnWithItsTitleAndLegend(width: Int, height: Int) throws {
        var panel = LivePanel(snapshot: LivePanelAttentionTests.training(), eta: nil, logScale: false, options: .ascii)
        #expect(!panel.grid(width: width, height: height).lines().contains { $0.contains("epoch 3, batch 16/16") })
        panel.boundary = Self.watched()
        let lines = panel.grid(width: width, height: height).lines()
        let title = try #require(lines.firstIndex { $0.contains("epoch 3, batch 16/16") }, "\(lines)")
        // Without colour: blank for class 0, `.` for class 1, the points as o and x.
        let picture = lines[(title + 1)...].prefix { !$0.contains("o 0  x 1") }
        #expect(picture.contains { $0.contains("....") }, "\(lines)")
        #expect(picture.joined().contains("o") && picture.joined().contains("x"), "\(lines)")
        #expect(lines.contains { $0.contains("o 0  x 1") }, "\(lines)")
        #expect(lines.allSatisfy { $0.count <= width })
        // A watched heat map takes the place.
        panel.attention = LivePanelAttentionTests.watched()
        #expect(!panel.grid(width: width, height: height).lines().contains { $0.contains("'two' predicts") })
    }

    @Test func inColourThePictureIsHalfBlocksInTheRegionColours() {
        var panel = LivePanel(snapshot: LivePanelAttentionTests.training(), eta: nil, logScale: false, options: .unicode)
        panel.boundary = Self.watched()
        let grid = panel.grid(width: 120, height: 40)
        let blocks = grid.cells.filter { $0.symbol == "▀" }
        #expect(blocks.count > 100)
        #expect(Set(blocks.compactMap(\.foreground)) == [RegionPlot.regionColor(0), RegionPlot.regionColor(1)])
        #expect(grid.cells.filter { $0.symbol == "●" }.count == 4, "two points and the legend's two marks")
    }
}
