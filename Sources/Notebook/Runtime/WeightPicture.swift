/// Weights turned into pixel values in [0, 1] for drawing, and enlarged so small filters can be read.
enum WeightPicture {
    /// Cells a filter picture is at least wide (two pixel rows per cell make it at least half as tall).
    static let minimumPixels = 6

    /// The integer factor that makes a `width` x `height` picture at least ``minimumPixels`` pixels
    /// each way (1 for larger ones; at most 16).
    static func enlargement(width: Int, height: Int) -> Int {
        let side = max(1, min(width, height))
        return min(16, max(1, (minimumPixels + side - 1) / side))
    }

    /// Signed weights (H*W*C, C = 1 or 3) as an RGB picture, scaled by the largest magnitude.
    /// One channel: zero is grey, positive light red, negative dark blue (brightness alone keeps the
    /// sign readable without colour). Three channels: each channel grey at zero, bright when positive.
    static func signed(_ weights: [Float], channels: Int) -> [Float] {
        if channels == 3 { return perChannel(weights) }
        let largest = weights.reduce(Float(0)) { max($0, $1.isFinite ? abs($1) : 0) }
        var out = [Float](repeating: 0.5, count: weights.count * 3)
        guard largest > 0 else { return out }
        for (i, w) in weights.enumerated() where w.isFinite {
            let s = w / largest
            let v = 0.5 + 0.4 * s
            out[i * 3] = min(1, v + 0.1 * max(0, s))
            out[i * 3 + 1] = v
            out[i * 3 + 2] = min(1, v + 0.3 * max(0, -s))
        }
        return out
    }

    /// Signed values mapped by the largest magnitude: 0.5 at zero, 1 at the largest positive.
    static func perChannel(_ values: [Float]) -> [Float] {
        let largest = values.reduce(Float(0)) { max($0, $1.isFinite ? abs($1) : 0) }
        guard largest > 0 else { return values.map { _ in 0.5 } }
        return values.map { $0.isFinite ? 0.5 + 0.5 * $0 / largest : 0.5 }
    }

    /// Values stretched to [0, 1] from their minimum to their maximum (0.5 when all equal).
    static func range(_ values: [Float]) -> [Float] {
        let finite = values.filter(\.isFinite)
        let lo = finite.min() ?? 0
        let hi = finite.max() ?? 0
        return values.map { hi > lo && $0.isFinite ? ($0 - lo) / (hi - lo) : 0.5 }
    }

    /// Each pixel repeated `factor` times across and down (nearest-neighbour enlargement).
    static func enlarged(_ pixels: [Float], width: Int, height: Int, channels: Int, factor: Int) -> [Float] {
        guard factor > 1 else { return pixels }
        let w = width * factor
        var out = [Float](repeating: 0, count: w * height * factor * channels)
        for y in 0..<(height * factor) {
            for x in 0..<w {
                for c in 0..<channels {
                    out[(y * w + x) * channels + c] = pixels[((y / factor) * width + x / factor) * channels + c]
                }
            }
        }
        return out
    }
}
