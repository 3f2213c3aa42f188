/// A grayscale or RGB image with samples in [0, 1], stored interleaved (HWC).
public struct PixelImage: Hashable, Sendable {
    /// How the channels of the input buffer are arranged.
    public enum Layout: Hashable, Sendable {
        /// `[y][x][channel]` (HWC), the usual image convention.
        case interleaved
        /// `[channel][y][x]` (CHW), the usual tensor convention.
        case planar
    }

    /// Pixels across.
    public let width: Int
    /// Pixels down.
    public let height: Int
    /// 1 (gray), 3 (RGB) or 4 (RGBA; alpha is ignored when drawing).
    public let channels: Int
    /// Samples in interleaved order, `(y * width + x) * channels + c`.
    public let pixels: [Float]

    /// Creates an image. `pixels.count` must equal `width * height * channels`
    /// and `channels` must be 1, 3 or 4 (programming errors; they trap).
    public init(width: Int, height: Int, channels: Int = 1, pixels: [Float], layout: Layout = .interleaved) {
        precondition(width >= 0 && height >= 0, "image size must not be negative")
        precondition([1, 3, 4].contains(channels), "channels must be 1, 3 or 4, got \(channels)")
        precondition(pixels.count == width * height * channels,
                     "expected \(width * height * channels) samples, got \(pixels.count)")
        self.width = width
        self.height = height
        self.channels = channels
        if layout == .planar && channels > 1 {
            let plane = width * height
            var interleaved = [Float](repeating: 0, count: pixels.count)
            for i in 0..<plane {
                for c in 0..<channels { interleaved[i * channels + c] = pixels[c * plane + i] }
            }
            self.pixels = interleaved
        } else {
            self.pixels = pixels
        }
    }

    /// A grayscale image.
    public init(grayscale pixels: [Float], width: Int, height: Int) {
        self.init(width: width, height: height, channels: 1, pixels: pixels)
    }

    /// Size in pixels.
    public var size: Size { Size(width: width, height: height) }

    /// Red, green and blue at (`x`, `y`), clamped to [0, 1] (NaN → 0).
    public func rgb(x: Int, y: Int) -> (r: Float, g: Float, b: Float) {
        let base = (y * width + x) * channels
        func clamp(_ v: Float) -> Float { v.isNaN ? 0 : min(1, max(0, v)) }
        if channels == 1 {
            let v = clamp(pixels[base])
            return (v, v, v)
        }
        return (clamp(pixels[base]), clamp(pixels[base + 1]), clamp(pixels[base + 2]))
    }

    /// Perceived brightness at (`x`, `y`) in [0, 1] (Rec. 709 weights for RGB).
    public func luminance(x: Int, y: Int) -> Float {
        let (r, g, b) = rgb(x: x, y: y)
        return channels == 1 ? r : 0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// The colour of a pixel as a truecolor value.
    public func color(x: Int, y: Int) -> CanvasColor {
        let (r, g, b) = rgb(x: x, y: y)
        func byte(_ v: Float) -> UInt8 { Rounding.byte(Double(v)) }
        return .rgb(byte(r), byte(g), byte(b))
    }

    /// The image scaled to exactly `width` × `height` (each at least 1).
    public func resized(width newWidth: Int, height newHeight: Int, method: ResampleMethod = .box) -> PixelImage {
        guard width > 0, height > 0 else { return self }
        let w = max(1, newWidth), h = max(1, newHeight)
        let samples = Resampler.resample(pixels, width: width, height: height, channels: channels,
                                         toWidth: w, toHeight: h, method: method)
        return PixelImage(width: w, height: h, channels: channels, pixels: samples)
    }

    /// The image scaled down, keeping its aspect ratio, to fit in `maxWidth` × `maxHeight` pixels.
    /// An image that already fits is returned unchanged (never upscaled).
    public func fitted(maxWidth: Int, maxHeight: Int, method: ResampleMethod = .box) -> PixelImage {
        guard width > 0, height > 0, maxWidth > 0, maxHeight > 0 else { return self }
        let target = Resampler.fit(width: width, height: height, maxWidth: maxWidth, maxHeight: maxHeight)
        return resized(width: target.width, height: target.height, method: method)
    }
}
