import Testing
import TensorRuntime

// Element counts and window geometry never trap on huge dimensions.

@Suite("Shape overflow")
struct ShapeOverflowTests {
    @Test("Shape.count saturates; checkedCount throws naming the op and the shape")
    func counts() {
        #expect(Shape.count([3_037_000_500, 3_037_000_500]) == Int.max)
        #expect(Shape.count([Int.max, 0, Int.max]) == 0)
        #expect(Shape.count([]) == 1)
        #expect(Shape.count([2, 3, 4]) == 24)
        expectTensorError(.badShape(op: "reshape", shape: [3_037_000_500, 3_037_000_500], expected: "at most \(Int.max) values in all"),
                          mentions: ["(3037000500, 3037000500)"]) {
            _ = try Shape.checkedCount([3_037_000_500, 3_037_000_500], op: "reshape")
        }
        #expect(Shape.saturatingProduct(Int.max, 2) == Int.max)
        #expect(Shape.saturatingSum(Int.max, 1) == Int.max)
    }

    @Test("Same padding with a stride beyond the input: one output pixel, no overflow")
    func hugeStride() throws {
        let g = try ConvGeometry(input: [1, 28, 28, 1], kernel: (3, 3), stride: Int.max, padding: .same, op: "conv2d")
        #expect(g.oh == 1 && g.ow == 1 && g.padTop == 0 && g.padLeft == 0)
        let big = try ConvGeometry(input: [1, 5, 5, 1], kernel: (Int.max, Int.max), stride: 1, padding: .same, op: "conv2d")
        #expect(big.oh == 5 && big.padTop == (Int.max - 1) / 2)
        let same = try ConvGeometry(input: [1, 7, 6, 1], kernel: (3, 3), stride: 2, padding: .same, op: "conv2d")
        #expect(same.oh == 4 && same.ow == 3 && same.padTop == 1 && same.padLeft == 0)
    }

    @Test("TensorError is a ReportableError: the message is the whole text, no hint")
    func reportable() {
        let e = TensorError.shapeMismatch(op: "add", lhs: [2], rhs: [3])
        let r: any ReportableError = e
        #expect(r.message == "add: shapes (2) and (3) do not fit")
        #expect(r.hint == nil)
        #expect(e.description == r.message)
    }
}
