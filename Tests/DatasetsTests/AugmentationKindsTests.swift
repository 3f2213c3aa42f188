import Datasets
import TensorRuntime
import Testing

/// One test per augmentation not covered in AugmentationTests, each on a small known picture.
@Suite("Augmentation kinds")
struct AugmentationKindsTests {
    static let square = AugmentationTests.square

    @Test("a vertical flip moves row 0 to row 3")
    func verticalFlip() {
        var d = Augmentation.Draw()
        d.flipY = true
        #expect(AugmentationTests.transformed(Self.square, d) == [12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3])
    }

    @Test("a height shift of one pixel moves every row down by one (nearest fill repeats the edge)")
    func heightShift() {
        var d = Augmentation.Draw()
        d.shiftY = -1
        let out = AugmentationTests.transformed(Self.square, d)
        #expect(Array(out[4..<16]) == Array(Self.square[0..<12]))
        #expect(Array(out[0..<4]) == [0, 1, 2, 3])
    }

    @Test("shear moves a vertical line by a different amount in the top and bottom rows")
    func shear() {
        // An 8x8 picture with one bright column at x = 4.
        let side = 8
        let line: [Float] = (0..<(side * side)).map { $0 % side == 4 ? 1 : 0 }
        var d = Augmentation.Draw()
        d.shear = 0.4
        let out = AugmentationTests.transformed(line, side: side, d, fill: .constant)
        func column(ofRow y: Int) -> Int {
            let row = Array(out[(y * side)..<((y + 1) * side)])
            return row.indices.max { row[$0] < row[$1] } ?? -1
        }
        #expect(column(ofRow: 0) != column(ofRow: side - 1))
        #expect(out.reduce(0, +) > 0)
    }

    @Test("zooming in (zoom 0.5) narrows the range of a gradient and keeps its centre")
    func zoomIn() {
        let side = 8
        let gradient: [Float] = (0..<(side * side)).map { Float($0 % side) }
        var d = Augmentation.Draw()
        d.zoomX = 0.5
        d.zoomY = 0.5
        let out = AugmentationTests.transformed(gradient, side: side, d)
        let row = Array(out[(3 * side)..<(4 * side)])
        let spread = (row.max() ?? 0) - (row.min() ?? 0)
        #expect(spread < 7 * 0.75, "the row shows about half the gradient: \(row)")
        #expect(abs((row[3] + row[4]) / 2 - 3.5) < 0.5)
    }

    @Test("brightness multiplies every value by its factor")
    func brightness() {
        var d = Augmentation.Draw()
        d.brightness = 1.5
        #expect(AugmentationTests.transformed(Self.square, d) == Self.square.map { $0 * 1.5 })
    }

    @Test("contrast keeps each channel's mean and scales the deviations")
    func contrast() {
        var d = Augmentation.Draw()
        d.contrast = 0.5
        let out = AugmentationTests.transformed(Self.square, d)
        for (o, i) in zip(out, Self.square) {
            #expect(abs(o - ((i - 7.5) * 0.5 + 7.5)) < 1e-5)
        }
    }

    @Test("random crop zooms in by at most the crop fraction, and only when asked for")
    func crop() {
        var a = Augmentation()
        a.crop = 0.4
        var g = SeededGenerator(seed: 3)
        for _ in 0..<50 {
            let d = a.draw(height: 16, width: 16, using: &g)
            #expect(d.zoomX == d.zoomY)
            #expect(d.zoomX <= 1 && d.zoomX >= 0.6 - 1e-9)
        }
    }

    @Test("Gaussian noise has the asked standard deviation and a zero mean")
    func noise() {
        var a = Augmentation()
        a.noise = 0.1
        let count = 64 * 64
        var image = [Float](repeating: 0.5, count: count)
        var g = SeededGenerator(seed: 9)
        image.withUnsafeMutableBufferPointer { a.apply($0, height: 64, width: 64, channels: 1, generator: &g) }
        let deviations = image.map { Double($0) - 0.5 }
        let mean = deviations.reduce(0, +) / Double(count)
        let sd = (deviations.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(count)).squareRoot()
        #expect(abs(mean) < 0.01)
        #expect(abs(sd - 0.1) < 0.01)
    }
}
