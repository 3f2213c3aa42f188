import Datasets
import Testing

@Suite("Image resize")
struct ImageResizeTests {
    @Test("the same size is the identity")
    func identity() throws {
        let image = try DecodedImage(width: 3, height: 2, channels: 1, pixels: [1, 2, 3, 4, 5, 6])
        #expect(try ImageResize.resize(image, width: 3, height: 2) == image)
    }

    @Test("halving averages each 2x2 block (area)")
    func area() throws {
        let image = try DecodedImage(width: 4, height: 2, channels: 1, pixels: [0, 10, 20, 40, 100, 110, 0, 0])
        let out = try ImageResize.resize(image, width: 2, height: 1)
        #expect(out.pixels == [55, 15])
        // A 3-to-2 shrink weighs the shared middle sample half to each side.
        let row = try DecodedImage(width: 3, height: 1, channels: 1, pixels: [0, 90, 180])
        #expect(try ImageResize.resize(row, width: 2, height: 1).pixels == [30, 150])
    }

    @Test("doubling interpolates between samples (bilinear, half-pixel centres), per channel")
    func bilinear() throws {
        let image = try DecodedImage(width: 2, height: 1, channels: 3, pixels: [0, 200, 8, 100, 0, 8])
        let out = try ImageResize.resize(image, width: 4, height: 1)
        #expect(out.pixels == [0, 200, 8, 25, 150, 8, 75, 50, 8, 100, 0, 8])
    }

    @Test("a bad target size is an error")
    func badSize() throws {
        let image = try DecodedImage(width: 1, height: 1, channels: 1, pixels: [1])
        #expect(throws: DatasetError.self) { try ImageResize.resize(image, width: 0, height: 3) }
    }
}
