import Datasets
import TensorRuntime
import Testing

@Suite("Augmentation")
struct AugmentationTests {
    /// A 4x4 grey picture holding 0...15 row by row.
    static let square: [Float] = (0..<16).map(Float.init)

    static func transformed(_ image: [Float], side: Int = 4, channels: Int = 1, _ draw: Augmentation.Draw,
                            fill: Augmentation.Fill = .nearest) -> [Float] {
        var out = image
        out.withUnsafeMutableBufferPointer {
            Augmentation.transform($0, height: side, width: side, channels: channels, draw: draw, fill: fill)
        }
        return out
    }

    @Test("a horizontal flip moves pixel (0, 0) to (0, 3)")
    func flip() {
        var d = Augmentation.Draw()
        d.flipX = true
        let out = Self.transformed(Self.square, d)
        #expect(out[3] == 0 && out[0] == 3)
        #expect(out == [3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12])
    }

    @Test("rotating by 90 degrees equals a transpose then a vertical flip")
    func quarterTurn() {
        var d = Augmentation.Draw()
        d.angle = Double.pi / 2
        let out = Self.transformed(Self.square, d)
        var expected = [Float](repeating: 0, count: 16)
        for y in 0..<4 { for x in 0..<4 { expected[y * 4 + x] = Self.square[x * 4 + (3 - y)] } }
        #expect(out == expected)
    }

    @Test("zoom 1.0 (and every identity draw) leaves the picture unchanged; a zero range draws the identity")
    func identity() {
        var d = Augmentation.Draw()
        d.zoomX = 1
        d.zoomY = 1
        #expect(Self.transformed(Self.square, d) == Self.square)
        var a = Augmentation()
        a.fill = .reflect
        var g = SeededGenerator(seed: 5)
        var image = Self.square
        image.withUnsafeMutableBufferPointer { a.apply($0, height: 4, width: 4, channels: 1, generator: &g) }
        #expect(image == Self.square)
    }

    @Test("fill modes: a shift of one pixel right fills the left column by the mode",
          arguments: [(Augmentation.Fill.nearest, Float(0)), (.constant, 0), (.reflect, 0)])
    func fillModes(fill: Augmentation.Fill, firstColumnOfRowZero: Float) {
        var d = Augmentation.Draw()
        d.shiftX = -1
        let out = Self.transformed(Self.square, d, fill: fill)
        #expect(out[0] == firstColumnOfRowZero)
        #expect(Array(out[1..<4]) == [0, 1, 2])
        #expect(out[4] == (fill == .constant ? 0 : 4))
    }

    @Test("the same seed gives the same result; another seed another")
    func determinism() {
        var a = Augmentation()
        a.rotation = 20
        a.zoom = 0.2
        a.shear = 10
        a.horizontalFlip = true
        a.noise = 0.05
        let image: [Float] = (0..<(8 * 8 * 3)).map { Float($0 % 17) / 16 }
        func run(_ seed: UInt64) -> [Float] {
            var g = SeededGenerator(seed: seed)
            var out = image
            out.withUnsafeMutableBufferPointer { a.apply($0, height: 8, width: 8, channels: 3, generator: &g) }
            return out
        }
        #expect(run(1) == run(1))
        #expect(run(1) != run(2))
        #expect(run(1) != image)
    }
}
