// libFuzzer target: the PNG and JPEG decoders (libpng, libjpeg-turbo, the EXIF orientation reader) and
// the resize that follows them, on arbitrary bytes in memory; then the same input as a folder tree in a
// temporary folder, loaded by `ImageFolder` and written back by `DatasetWriter` (ImageFolderFuzz.swift).
// Every outcome must be an image, a data set or a `DatasetError`, never a trap.
//
// scripts/fuzz.sh builds it for libFuzzer; a plain build replays the files given as arguments (FuzzMain).

import Datasets
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImage(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    for channels in [1, 3] {
        if let image = try? ImageDecoder.decode(bytes, channels: channels, path: "fuzz") {
            _ = try? ImageResize.resize(image, width: 7, height: 5)
        }
    }
    _ = ExifOrientation.read(from: bytes)
    ImageFolderFuzz.run(bytes)
    return 0
}

@main
enum FuzzImageMain {
    static func main() {
        FuzzMain.run(fuzzImage)
    }
}
