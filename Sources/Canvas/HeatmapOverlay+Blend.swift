// The heat ramp, the blend of heat over a picture, and the colour scale of `HeatmapOverlay`.

extension ColorRamp {
    /// Blue, cyan, green, yellow, red ("jet"-like): cold to hot, made of colours that the 256- and
    /// 16-colour palettes have, so heat maps keep their levels when colours are approximated.
    public static let overlayHeat = ColorRamp(stops: [
        Stop(0.00, 0, 0, 205), Stop(0.25, 0, 205, 205), Stop(0.50, 0, 205, 0),
        Stop(0.75, 255, 255, 0), Stop(1.00, 255, 0, 0),
    ])
}

extension HeatmapOverlay {
    /// Heat below this is left out: the picture shows unchanged.
    public static let coldThreshold = 0.1

    /// How much of the ramp's colour covers the picture at `heat`: 0 below ``coldThreshold``, then from
    /// 0.4 up to 0.9 at full heat, so hot parts keep their colour after a 16-colour approximation.
    public static func opacity(for heat: Double) -> Double {
        guard heat.isFinite, heat >= coldThreshold else { return 0 }
        return 0.4 + 0.5 * min(1, heat)
    }

    /// A pixel's colour with the heat blended over it.
    func blended(_ pixel: (r: Float, g: Float, b: Float), heat: Double) -> CanvasColor {
        let a = Self.opacity(for: heat)
        let (r, g, b) = ramp.components(at: heat)
        func mix(_ picture: Float, _ hot: UInt8) -> UInt8 {
            Rounding.byte((1 - a) * Double(picture) + a * Double(hot) / 255)
        }
        return .rgb(mix(pixel.r, r), mix(pixel.g, g), mix(pixel.b, b))
    }

    /// `low ████████ high` in colour, or `low  .:-=+*#%@ high` without.
    func drawScale(into grid: inout Grid, row: Rect) {
        var x = grid.put("low ", x: row.x, y: row.y, clip: row)
        let steps = 10
        for i in 0..<steps {
            let t = Double(i) / Double(steps - 1)
            if blends {
                x = grid.put("█", x: x, y: row.y, style: Style(foreground: ramp.color(at: t)), clip: row)
            } else {
                x = grid.put(String(HalfBlockPainter.rampCharacter(t)), x: x, y: row.y,
                             style: Style(foreground: options.tint(ramp.color(at: t))), clip: row)
            }
        }
        grid.put(" high", x: x, y: row.y, clip: row)
    }
}

extension HeatmapOverlay {
    /// The item's picture with its heat blended in, as an RGB image of the picture's size (for files).
    public func blendedPicture(_ item: Item) -> PixelImage {
        let heat = item.heatImage
        var pixels: [Float] = []
        pixels.reserveCapacity(item.image.width * item.image.height * 3)
        for y in 0..<item.image.height {
            for x in 0..<item.image.width {
                let (r, g, b) = blended(item.image.rgb(x: x, y: y), heat: Double(heat.pixels[y * heat.width + x])).rgbComponents
                pixels += [Float(r) / 255, Float(g) / 255, Float(b) / 255]
            }
        }
        return PixelImage(width: item.image.width, height: item.image.height, channels: 3, pixels: pixels)
    }
}
