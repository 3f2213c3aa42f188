// im2col and its adjoint over a range of output rows (N·OH·OW rows in all), for the blocked convolution.

extension Tensor {
    /// Visits output rows `rows` of the whole batch in order: body(row - rows.lowerBound, image, oh, ow).
    @inline(__always)
    static func forEachOutputPixel(_ g: ConvGeometry, rows: Range<Int>, _ body: (Int, Int, Int, Int) -> Void) {
        guard !rows.isEmpty, g.pixels > 0 else { return }
        var img = rows.lowerBound / g.pixels
        let p = rows.lowerBound % g.pixels
        var oh = p / g.ow, ow = p % g.ow
        for i in 0..<rows.count {
            body(i, img, oh, ow)
            ow += 1
            if ow == g.ow {
                ow = 0
                oh += 1
                if oh == g.oh { oh = 0; img += 1 }
            }
        }
    }

    // x (N,H,W,C), rows r0..<r1 of the output -> cols (r1-r0, KH*KW*C); zeros where the window leaves the image.
    // In NHWC one kernel row (KW taps x C channels) is one contiguous run of the input when it lies inside.
    static func im2col(_ g: ConvGeometry, _ x: UnsafeMutablePointer<Float>, rows: Range<Int>, _ cols: UnsafeMutablePointer<Float>) {
        let run = g.kw * g.c, image = g.h * g.w * g.c, rowStride = g.w * g.c
        forEachOutputPixel(g, rows: rows) { i, img, oh, ow in
            var dst = cols + i * g.patch
            let iw0 = ow * g.stride - g.padLeft, ih0 = oh * g.stride - g.padTop
            let inside = iw0 >= 0 && iw0 + g.kw <= g.w
            // Offset of the window's top-left cell; negative or past the row when the window overhangs, so
            // pointers are formed only for cells inside the image.
            let corner = img * image + ih0 * rowStride + iw0 * g.c
            if inside && ih0 >= 0 && ih0 + g.kh <= g.h && run < 16 {
                // The whole window inside, short runs (few channels): plain copies, no memmove calls.
                var src = x + corner
                for _ in 0..<g.kh {
                    for j in 0..<run { dst[j] = src[j] }
                    dst += run
                    src += rowStride
                }
                return
            }
            for kh in 0..<g.kh {
                let ih = ih0 + kh, rowStart = corner + kh * rowStride
                if ih < 0 || ih >= g.h {
                    dst.update(repeating: 0, count: run)
                } else if inside {
                    let src = x + rowStart
                    if run < 16 { for j in 0..<run { dst[j] = src[j] } }
                    else { dst.update(from: src, count: run) }
                } else {
                    for kw in 0..<g.kw {
                        let iw = iw0 + kw
                        if iw >= 0 && iw < g.w { (dst + kw * g.c).update(from: x + rowStart + kw * g.c, count: g.c) }
                        else { (dst + kw * g.c).update(repeating: 0, count: g.c) }
                    }
                }
                dst += run
            }
        }
    }

    // dcols (r1-r0, KH*KW*C) for output rows r0..<r1 -> dx (N,H,W,C) +=; the adjoint of im2col.
    static func col2im(_ g: ConvGeometry, _ cols: UnsafeMutablePointer<Float>, rows: Range<Int>, _ dx: UnsafeMutablePointer<Float>) {
        let run = g.kw * g.c, image = g.h * g.w * g.c
        forEachOutputPixel(g, rows: rows) { i, img, oh, ow in
            var src = cols + i * g.patch
            let di = dx + img * image
            let iw0 = ow * g.stride - g.padLeft
            let inside = iw0 >= 0 && iw0 + g.kw <= g.w
            for kh in 0..<g.kh {
                let ih = oh * g.stride - g.padTop + kh
                if ih >= 0 && ih < g.h {
                    if inside {
                        let d = di + (ih * g.w + iw0) * g.c
                        for j in 0..<run { d[j] += src[j] }
                    } else {
                        for kw in 0..<g.kw {
                            let iw = iw0 + kw
                            guard iw >= 0 && iw < g.w else { continue }
                            let d = di + (ih * g.w + iw) * g.c, sp = src + kw * g.c
                            for ch in 0..<g.c { d[ch] += sp[ch] }
                        }
                    }
                }
                src += run
            }
        }
    }
}
