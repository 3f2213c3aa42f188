import Testing
@testable import Canvas

@Suite struct GridDiffTests {
    private func grid(_ lines: [String], width: Int) -> Grid {
        var g = Grid(width: width, height: lines.count)
        for (y, line) in lines.enumerated() { g.put(line, x: 0, y: y) }
        return g
    }

    @Test func identicalGridsHaveNoRuns() {
        let a = grid(["hello", "world"], width: 8)
        let diff = GridDiff(from: a, to: a)
        #expect(diff.isEmpty)
        #expect(diff.cellCount == 0)
    }

    @Test func noPreviousFrameRewritesEveryRow() {
        let next = grid(["ab", "cd"], width: 3)
        let diff = GridDiff(from: nil, to: next)
        #expect(diff.runs.map(\.y) == [0, 1])
        #expect(diff.runs.allSatisfy { $0.x == 0 && $0.cells.count == 3 })
    }

    @Test func resizedGridRewritesEveryRow() {
        let diff = GridDiff(from: grid(["ab"], width: 2), to: grid(["ab", "cd"], width: 4))
        #expect(diff.runs.count == 2)
        #expect(diff.cellCount == 8)
    }

    @Test func changedCellsFormRunsAndDistantOnesStayApart() {
        let a = grid(["aaaaaaaaaa"], width: 10)
        let b = grid(["aXaaaaaaYa"], width: 10)
        let diff = GridDiff(from: a, to: b)
        #expect(diff.runs == [GridDiff.Run(x: 1, y: 0, cells: [Cell("X")]), GridDiff.Run(x: 8, y: 0, cells: [Cell("Y")])])
    }

    @Test func smallGapsAreMerged() {
        let diff = GridDiff(from: grid(["aaaaaa"], width: 6), to: grid(["XaaYaa"], width: 6), mergeGap: 2)
        #expect(diff.runs.count == 1)
        #expect(diff.runs.first?.cells.map(\.symbol) == ["X", "a", "a", "Y"])
        #expect(GridDiff(from: grid(["aaaaaa"], width: 6), to: grid(["XaaYaa"], width: 6), mergeGap: 0).runs.count == 2)
    }

    @Test func styleChangeIsAChange() {
        let a = grid(["ab"], width: 2)
        var b = a
        b.setStyle(.bold, in: Rect(x: 1, y: 0, width: 1, height: 1))
        #expect(GridDiff(from: a, to: b).runs == [GridDiff.Run(x: 1, y: 0, cells: [Cell("b", attributes: .bold)])])
    }

    @Test func runStartsAtAWideCharacterNotItsRightHalf() {
        let a = grid(["a中b"], width: 5)
        var b = a
        b.put("文", x: 1, y: 0)
        let diff = GridDiff(from: a, to: b, mergeGap: 0)
        #expect(diff.runs.count == 1)
        #expect(diff.runs.first?.x == 1)
        #expect(diff.runs.first?.cells.count == 2)
    }

    @Test func narrowCharacterOverRightHalfIncludesTheLead() {
        let a = grid(["a中b"], width: 5)
        let b = grid(["a xb"], width: 5)
        let diff = GridDiff(from: a, to: b, mergeGap: 0)
        #expect(diff.runs.first?.x == 1)
        var applied = a
        diff.apply(to: &applied)
        #expect(applied == b)
    }

    @Test(arguments: [
        (["hello", "world"], ["help!", "word "]),
        (["中文ab", "xyz"], ["ab中文", "x中"]),
        (["abc", "def"], ["abc", "dXf"]),
    ])
    func applyingTheDiffGivesTheNextFrame(before: [String], after: [String]) {
        let a = grid(before, width: 7)
        let b = grid(after, width: 7)
        for gap in [0, 2, 5] {
            var applied = a
            GridDiff(from: a, to: b, mergeGap: gap).apply(to: &applied)
            #expect(applied == b)
        }
    }
}
