import Datasets

/// The shape of the pictures a model gives or a data set holds, and how a row of them is drawn.
struct PictureShape {
    var height: Int
    var width: Int
    var channels: Int
    var values: Int { height * width * channels }
}

extension Interpreter {
    /// Pictures side by side in one strip (a row of a gallery): at most this many.
    static let picturesPerStrip = 8

    /// `pictures` (each height·width·channels values) side by side with a one-pixel gap, values clamped to
    /// [0, 1], as one image: a row of small pictures stays readable where separate tiles would not fit.
    static func strip(_ pictures: [[Float]], _ shape: PictureShape, caption: String) -> ImageGridBlock.Image {
        let (h, w, c) = (shape.height, shape.width, shape.channels)
        let k = max(pictures.count, 1), stripWidth = k * w + (k - 1)
        var pixels = [Float](repeating: 0, count: h * stripWidth * c)
        for (i, picture) in pictures.enumerated() where picture.count == h * w * c {
            for y in 0..<h {
                for x in 0..<w {
                    for ch in 0..<c {
                        let v = picture[(y * w + x) * c + ch]
                        pixels[(y * stripWidth + i * (w + 1) + x) * c + ch] = v.isFinite ? min(max(v, 0), 1) : 0
                    }
                }
            }
        }
        return ImageGridBlock.Image(pixels: pixels, width: stripWidth, height: h, channels: c, caption: caption)
    }

    /// As `strip(_:_:caption:)` for pictures of a data set.
    static func strip(_ pictures: [[Float]], _ data: Datasets.ImageDataset, caption: String) -> ImageGridBlock.Image {
        strip(pictures, PictureShape(height: data.height, width: data.width, channels: data.channels), caption: caption)
    }
}
