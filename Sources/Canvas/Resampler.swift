/// How an image or matrix is scaled down.
public enum ResampleMethod: Hashable, Sendable {
    /// Pick the source sample nearest to each target sample's centre.
    case nearest
    /// Average the block of source samples each target sample covers (NaN samples ignored).
    case box
}

/// Scaling of interleaved sample buffers (row-major, `channels` values per sample).
enum Resampler {
    static func resample<T: BinaryFloatingPoint>(
        _ source: [T], width: Int, height: Int, channels: Int,
        toWidth: Int, toHeight: Int, method: ResampleMethod
    ) -> [T] {
        let tw = max(1, toWidth), th = max(1, toHeight)
        if tw == width && th == height { return source }
        var result = [T](repeating: 0, count: tw * th * channels)
        for oy in 0..<th {
            let y0 = oy * height / th
            let y1 = max(y0 + 1, (oy + 1) * height / th)
            for ox in 0..<tw {
                let x0 = ox * width / tw
                let x1 = max(x0 + 1, (ox + 1) * width / tw)
                for c in 0..<channels {
                    let out = (oy * tw + ox) * channels + c
                    switch method {
                    case .nearest:
                        let sx = min(width - 1, (2 * ox + 1) * width / (2 * tw))
                        let sy = min(height - 1, (2 * oy + 1) * height / (2 * th))
                        result[out] = source[(sy * width + sx) * channels + c]
                    case .box:
                        var sum: T = 0
                        var count = 0
                        for y in y0..<min(y1, height) {
                            for x in x0..<min(x1, width) {
                                let v = source[(y * width + x) * channels + c]
                                if v.isFinite { sum += v; count += 1 }
                            }
                        }
                        result[out] = count > 0 ? sum / T(count) : .nan
                    }
                }
            }
        }
        return result
    }

    /// The largest size with the source's aspect ratio that fits in `maxWidth` × `maxHeight`,
    /// never larger than the source and at least 1 × 1.
    static func fit(width: Int, height: Int, maxWidth: Int, maxHeight: Int) -> (width: Int, height: Int) {
        guard width > maxWidth || height > maxHeight else { return (width, height) }
        let scale = min(Double(maxWidth) / Double(width), Double(maxHeight) / Double(height))
        return (max(1, min(maxWidth, Int(Double(width) * scale))), max(1, min(maxHeight, Int(Double(height) * scale))))
    }
}

/// Paints two vertically stacked pixels per cell with the upper half block `▀`
/// (foreground = upper pixel, background = lower pixel).
enum HalfBlockPainter {
    static func paint(into grid: inout Grid, at origin: (x: Int, y: Int), clip: Rect,
                      width: Int, pixelHeight: Int, pixel: (Int, Int) -> CanvasColor?) {
        for row in 0..<(pixelHeight + 1) / 2 {
            for column in 0..<width {
                let x = origin.x + column, y = origin.y + row
                guard clip.contains(x: x, y: y) else { continue }
                let upper = pixel(column, 2 * row)
                let lower = 2 * row + 1 < pixelHeight ? pixel(column, 2 * row + 1) : nil
                switch (upper, lower) {
                case (nil, nil):
                    continue
                case let (nil, lower?):
                    grid[x, y] = Cell("▄", style: Style(foreground: lower))
                case let (upper?, lower):
                    grid[x, y] = Cell("▀", style: Style(foreground: upper, background: lower))
                }
            }
        }
    }

    /// The ramp character for a brightness in [0, 1] (NaN → blank).
    static func rampCharacter(_ t: Double) -> Character {
        guard t.isFinite else { return " " }
        let ramp = Glyphs.asciiRamp
        let index = Rounding.roundToInt(min(1, max(0, t)) * Double(ramp.count - 1))
        return ramp[index]
    }
}
