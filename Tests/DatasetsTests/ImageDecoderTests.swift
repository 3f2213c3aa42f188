import Datasets
import Foundation
import Testing

@Suite("Image decoders")
struct ImageDecoderTests {
    /// A 5x3 RGB picture with a different value in every sample.
    static let rgb = TestImages.pixels(width: 5, height: 3, channels: 3) { y, x, k in UInt8(y * 60 + x * 11 + k * 3) }

    @Test("an 8-bit RGB PNG written by libpng decodes to the same bytes; as grey, a grey PNG too")
    func pngRoundTrip() throws {
        try TestFiles.withDirectory { dir in
            let path = dir.appendingPathComponent("a.png").path
            try TestImages.writePNG(path, width: 5, height: 3, channels: 3, pixels: Self.rgb)
            let image = try ImageDecoder.decodeFile(path, channels: 3)
            #expect(image.width == 5 && image.height == 3 && image.channels == 3)
            #expect(image.pixels == Self.rgb)

            let grey = TestImages.pixels(width: 4, height: 2, channels: 1) { y, x, _ in UInt8(y * 100 + x * 7) }
            let greyPath = dir.appendingPathComponent("g.png").path
            try TestImages.writePNG(greyPath, width: 4, height: 2, channels: 1, pixels: grey)
            #expect(try ImageDecoder.decodeFile(greyPath, channels: 1).pixels == grey)
            // Grey to RGB repeats the value in every channel.
            let asRGB = try ImageDecoder.decodeFile(greyPath, channels: 3)
            #expect(asRGB.pixels == grey.flatMap { [$0, $0, $0] })
        }
    }

    @Test("16-bit grey samples are scaled to 8 bits (v / 257), not gamma-converted")
    func png16Bit() throws {
        let values: [UInt16] = [0, 257, 257 * 100, 65535, 257 * 7, 257 * 200]
        let samples = values.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let file = TestImages.handPNG(width: 3, height: 2, depth: 16, colorType: 0, samples: samples)
        let image = try ImageDecoder.decode(file, channels: 1)
        #expect(image.pixels == [0, 1, 100, 255, 7, 200])
    }

    @Test("a palette PNG decodes to its palette's colours")
    func palette() throws {
        let palette: [UInt8] = [255, 0, 0, 0, 255, 0, 10, 20, 30]
        let file = TestImages.handPNG(width: 3, height: 1, depth: 8, colorType: 3, samples: [2, 0, 1], palette: palette)
        let image = try ImageDecoder.decode(file, channels: 3)
        #expect(image.pixels == [10, 20, 30, 255, 0, 0, 0, 255, 0])
    }

    @Test("grey+alpha: opaque pixels keep their value, transparent ones become black")
    func greyAlpha() throws {
        let file = TestImages.handPNG(width: 2, height: 1, depth: 8, colorType: 4, samples: [200, 255, 90, 0])
        let image = try ImageDecoder.decode(file, channels: 1)
        #expect(image.pixels == [200, 0])
    }

    @Test("an Adam7-interlaced PNG decodes to the same pixels as a plain one")
    func interlaced() throws {
        let samples = TestImages.pixels(width: 11, height: 9, channels: 3) { y, x, k in UInt8((y * 23 + x * 5 + k * 70) % 256) }
        let plain = TestImages.handPNG(width: 11, height: 9, depth: 8, colorType: 2, samples: samples)
        let interlaced = TestImages.handPNG(width: 11, height: 9, depth: 8, colorType: 2, samples: samples, interlaced: true)
        #expect(plain != interlaced)
        #expect(try ImageDecoder.decode(interlaced, channels: 3).pixels == samples)
        #expect(try ImageDecoder.decode(plain, channels: 3).pixels == samples)
    }

    /// A 16x8 picture: left half red, right half blue (flat areas survive JPEG well).
    static let halves = TestImages.pixels(width: 16, height: 8, channels: 3) { _, x, k in
        x < 8 ? [220, 20, 20][k] : [20, 20, 220][k]
    }

