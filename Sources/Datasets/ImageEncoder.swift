/// Encodes `DecodedImage`s as PNG (libpng) or JPEG (libjpeg-turbo) file bytes.
public enum ImageEncoder {
    /// An 8-bit grey or RGB PNG.
    public static func png(_ image: DecodedImage) throws(DatasetError) -> [UInt8] {
        try PNGCodec.encode(image)
    }

    /// A baseline (or progressive) JPEG at `quality` 1...100 with 4:4:4 sampling.
    public static func jpeg(_ image: DecodedImage, quality: Int = 92, progressive: Bool = false) throws(DatasetError) -> [UInt8] {
        try JPEGCodec.encode(image, quality: quality, progressive: progressive)
    }
}
