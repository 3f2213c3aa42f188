import CPNG
import CTurboJPEG
import CZlib
import Datasets
import Foundation

/// Writes PNG and JPEG test files through the same libraries the decoders use (libpng's simplified
/// writer, TurboJPEG's compressor), plus a hand-made PNG writer (chunks, zlib, CRC) for the kinds the
/// simplified writer cannot make: 16-bit, palette, grey+alpha, Adam7-interlaced, zero-sized.
enum TestImages {
    /// A w x h picture whose pixel (y, x) channel k is `value(y, x, k)`.
    static func pixels(width: Int, height: Int, channels: Int, _ value: (Int, Int, Int) -> UInt8) -> [UInt8] {
        var out: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                for k in 0..<channels { out.append(value(y, x, k)) }
            }
        }
        return out
    }

    /// Writes an 8-bit grey or RGB PNG with `png_image_write_to_file`.
    static func writePNG(_ path: String, width: Int, height: Int, channels: Int, pixels: [UInt8]) throws {
        var image = png_image()
        image.version = CPNG_IMAGE_VERSION
        image.width = UInt32(width)
        image.height = UInt32(height)
        image.format = channels == 3 ? CPNG_FORMAT_RGB : CPNG_FORMAT_GRAY
        let ok = pixels.withUnsafeBytes { png_image_write_to_file(&image, path, 0, $0.baseAddress, 0, nil) }
        png_image_free(&image)
        guard ok != 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    /// JPEG bytes from `tjCompress2` (4:4:4, quality 95; progressive when asked).
    static func jpeg(width: Int, height: Int, channels: Int, pixels: [UInt8], progressive: Bool = false) throws -> [UInt8] {
        guard let handle = tjInitCompress() else { throw CocoaError(.fileWriteUnknown) }
        defer { tjDestroy(handle) }
        var buffer: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        let format = channels == 3 ? TJPF_RGB : TJPF_GRAY
        let sampling = channels == 3 ? TJSAMP_444 : TJSAMP_GRAY
        let status = pixels.withUnsafeBufferPointer { source in
            tjCompress2(handle, source.baseAddress, Int32(width), 0, Int32(height), Int32(format.rawValue), &buffer, &size,
                        Int32(sampling.rawValue), 95, CTJ_FLAG_ACCURATEDCT | (progressive ? CTJ_FLAG_PROGRESSIVE : 0))
        }
        defer { if let buffer { tjFree(buffer) } }
        guard status == 0, let buffer else { throw CocoaError(.fileWriteUnknown) }
        return Array(UnsafeBufferPointer(start: buffer, count: Int(size)))
    }

    /// `jpeg` with an APP1 Exif segment (big- or little-endian TIFF) holding `orientation`, right after SOI.
    static func withOrientation(_ jpeg: [UInt8], _ orientation: UInt16, littleEndian: Bool = false) -> [UInt8] {
        func u16(_ v: UInt16) -> [UInt8] { littleEndian ? [UInt8(v & 0xFF), UInt8(v >> 8)] : [UInt8(v >> 8), UInt8(v & 0xFF)] }
        func u32(_ v: UInt32) -> [UInt8] {
            let bytes = [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
            return littleEndian ? bytes.reversed() : bytes
        }
        var tiff: [UInt8] = littleEndian ? [0x49, 0x49] : [0x4D, 0x4D]
        tiff += u16(42) + u32(8) + u16(1)
        tiff += u16(0x0112) + u16(3) + u32(1) + u16(orientation) + [0, 0]
        tiff += u32(0)
        let body: [UInt8] = [0x45, 0x78, 0x69, 0x66, 0, 0] + tiff
        let length = body.count + 2
        let segment: [UInt8] = [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + body
        return Array(jpeg.prefix(2)) + segment + Array(jpeg.dropFirst(2))
    }

    // MARK: Hand-made PNG

    /// A PNG file from raw scanline samples. `colorType`: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA.
    /// `samples` holds the rows unfiltered (bytes per sample = depth / 8, big-endian for 16-bit);
    /// `interlaced` writes them as the seven Adam7 passes.
    static func handPNG(width: Int, height: Int, depth: Int, colorType: UInt8, samples: [UInt8],
                        palette: [UInt8]? = nil, interlaced: Bool = false) -> [UInt8] {
        let perPixel = [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][Int(colorType)] ?? 1
        let bytesPerPixel = perPixel * depth / 8
        var raw: [UInt8] = []
        let passes: [(Int, Int, Int, Int)] = interlaced
            ? [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
            : [(0, 0, 1, 1)]
        for (x0, y0, dx, dy) in passes {
            guard x0 < width, y0 < height else { continue }
            for y in stride(from: y0, to: height, by: dy) {
                raw.append(0)
                for x in stride(from: x0, to: width, by: dx) {
                    let start = (y * width + x) * bytesPerPixel
                    raw += samples[start..<(start + bytesPerPixel)]
                }
            }
        }
        func be32(_ v: Int) -> [UInt8] { [UInt8((v >> 24) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let typed = Array(type.utf8) + data
            let crc = typed.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) }
            return be32(data.count) + typed + be32(Int(crc))
        }
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        file += chunk("IHDR", be32(width) + be32(height) + [UInt8(depth), colorType, 0, 0, interlaced ? 1 : 0])
        if let palette { file += chunk("PLTE", palette) }
        var compressedSize = compressBound(UInt(raw.count))
        var compressed = [UInt8](repeating: 0, count: Int(compressedSize))
        _ = compressed.withUnsafeMutableBufferPointer { out in
            raw.withUnsafeBufferPointer { compress(out.baseAddress, &compressedSize, $0.baseAddress, UInt($0.count)) }
        }
        file += chunk("IDAT", Array(compressed.prefix(Int(compressedSize))))
        file += chunk("IEND", [])
        return file
    }

    /// Writes `bytes` to `url`.
    static func write(_ bytes: [UInt8], to url: URL) throws {
        try Data(bytes).write(to: url)
    }
}
