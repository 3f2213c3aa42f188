import TensorRuntime
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Draws one antialiased shape from a signed distance function, plus background and noise.
///
/// Coordinates are in pixels with y pointing down; pixel (x, y) is sampled at its centre
/// (x + 0.5, y + 0.5). Coverage is `clamp(0.5 - d, 0, 1)` for signed distance `d` (negative inside),
/// a one-pixel ramp that antialiases edges at any size. Outlines use `|d| - strokeWidth / 2`.
/// Polygons are stored already rotated and translated into image coordinates.
struct ShapeRasterizer {
    enum Geometry {
        /// A disc (`filled`) or an annulus (outline) of this radius around the centre.
        case circle(radius: Float)
        /// A segment between two points (drawn as an outline: a thick line).
        case segment(ax: Float, ay: Float, bx: Float, by: Float)
        /// A closed polygon, vertices in image coordinates.
        case polygon(xs: [Float], ys: [Float])
    }

    let geometry: Geometry
    /// Centre of the shape (used by `circle`).
    let cx: Float, cy: Float
    /// Filled interior, or an outline of `strokeWidth`.
    let filled: Bool
    let strokeWidth: Float

    /// The polygon with local vertices `(lx, ly)` (pixels, around the origin) rotated by `angle`
    /// radians and moved to (cx, cy).
    static func polygon(local: [(Float, Float)], angle: Float, cx: Float, cy: Float) -> Geometry {
        let c = cosf(angle), s = sinf(angle)
        return .polygon(xs: local.map { cx + c * $0.0 - s * $0.1 },
                        ys: local.map { cy + s * $0.0 + c * $0.1 })
    }

    /// The pixel-index box (clamped to the image, upper bounds exclusive) outside which coverage is zero.
    func bounds(size: Int) -> (x0: Int, y0: Int, x1: Int, y1: Int) {
        let minX: Float, maxX: Float, minY: Float, maxY: Float
        switch geometry {
        case let .circle(radius):
            (minX, maxX, minY, maxY) = (cx - radius, cx + radius, cy - radius, cy + radius)
        case let .segment(ax, ay, bx, by):
            (minX, maxX, minY, maxY) = (min(ax, bx), max(ax, bx), min(ay, by), max(ay, by))
        case let .polygon(xs, ys):
            (minX, maxX, minY, maxY) = (xs.min() ?? cx, xs.max() ?? cx, ys.min() ?? cy, ys.max() ?? cy)
        }
        let pad = strokeWidth / 2 + 1.5
        func clamped(_ v: Float) -> Int { Swift.max(0, Swift.min(size, Int(Swift.max(0, v)))) }
        return (clamped(minX - pad), clamped(minY - pad), clamped(maxX + pad + 1), clamped(maxY + pad + 1))
    }

    /// Renders into `out` (size*size bytes, row-major): `background` plus (`foreground` - `background`)
    /// times coverage, plus `noise` * N(0, 1) per pixel from `generator`, clamped to [0, 1] and rounded
    /// to bytes. `scratch` must hold size*size floats. O(size^2); the distance function runs only
    /// inside `bounds`, and noise takes one logarithm per two pixels (Box-Muller pairs).
    func render(into out: UnsafeMutableBufferPointer<UInt8>, scratch: UnsafeMutableBufferPointer<Float>,
                size: Int, foreground: Float, background: Float, noise: Float,
                generator: inout SeededGenerator) {
        let area = size * size
        for k in 0..<area { scratch[k] = background }
        let box = bounds(size: size)
        let contrast = foreground - background
        let halfStroke = strokeWidth / 2
        let filled = self.filled
        /// Adds the shape over the box, given the signed distance function.
        func paint(_ distance: (Float, Float) -> Float) {
            for y in box.y0..<box.y1 {
                let py = Float(y) + 0.5
                for x in box.x0..<box.x1 {
                    var d = distance(Float(x) + 0.5, py)
                    if !filled { d = abs(d) - halfStroke }
                    scratch[y * size + x] += contrast * min(1, max(0, 0.5 - d))
                }
            }
        }
        switch geometry {
        case let .circle(radius):
            let (cx, cy) = (self.cx, self.cy)
            paint { px, py in ((px - cx) * (px - cx) + (py - cy) * (py - cy)).squareRoot() - radius }
        case let .segment(ax, ay, bx, by):
            paint { px, py in Self.segmentDistance(px, py, ax, ay, bx, by) }
        case let .polygon(xs, ys):
            let edges = (0..<xs.count).map { i in
                let j = i == 0 ? xs.count - 1 : i - 1
                return Edge(ax: xs[j], ay: ys[j], bx: xs[i], by: ys[i])
            }
            edges.withUnsafeBufferPointer { edges in paint { px, py in Self.polygonDistance(px, py, edges) } }
        }
        if noise > 0 {
            var k = 0
            while k < area {
                let (n0, n1) = Self.normalPair(&generator)
                scratch[k] += noise * n0
                if k + 1 < area { scratch[k + 1] += noise * n1 }
                k += 2
            }
        }
        for k in 0..<area { out[k] = UInt8(min(1, max(0, scratch[k])) * 255 + 0.5) }   // round half up
    }

