import Foundation
import Testing
import TensorRuntime
import NeuralNet

// Hostile safetensors headers: every field is checked against the file before use, the message names the
// file and the tensor, and the model is left unchanged.

/// input (2) -> dense_1 (1 unit): tensors dense_1.kernel (2, 1) and dense_1.bias (1), 12 bytes of data.
private func tinyModel() throws -> Sequential {
    let m = try Sequential(inputShape: [2], seed: 1)
    try m.add(Dense(units: 1, activation: .sigmoid))
    return m
}

/// A file: the 8-byte length, `json`, then `body` bytes of data (the floats 0.5 repeated).
private func file(_ json: String, body: Int = 12) -> Data {
    var data = Data()
    var n = UInt64(json.utf8.count).littleEndian
    withUnsafeBytes(of: &n) { data.append(contentsOf: $0) }
    data.append(Data(json.utf8))
    let half = withUnsafeBytes(of: Float(0.5).bitPattern.littleEndian) { Array($0) }
    for i in 0..<body { data.append(half[i % 4]) }
    return data
}

private let kernel = #""dense_1.kernel":{"dtype":"F32","shape":[2,1],"data_offsets":[0,8]}"#
private let bias = #""dense_1.bias":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}"#

@Suite("Safetensors header")
struct SafetensorsHeaderTests {
    @Test("A well-formed file loads; the header is parsed from bytes")
    func wellFormed() throws {
        let m = try tinyModel()
        let data = file("{\(kernel),\(bias),\"__metadata__\":{\"epoch\":\"2\"}}")
        let header = try SafetensorsHeader(parsing: data, path: "w")
        #expect(header.entries["dense_1.kernel"]?.offsets == 0..<8)
        #expect(header.metadata == ["epoch": "2"])
        try Checkpoint.load(m, contents: data, path: "w")
        #expect(m.namedParameters.allSatisfy { $0.parameter.tensor.array.allSatisfy { $0 == 0.5 } })
    }

