// libFuzzer target: the IDX reader (raw or gzip) and the image/label pairing on arbitrary bytes.
// The reader takes a path, so each input is written to one temporary file per process (named `.gz`
// when the bytes start with the gzip magic); a second input layout splits the bytes into a label file
// and an image file for `IDXDataset.loadPair`. The files are removed when the process exits.
//
// scripts/fuzz.sh builds it for libFuzzer; a plain build replays the files given as arguments (FuzzMain).

import Datasets
import Foundation
import FuzzSupport

/// The per-process temporary files: [0] and [1] raw, [2] and [3] gzip names.
nonisolated(unsafe) private var scratch: [String] = []

private func scratchPaths() -> [String] {
    if scratch.isEmpty {
        let base = NSTemporaryDirectory() + "/gradbook-fuzz-idx-\(getpid())"
        scratch = [base + "-a.idx", base + "-b.idx", base + "-a.idx.gz", base + "-b.idx.gz"]
        atexit {
            for path in scratch { unlink(path) }
        }
    }
    return scratch
}

/// Writes `bytes` to the raw or gzip-named slot `slot` (0 or 1); the path.
private func store(_ bytes: ArraySlice<UInt8>, slot: Int) -> String {
    let paths = scratchPaths()
    let gzip = bytes.count >= 2 && bytes[bytes.startIndex] == 0x1F && bytes[bytes.startIndex + 1] == 0x8B
    let path = paths[slot + (gzip ? 2 : 0)]
    ScratchFile.write(bytes, to: path)
    return path
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDX(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    let whole = store(bytes[...], slot: 0)
    _ = try? IDXReader.read(path: whole, ranks: 1...4)
    _ = try? IDXReader.read(path: whole, ranks: 1...4, limit: 2)
    // Layout 2: byte 0 says how many of the following bytes form the label file; the rest are images.
    if let first = bytes.first {
        let rest = bytes.dropFirst()
        let split = rest.startIndex + min(Int(first), rest.count)
        let labels = store(rest[..<split], slot: 0)
        let images = store(rest[split...], slot: 1)
        _ = try? IDXDataset.loadPair(imagesPath: images, labelsPath: labels, name: "fuzz")
        _ = try? IDXDataset.loadPair(imagesPath: images, labelsPath: labels, name: "fuzz", subset: 1)
    }
    return 0
}

@main
enum FuzzIDXMain {
    static func main() {
        FuzzMain.run(fuzzIDX)
    }
}
