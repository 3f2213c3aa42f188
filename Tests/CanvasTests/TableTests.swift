import Testing
@testable import Canvas

@Suite struct TableTests {
    let small = Table(headers: ["name", "acc"], rows: [["mlp", "0.9"], ["cnn", "0.95"]])

    @Test func unicodeBoxWithNumericColumnRightAligned() {
        #expect(small.naturalSize == Size(width: 15, height: 6))
        #expect(render(small, width: 20, height: 6) == [
            "┌──────┬──────┐",
            "│ name │  acc │",
            "├──────┼──────┤",
            "│ mlp  │  0.9 │",
            "│ cnn  │ 0.95 │",
            "└──────┴──────┘",
        ])
    }

    @Test func asciiBox() {
        var table = small
        table.options = .ascii
        #expect(render(table, width: 15, height: 6) == [
            "+------+------+",
            "| name |  acc |",
            "+------+------+",
            "| mlp  |  0.9 |",
            "| cnn  | 0.95 |",
            "+------+------+",
        ])
    }

    @Test func withoutBorders() {
        var table = small
        table.borders = false
        #expect(table.naturalSize == Size(width: 11, height: 4))
        #expect(render(table, width: 11, height: 4) == [
            "name │  acc",
            "─────┼─────",
            "mlp  │  0.9",
            "cnn  │ 0.95",
        ])
    }

    @Test func titleIsCentredAboveTheTable() {
        var table = small
        table.title = "Runs"
        #expect(render(table, width: 30, height: 2) == ["     Runs", "┌──────┬──────┐"])
    }

    @Test func truncatesWidestColumnWithEllipsis() {
        let table = Table(headers: ["model", "acc"], rows: [["convnet-large", "0.9"]])
        #expect(table.columnWidths(maxWidth: 14) == [4, 3])
        #expect(render(table, width: 14, height: 5) == [
            "┌──────┬─────┐",
            "│ mod… │ acc │",
            "├──────┼─────┤",
            "│ con… │ 0.9 │",
            "└──────┴─────┘",
        ])
    }

    @Test func asciiTruncationUsesTilde() {
        let table = Table(headers: ["model"], rows: [["convnet"]], options: .ascii)
        #expect(render(table, width: 8, height: 4)[3] == "| con~ |")
    }

    @Test func explicitAlignmentsOverrideTheDefault() {
        let table = Table(headers: ["k", "value"], rows: [["a", "1"], ["bbb", "x"]],
                          alignments: [.right, .center], borders: false)
        #expect(table.resolvedAlignments == [.right, .center])
        #expect(render(table, width: 20, height: 4) == [
            "  k │ value",
            "────┼──────",
            "  a │   1",
            "bbb │   x",
        ])
    }

    @Test func raggedRowsArePadded() {
        let table = Table(headers: ["a"], rows: [["1", "2"], []], borders: false)
        #expect(table.columnCount == 2)
        #expect(render(table, width: 10, height: 4) == ["a │", "──┼──", "1 │ 2", "  │"])
    }

    @Test func rowsBeyondTheAreaAreClipped() {
        let lines = render(small, width: 15, height: 4)
        #expect(lines.last == "│ mlp  │  0.9 │")
        #expect(lines.count == 4)
    }

    @Test(arguments: [
        ("42", true), ("-0.35", true), ("1e-4", true), ("93.5%", true), ("1.2k", true), (" 7 ", true),
        ("abc", false), ("", false), ("%", false), ("v1", false),
    ])
    func numericDetection(_ text: String, _ numeric: Bool) {
        #expect(Table.looksNumeric(text) == numeric)
    }
}