    static let hostile: [(String, Int, String, [String])] = [
        // The overflow of the issue: end - begin wrapped around.
        ("{\(kernel),\"dense_1.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[1,-9223372036854775808]}}", 12,
         "corrupt", ["dense_1.bias", "not in order"]),
        ("{\(kernel),\"dense_1.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,9223372036854775807]}}", 12,
         "corrupt", ["dense_1.bias", "data_offsets"]),
        ("{\(kernel),\"dense_1.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,1000]}}", 12,
         "corrupt", ["dense_1.bias", "ends at byte 1000", "only 12 bytes"]),
        ("{\(kernel),\"dense_1.bias\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[8,12]}}", 12,
         "corrupt", ["dense_1.bias", "impossibly large"]),
        ("{\(kernel),\"dense_1.bias\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[8,12]}}", 12, "corrupt", ["dense_1.bias", "shape"]),
        ("{\(kernel),\"dense_1.bias\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[8,12]}}", 12, "corrupt", ["dense_1.bias", "shape"]),
        ("{\(kernel),\"dense_1.bias\":{\"dtype\":\"F32\",\"shape\":\"1\",\"data_offsets\":[8,12]}}", 12, "corrupt", ["dense_1.bias", "shape"]),
        ("{\(kernel),\"dense_1.bias\":{\"dtype\":\"Q4\",\"shape\":[1],\"data_offsets\":[8,12]}}", 12, "corrupt", ["dense_1.bias", "unknown dtype 'Q4'"]),
        ("{\(kernel),\"dense_1.bias\":{\"shape\":[1],\"data_offsets\":[8,12]}}", 12, "corrupt", ["dense_1.bias", "no dtype"]),
        ("{\(kernel),\"dense_1.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8]}}", 12, "corrupt", ["dense_1.bias", "data_offsets"]),
        ("{\(kernel),\"dense_1.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,12]}}", 12,
         "corrupt", ["dense_1.bias", "has 4 bytes", "needs 8"]),
        ("{\(kernel),\"dense_1.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 12, "corrupt", ["dense_1.bias", "dense_1.kernel", "overlap"]),
        ("{\(kernel),\"dense_1.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]}}", 16, "corrupt", ["bytes 8..<12", "dense_1.bias", "no tensor"]),
        ("{\(kernel),\(bias)}", 16, "corrupt", ["last 4 bytes", "no tensor"]),
        ("{\(kernel),\"dense_1.bias\":[8,12]}", 12, "corrupt", ["dense_1.bias", "not described by a JSON object"]),
        ("{\(kernel),\(bias),\"__metadata__\":{\"epoch\":2}}", 12, "corrupt", ["__metadata__"]),
        ("[1, 2]", 12, "corrupt", ["not a JSON object"]),
        ("{\(kernel),\"dense_1.bias\":{\"dtype\":\"I16\",\"shape\":[1],\"data_offsets\":[8,10]}}", 10, "mismatch", ["dense_1.bias", "is I16", "F32, F16 or I8"]),
        ("{\(kernel),\"dense_1.bias\":{\"dtype\":\"I8\",\"shape\":[1],\"data_offsets\":[8,9]}}", 9, "mismatch", ["dense_1.bias", "is I8", "only dense and conv2d kernels"]),
        ("{\(kernel)}", 8, "mismatch", ["no tensor 'dense_1.bias'"]),
    ]

    @Test("Hostile headers fail with the file and the tensor named, and change nothing", arguments: hostile)
    func hostileHeaders(json: String, body: Int, kind: String, mentions: [String]) throws {
        let m = try tinyModel()
        let before = m.namedParameters.map { $0.parameter.tensor.array }
        do {
            try Checkpoint.load(m, contents: file(json, body: body), path: "bad.safetensors")
            Issue.record("loading should fail: \(json)")
        } catch {
            switch (error, kind) {
            case (.corrupt, "corrupt"), (.mismatch, "mismatch"): break
            default: Issue.record("expected \(kind), got \(error)")
            }
            for s in mentions + ["'bad.safetensors'"] { #expect(error.message.contains(s), "'\(error.message)' should mention \(s)") }
            #expect(error.hint != nil)
        }
        #expect(m.namedParameters.map { $0.parameter.tensor.array } == before, "a failed load changed the model")
    }

    @Test("A header length near 2^64 is refused, not converted", arguments: [UInt64.max, UInt64(Int.max), UInt64(1) << 63, 13])
    func hugeHeaderLength(length: UInt64) {
        var data = Data()
        var n = length.littleEndian
        withUnsafeBytes(of: &n) { data.append(contentsOf: $0) }
        data.append(Data("{}  ".utf8))
        #expect(throws: Checkpoint.Failure.corrupt(path: "f", reason: "the header length \(length) exceeds the file (12 bytes)")) {
            try SafetensorsHeader(parsing: data, path: "f")
        }
    }

    @Test("Folders, devices and FIFOs are refused before reading (reading /dev/zero would never end)")
    func nonRegularSources() throws {
        let m = try tinyModel()
        let dir = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(mkfifo(dir + "/fifo", 0o644) == 0)
        #expect(throws: Checkpoint.Failure.unreadable(path: dir, reason: "it is a directory")) { try Checkpoint.load(m, from: dir) }
        #expect(throws: Checkpoint.Failure.unreadable(path: "/dev/zero", reason: "it is not a regular file")) { try Checkpoint.load(m, from: "/dev/zero") }
        #expect(throws: Checkpoint.Failure.unreadable(path: dir + "/fifo", reason: "it is not a regular file")) { try Checkpoint.load(m, from: dir + "/fifo") }
        #expect(throws: Checkpoint.Failure.unreadable(path: dir + "/none", reason: "no such file")) { try Checkpoint.load(m, from: dir + "/none") }
    }
}