    static func close(_ a: [UInt8], _ b: [UInt8], tolerance: Int = 12) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs(Int($0) - Int($1)) <= tolerance }
    }

    @Test("baseline and progressive JPEGs decode to the pixels within a tolerance", arguments: [false, true])
    func jpeg(progressive: Bool) throws {
        let file = try TestImages.jpeg(width: 16, height: 8, channels: 3, pixels: Self.halves, progressive: progressive)
        let image = try ImageDecoder.decode(file, channels: 3)
        #expect(image.width == 16 && image.height == 8)
        #expect(Self.close(image.pixels, Self.halves))
        let grey = try ImageDecoder.decode(file, channels: 1)
        #expect(grey.pixels.count == 16 * 8)
    }

    @Test("EXIF orientation turns the picture upright", arguments: [false, true])
    func exifOrientation(littleEndian: Bool) throws {
        let file = try TestImages.jpeg(width: 16, height: 8, channels: 3, pixels: Self.halves)
        #expect(ExifOrientation.read(from: file).value == 1)
        // 6: the stored picture needs 90 degrees clockwise: 8 wide, 16 high, red on top.
        let rotated = try ImageDecoder.decode(TestImages.withOrientation(file, 6, littleEndian: littleEndian), channels: 3)
        #expect(rotated.width == 8 && rotated.height == 16)
        let top = TestImages.pixels(width: 8, height: 16, channels: 3) { y, _, k in y < 8 ? [220, 20, 20][k] : [20, 20, 220][k] }
        #expect(Self.close(rotated.pixels, top))
        // 2: mirrored: blue on the left.
        let mirrored = try ImageDecoder.decode(TestImages.withOrientation(file, 2, littleEndian: littleEndian), channels: 3)
        let flipped = TestImages.pixels(width: 16, height: 8, channels: 3) { _, x, k in x < 8 ? [20, 20, 220][k] : [220, 20, 20][k] }
        #expect(Self.close(mirrored.pixels, flipped))
    }

    @Test("each orientation maps the upright picture's corners to the stored ones", arguments: 1...8)
    func orientationCorners(value: Int) throws {
        // A 3x2 grey picture with distinct values; the upright result holds the same values.
        let stored = try DecodedImage(width: 3, height: 2, channels: 1, pixels: [1, 2, 3, 4, 5, 6])
        let upright = ExifOrientation(value).upright(stored)
        #expect(upright.pixels.sorted() == stored.pixels)
        let expected: [Int: [UInt8]] = [1: [1, 2, 3, 4, 5, 6], 2: [3, 2, 1, 6, 5, 4], 3: [6, 5, 4, 3, 2, 1], 4: [4, 5, 6, 1, 2, 3],
                                        5: [1, 4, 2, 5, 3, 6], 6: [4, 1, 5, 2, 6, 3], 7: [6, 3, 5, 2, 4, 1], 8: [3, 6, 2, 5, 1, 4]]
        #expect(upright.pixels == expected[value])
        #expect(upright.width == (value >= 5 ? 2 : 3))
    }

    @Test("bad files are typed errors naming the path and the reason",
          arguments: [
            ("truncated.png", "libpng"), ("broken.jpg", "broken JPEG header"), ("empty.png", "the file is empty"),
            ("text.png", "not a PNG or JPEG file"), ("zero.png", "libpng"), ("cut.jpg", "truncated JPEG"),
          ])
    func badFiles(name: String, reason: String) throws {
        try TestFiles.withDirectory { dir in
            let png = TestImages.handPNG(width: 4, height: 4, depth: 8, colorType: 0, samples: [UInt8](repeating: 9, count: 16))
            let jpeg = try TestImages.jpeg(width: 16, height: 8, channels: 3, pixels: Self.halves)
            let noisy = TestImages.pixels(width: 64, height: 64, channels: 3) { y, x, k in UInt8((x * y * 7 + k * 50) % 256) }
            let big = try TestImages.jpeg(width: 64, height: 64, channels: 3, pixels: noisy)
            var broken = jpeg
            for i in 2..<min(40, broken.count) { broken[i] = 0x11 }
            let files: [String: [UInt8]] = [
                "truncated.png": Array(png.prefix(png.count / 2)),
                "broken.jpg": broken,
                "empty.png": [],
                "text.png": Array("just some words\n".utf8),
                "zero.png": TestImages.handPNG(width: 0, height: 4, depth: 8, colorType: 0, samples: []),
                "cut.jpg": Array(big.prefix(big.count / 2)),
            ]
            let url = dir.appendingPathComponent(name)
            try TestImages.write(files[name] ?? [], to: url)
            do throws(DatasetError) {
                _ = try ImageDecoder.decodeFile(url.path, channels: 3)
                Issue.record("\(name) decoded")
            } catch {
                guard case let .badImage(path, text) = error else {
                    Issue.record("\(error)")
                    return
                }
                #expect(path == url.path)
                #expect(text.contains(reason), "\(text)")
                #expect(error.message.hasPrefix(url.path + ": cannot decode the image: "))
                #expect(error.hint != nil)
            }
        }
    }

    @Test("a missing file is unreadable, with its path")
    func missing() {
        let message = TestFiles.errorMessage { try ImageDecoder.decodeFile("/nonexistent/x.png", channels: 1) }
        #expect(message?.hasPrefix("/nonexistent/x.png: cannot read file") == true)
    }
}
