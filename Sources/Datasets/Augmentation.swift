import Foundation
import TensorRuntime

/// Random image augmentation, Keras's `ImageDataGenerator` list: rotation, width/height shift, shear,
/// zoom, flips, brightness, contrast, random crop and Gaussian noise, with a fill mode for the borders.
///
/// Works on one (H, W, C) float picture at a time. The geometric part is one affine map from each output
/// pixel back to the input (rotation, shear, zoom, crop and shift about the centre, then flips), sampled
/// bilinearly; points outside the picture follow `fill`. Every example draws the same fixed sequence of
/// random numbers (`draw(using:)`), whatever is enabled, so the result depends only on the settings and
/// the example's stream: the same seed gives the same pictures on any number of threads.
public struct Augmentation: Sendable, Equatable {
    /// How samples outside the picture are filled.
    public enum Fill: String, Sendable, CaseIterable {
        /// The nearest edge pixel.
        case nearest
        /// Zero (black).
        case constant
        /// The picture mirrored at its edge (d c b a | a b c d | d c b a).
        case reflect
    }

    /// Maximum rotation in degrees (each side).
    public var rotation: Double = 0
    /// Maximum horizontal shift as a fraction of the width.
    public var widthShift: Double = 0
    /// Maximum vertical shift as a fraction of the height.
    public var heightShift: Double = 0
    /// Maximum shear angle in degrees (Keras's `shear_range` is in degrees too).
    public var shear: Double = 0
    /// Zoom factors are drawn from [1 - zoom, 1 + zoom] per axis (Keras's `zoom_range`).
    public var zoom: Double = 0
    /// Mirror left-right with probability 1/2.
    public var horizontalFlip = false
    /// Mirror top-bottom with probability 1/2.
    public var verticalFlip = false
    /// Values are multiplied by a factor from [1 - brightness, 1 + brightness].
    public var brightness: Double = 0
    /// Each channel's distance from its mean is multiplied by a factor from [1 - contrast, 1 + contrast].
    public var contrast: Double = 0
    /// A random window of (1 - crop ... 1) of each side is cut out and scaled back to the full size.
    public var crop: Double = 0
    /// Standard deviation of Gaussian noise added to every value.
    public var noise: Double = 0
    /// Border handling of the geometric part.
    public var fill: Fill = .nearest

    public init() {}

    /// True when nothing is enabled.
    public var isIdentity: Bool { self == Augmentation() || (hasNoGeometry && brightness == 0 && contrast == 0 && noise == 0) }

    /// True when no geometric setting is enabled.
    var hasNoGeometry: Bool {
        rotation == 0 && widthShift == 0 && heightShift == 0 && shear == 0 && zoom == 0 && crop == 0
            && !horizontalFlip && !verticalFlip
    }

    /// One example's drawn parameters.
    public struct Draw: Sendable, Equatable {
        public var angle: Double = 0
        public var shiftX: Double = 0
        public var shiftY: Double = 0
        public var shear: Double = 0
        public var zoomX: Double = 1
        public var zoomY: Double = 1
        public var flipX = false
        public var flipY = false
        public var brightness: Double = 1
        public var contrast: Double = 1
        public init() {}

        /// True when the geometric part leaves every pixel where it is.
        public var isGeometricIdentity: Bool {
            angle == 0 && shiftX == 0 && shiftY == 0 && shear == 0 && zoomX == 1 && zoomY == 1 && !flipX && !flipY
        }
    }

    /// Draws one example's parameters for an H x W picture: always 12 numbers, in a fixed order.
    public func draw(height: Int, width: Int, using g: inout SeededGenerator) -> Draw {
        func symmetric(_ range: Double) -> Double { Double(g.uniform(-1, 1)) * range }
        var d = Draw()
        let radians = Double.pi / 180
        d.angle = symmetric(rotation) * radians
        d.shiftX = symmetric(widthShift) * Double(width)
        d.shiftY = symmetric(heightShift) * Double(height)
        d.shear = symmetric(shear) * radians
        d.zoomX = 1 + symmetric(zoom)
        d.zoomY = 1 + symmetric(zoom)
        let cropScale = 1 - crop * Double(g.nextFloat())
        let cropX = symmetric(1) * (1 - cropScale) / 2 * Double(width)
        let cropY = symmetric(1) * (1 - cropScale) / 2 * Double(height)
        d.zoomX *= cropScale
        d.zoomY *= cropScale
        d.shiftX += cropX
        d.shiftY += cropY
        d.flipX = g.nextFloat() < 0.5 && horizontalFlip
        d.flipY = g.nextFloat() < 0.5 && verticalFlip
        d.brightness = 1 + symmetric(brightness)
        d.contrast = 1 + symmetric(contrast)
        if hasNoGeometry {
            // Round-off in the draws above must not move pixels when nothing geometric is asked for.
            let keep = (d.brightness, d.contrast)
            d = Draw()
            (d.brightness, d.contrast) = keep
        }
        return d
    }

    /// Augments `image` (H*W*C floats, NHWC) in place, drawing from `generator`.
    public func apply(_ image: UnsafeMutableBufferPointer<Float>, height: Int, width: Int, channels: Int,
                      generator: inout SeededGenerator) {
        let d = draw(height: height, width: width, using: &generator)
        Self.transform(image, height: height, width: width, channels: channels, draw: d, fill: fill)
        if noise > 0 {
            let sigma = Float(noise)
            for k in 0..<min(image.count, height * width * channels) { image[k] += sigma * generator.normal() }
        }
    }

    /// Applies drawn parameters `d` to `image` in place: the geometric map, then brightness and contrast.
    public static func transform(_ image: UnsafeMutableBufferPointer<Float>, height: Int, width: Int, channels: Int,
                                 draw d: Draw, fill: Fill) {
        let size = height * width * channels
        guard height > 0, width > 0, channels > 0, image.count >= size, let base = image.baseAddress else { return }
        if !d.isGeometricIdentity {
            let source = [Float](UnsafeBufferPointer(start: base, count: size))
            AffineSampler(height: height, width: width, channels: channels, draw: d, fill: fill)
                .sample(source, into: base)
        }
        if d.brightness != 1 {
            let b = Float(d.brightness)
            for k in 0..<size { base[k] *= b }
        }
        if d.contrast != 1 {
            let factor = Float(d.contrast)
            let pixels = height * width
            for c in 0..<channels {
                var sum: Float = 0
                for p in 0..<pixels { sum += base[p * channels + c] }
                let mean = sum / Float(pixels)
                for p in 0..<pixels { base[p * channels + c] = (base[p * channels + c] - mean) * factor + mean }
            }
        }
    }
}