    /// One polygon edge from a to b, with the quantities the distance loop needs precomputed.
    struct Edge {
        let ax: Float, ay: Float, by: Float, ex: Float, ey: Float
        /// 1 / |b - a|^2 (0 for a degenerate edge).
        let inverseLength2: Float
        /// dx/dy along the edge (0 for a horizontal edge, which the crossing test never uses).
        let slope: Float

        init(ax: Float, ay: Float, bx: Float, by: Float) {
            self.ax = ax; self.ay = ay; self.by = by; ex = bx - ax; ey = by - ay
            let length2 = ex * ex + ey * ey
            inverseLength2 = length2 > 0 ? 1 / length2 : 0
            slope = ey != 0 ? ex / ey : 0
        }
    }

    /// Signed distance to a closed polygon: distance to the nearest edge, negative inside (even-odd rule).
    /// O(edges), one square root.
    @inline(__always) static func polygonDistance(_ px: Float, _ py: Float, _ edges: UnsafeBufferPointer<Edge>) -> Float {
        var best2 = Float.greatestFiniteMagnitude
        var inside = false
        for e in edges {
            let vx = px - e.ax, vy = py - e.ay
            let t = min(1, max(0, (vx * e.ex + vy * e.ey) * e.inverseLength2))
            let dx = vx - e.ex * t, dy = vy - e.ey * t
            best2 = min(best2, dx * dx + dy * dy)
            // Crossing test on a ray towards +x: does the edge straddle py, with the crossing right of px?
            if (e.ay > py) != (e.by > py), px < e.ax + vy * e.slope { inside.toggle() }
        }
        let best = best2.squareRoot()
        return inside ? -best : best
    }

    /// Unsigned distance from a point to the segment a-b.
    @inline(__always) static func segmentDistance(_ px: Float, _ py: Float,
                                                  _ ax: Float, _ ay: Float, _ bx: Float, _ by: Float) -> Float {
        let ex = bx - ax, ey = by - ay, vx = px - ax, vy = py - ay
        let length2 = ex * ex + ey * ey
        let t = length2 > 0 ? min(1, max(0, (vx * ex + vy * ey) / length2)) : 0
        let dx = vx - ex * t, dy = vy - ey * t
        return (dx * dx + dy * dy).squareRoot()
    }

    /// Two independent standard normal samples from one Box-Muller transform (two 24-bit uniforms
    /// from a single 64-bit draw).
    @inline(__always) static func normalPair(_ g: inout SeededGenerator) -> (Float, Float) {
        let bits = g.next()
        let u1 = (Float(bits >> 40) + 1) * (1.0 / 16_777_216.0)          // (0, 1]
        let u2 = Float((bits >> 16) & 0xFF_FFFF) * (1.0 / 16_777_216.0)  // [0, 1)
        let r = (-2 * logf(u1)).squareRoot()
        let angle = 2 * Float.pi * u2
        return (r * cosf(angle), r * sinf(angle))
    }
}
