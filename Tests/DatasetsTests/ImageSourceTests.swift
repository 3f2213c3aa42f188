import Datasets
import Testing

@Suite("ImageSource")
struct ImageSourceTests {
    /// Three 2x2 RGB images whose bytes count up from 0.
    private func rgb() throws -> ImageDataset {
        try ImageDataset(name: "rgb", height: 2, width: 2, channels: 3, pixels: (0..<36).map { UInt8($0 * 7) },
                         labels: [2, 0, 1], classNames: ["a", "b", "c"])
    }

    @Test("loadImage gives image(at:) bit for bit and label(at:) the label")
    func matchesImageAt() throws {
        let data = try rgb()
        for i in 0..<data.count {
            var buffer = [Float](repeating: -1, count: 13)
            try buffer.withUnsafeMutableBufferPointer { try data.loadImage(at: i, into: $0) }
            #expect(Array(buffer.prefix(12)) == data.image(at: i))
            #expect(buffer[12] == -1, "nothing beyond the image is written")
            #expect(try data.label(at: i) == data.labels[i])
        }
        #expect(data.imageSize == 12)
    }

    @Test("an index outside the set or a short buffer is a typed error, not a trap",
          arguments: [(-1, 12, "invalid argument: image index -1 is outside 0..<3 of 'rgb'"),
                      (3, 12, "invalid argument: image index 3 is outside 0..<3 of 'rgb'"),
                      (0, 11, "invalid argument: an image of 'rgb' needs 12 floats, the buffer holds 11")])
    func badRequests(index: Int, bufferSize: Int, message: String) throws {
        let data = try rgb()
        var buffer = [Float](repeating: 0, count: bufferSize)
        #expect(throws: DatasetError.invalidArgument(String(message.dropFirst("invalid argument: ".count)))) {
            try buffer.withUnsafeMutableBufferPointer { try data.loadImage(at: index, into: $0) }
        }
        if bufferSize == 12 {
            #expect(throws: DatasetError.self) { try data.label(at: index) }
        }
    }
}
