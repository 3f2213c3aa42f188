import Foundation

/// Bilinear resampling of an (H, W, C) picture through the inverse affine map of an `Augmentation.Draw`:
/// output pixel (x, y), relative to the centre and mirrored by the flips, comes from
/// `R(angle) * Shear(shear) * Zoom(zoomX, zoomY) * (u, v) + centre + shift` of the input.
struct AffineSampler {
    let height: Int
    let width: Int
    let channels: Int
    let draw: Augmentation.Draw
    let fill: Augmentation.Fill

    /// Writes the resampled picture to `out` (H*W*C floats).
    func sample(_ source: [Float], into out: UnsafeMutablePointer<Float>) {
        let cx = Double(width - 1) / 2
        let cy = Double(height - 1) / 2
        let cosA = cos(draw.angle)
        let sinA = sin(draw.angle)
        // Shear as Keras writes it: [[1, -sin(s)], [0, cos(s)]].
        let a = [[cosA, -sinA], [sinA, cosA]]
        let sh = [[1, -sin(draw.shear)], [0, cos(draw.shear)]]
        func times(_ m: [[Double]], _ n: [[Double]]) -> [[Double]] {
            [[m[0][0] * n[0][0] + m[0][1] * n[1][0], m[0][0] * n[0][1] + m[0][1] * n[1][1]],
             [m[1][0] * n[0][0] + m[1][1] * n[1][0], m[1][0] * n[0][1] + m[1][1] * n[1][1]]]
        }
        let m = times(times(a, sh), [[draw.zoomX, 0], [0, draw.zoomY]])
        source.withUnsafeBufferPointer { input in
            for y in 0..<height {
                for x in 0..<width {
                    var u = Double(x) - cx
                    var v = Double(y) - cy
                    if draw.flipX { u = -u }
                    if draw.flipY { v = -v }
                    let sx = Self.snap(m[0][0] * u + m[0][1] * v + cx + draw.shiftX)
                    let sy = Self.snap(m[1][0] * u + m[1][1] * v + cy + draw.shiftY)
                    bilinear(input, x: sx, y: sy, into: out + (y * width + x) * channels)
                }
            }
        }
    }

    /// Rounds positions within 1e-6 of a whole number to it, so that quarter turns and flips are exact.
    static func snap(_ value: Double) -> Double {
        let whole = value.rounded()
        return abs(value - whole) < 1e-6 ? whole : value
    }

    /// The picture at (x, y), from its four neighbours, each placed by the fill mode.
    private func bilinear(_ input: UnsafeBufferPointer<Float>, x: Double, y: Double, into out: UnsafeMutablePointer<Float>) {
        guard x.isFinite, y.isFinite, abs(x) < 1e9, abs(y) < 1e9 else {
            for c in 0..<channels { out[c] = 0 }
            return
        }
        let x0 = Int(x.rounded(.down))
        let y0 = Int(y.rounded(.down))
        let fx = Float(x - Double(x0))
        let fy = Float(y - Double(y0))
        let taps = [(x0, y0, (1 - fx) * (1 - fy)), (x0 + 1, y0, fx * (1 - fy)), (x0, y0 + 1, (1 - fx) * fy), (x0 + 1, y0 + 1, fx * fy)]
        for c in 0..<channels { out[c] = 0 }
        for (tx, ty, weight) in taps where weight != 0 {
            guard let sx = place(tx, width), let sy = place(ty, height) else { continue }
            let from = (sy * width + sx) * channels
            for c in 0..<channels { out[c] += weight * input[from + c] }
        }
    }

    /// Where index `i` of an axis of `n` samples reads from, or nil for the constant fill.
    private func place(_ i: Int, _ n: Int) -> Int? {
        if i >= 0 && i < n { return i }
        switch fill {
        case .constant:
            return nil
        case .nearest:
            return min(max(i, 0), n - 1)
        case .reflect:
            // Half-sample symmetric: period 2n, the second half mirrored.
            let period = 2 * n
            var k = i % period
            if k < 0 { k += period }
            return k < n ? k : period - 1 - k
        }
    }
}
