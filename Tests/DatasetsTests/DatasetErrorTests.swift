import Datasets
import Testing

@Suite("DatasetError")
struct DatasetErrorTests {
    @Test("each error splits into a message naming the file and a separate hint; the description joins them",
          arguments: [
            (DatasetError.fileNotFound(path: "d/x.gz", expected: ["x.gz", "x"], hint: "put the files there"),
             "d/x.gz: file not found. Expected one of: x.gz, x", "put the files there"),
            (DatasetError.notGzip(path: "f.gz", firstBytes: [0, 0]),
             "f.gz: not a gzip file (starts with 00 00, expected 1f 8b)",
             "if it is an uncompressed IDX file, remove the .gz suffix; otherwise download it again"),
            (DatasetError.truncated(path: "f", expected: 20, found: 12),
             "f: truncated: expected 20 bytes, found 12", "the file is incomplete; download it again"),
            (DatasetError.labelOutOfRange(path: "l", index: 3, label: 12, classCount: 10),
             "l: label 12 at index 3 is out of range 0..<10", "give class names for every label value"),
            (DatasetError.countMismatch(imagesPath: "i", images: 3, labelsPath: "l", labels: 4),
             "i has 3 images but l has 4 labels", "the image and label files must come from the same split"),
          ])
    func messageAndHint(error: DatasetError, message: String, hint: String) {
        #expect(error.message == message)
        #expect(error.hint == hint)
        #expect(error.description == "\(message) - \(hint)")
        #expect(!error.message.contains("Hint"))
    }

    @Test("an invalid argument has no hint, and its description is the message alone")
    func invalidArgument() {
        let error = DatasetError.invalidArgument("batch size 0 must be positive")
        #expect(error.hint == nil)
        #expect(error.description == "invalid argument: batch size 0 must be positive")
    }
}
