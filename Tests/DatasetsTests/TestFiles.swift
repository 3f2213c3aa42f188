import CZlib
import Datasets
import Foundation

/// Helpers that build tiny IDX files (raw or gzipped) in a fresh temporary directory.
enum TestFiles {
    /// A new empty directory under the system temporary directory; the caller removes it.
    static func makeDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("gradbook-datasets-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `body` with a fresh directory and removes the directory afterwards.
    static func withDirectory<R>(_ body: (URL) throws -> R) throws -> R {
        let url = try makeDirectory()
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }

    /// The description of the `DatasetError` that `body` throws, or nil when it succeeds.
    static func errorMessage<R>(_ body: () throws -> R) -> String? {
        do {
            _ = try body()
            return nil
        } catch let error as DatasetError {
            return error.description
        } catch {
            return "not a DatasetError: \(error)"
        }
    }

    /// IDX bytes: 00 00 `type` rank, big-endian dimensions, then `data`.
    static func idx(type: UInt8 = 0x08, dimensions: [Int], data: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, type, UInt8(dimensions.count)]
        for d in dimensions {
            bytes += [UInt8(truncatingIfNeeded: d >> 24), UInt8(truncatingIfNeeded: d >> 16),
                      UInt8(truncatingIfNeeded: d >> 8), UInt8(truncatingIfNeeded: d)]
        }
        return bytes + data
    }

    /// An image file of `count` images of `height` x `width` whose byte k is `(seed + 7k) % 256`.
    static func images(count: Int, height: Int = 2, width: Int = 3, seed: Int = 1) -> [UInt8] {
        let data = (0..<(count * height * width)).map { UInt8((seed + 7 * $0) % 256) }
        return idx(dimensions: [count, height, width], data: data)
    }

    /// A label file holding `labels`.
    static func labels(_ labels: [UInt8]) -> [UInt8] {
        idx(dimensions: [labels.count], data: labels)
    }

    /// `bytes` compressed as a gzip member (zlib deflate with windowBits 31).
    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        let initialized = deflateInit2_(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY,
                                        zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(initialized == Z_OK, "deflateInit2 failed: \(initialized)")
        defer { deflateEnd(&stream) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
        let produced = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = UInt32(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(outBuffer.count)
                let result = deflate(&stream, Z_FINISH)
                precondition(result == Z_STREAM_END, "deflate did not finish: \(result)")
                return outBuffer.count - Int(stream.avail_out)
            }
        }
        return Array(output.prefix(produced))
    }

    /// Writes `bytes` to `directory/name` and returns the path.
    @discardableResult
    static func write(_ bytes: [UInt8], to directory: URL, name: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Writes a complete MNIST-style directory: train (`trainCount` images) and t10k (`testCount`).
    static func writeSplits(to directory: URL, trainLabels: [UInt8], testLabels: [UInt8],
                            gzipped: Bool, height: Int = 2, width: Int = 3) throws {
        let suffix = gzipped ? ".gz" : ""
        func pack(_ bytes: [UInt8]) -> [UInt8] { gzipped ? gzip(bytes) : bytes }
        try write(pack(images(count: trainLabels.count, height: height, width: width, seed: 1)),
                  to: directory, name: "train-images-idx3-ubyte" + suffix)
        try write(pack(labels(trainLabels)), to: directory, name: "train-labels-idx1-ubyte" + suffix)
        try write(pack(images(count: testLabels.count, height: height, width: width, seed: 5)),
                  to: directory, name: "t10k-images-idx3-ubyte" + suffix)
        try write(pack(labels(testLabels)), to: directory, name: "t10k-labels-idx1-ubyte" + suffix)
    }
}
