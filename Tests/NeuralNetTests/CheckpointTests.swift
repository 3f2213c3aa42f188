import Foundation
import Testing
import TensorRuntime
import NeuralNet
import TestSupport

// Checkpoints: a safetensors round trip, the header's names and layout, typed errors that leave the model
// unchanged, and the atomic write.

/// conv2d_1 -> batch_normalization_1 -> maxpool -> flatten -> dense_1 (`units`) [-> dense_2].
private func checkpointModel(seed: UInt64, units: Int = 4, extra: Bool = false) throws -> Sequential {
    let m = try Sequential(inputShape: [6, 6, 1], seed: seed)
    try m.add(Conv2D(filters: 3, kernelSize: 3, activation: .relu))
    try m.add(BatchNormalization())
    try m.add(Pooling2D(.max, size: 2))
    try m.add(Flatten())
    try m.add(Dense(units: units, activation: extra ? .relu : .softmax))
    if extra { try m.add(Dense(units: 2, activation: .softmax)) }
    // Non-trivial biases and batch-norm statistics, so every tensor is distinguishable.
    for (i, p) in m.namedParameters.enumerated() { randomize(p.parameter.tensor, seed: seed &* 100 &+ UInt64(i), range: 0.1...0.9) }
    return m
}

/// The file's JSON header.
private func header(_ path: String) throws -> (json: [String: Any], length: Int, data: Data) {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let n = data.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
    let json = try #require(try JSONSerialization.jsonObject(with: data.subdata(in: 8 ..< 8 + n)) as? [String: Any])
    return (json, n, data)
}

@Suite("Checkpoint")
struct CheckpointTests {
    @Test("save then load into a fresh model restores every weight exactly")
    func roundTrip() throws {
        let dir = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = try checkpointModel(seed: 1), b = try checkpointModel(seed: 2)
        #expect(!identical(weightSnapshot(a), weightSnapshot(b)))
        try Checkpoint.save(a, to: dir + "/w.safetensors", metadata: ["epoch": "3"])
        try Checkpoint.load(b, from: dir + "/w.safetensors")
        #expect(identical(weightSnapshot(a), weightSnapshot(b)))
        let x = randomTensor([2, 6, 6, 1], seed: 3)
        #expect(bitIdentical(try a(x, ForwardContext(training: false)).array, try b(x, ForwardContext(training: false)).array))
    }

    @Test("The header names each tensor conv2d_1.kernel etc. with F32, its shape and contiguous offsets")
    func headerLayout() throws {
        let dir = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let m = try checkpointModel(seed: 1)
        let path = dir + "/w.safetensors"
        try Checkpoint.save(m, to: path, metadata: ["epoch": "3"])
        let (json, n, data) = try header(path)
        #expect((8 + n) % 8 == 0, "the data starts 8-byte aligned")
        let expectedNames = ["conv2d_1.kernel", "conv2d_1.bias", "batch_normalization_1.gamma", "batch_normalization_1.beta",
                             "batch_normalization_1.moving_mean", "batch_normalization_1.moving_variance", "dense_1.kernel", "dense_1.bias"]
        #expect(Set(json.keys) == Set(expectedNames + ["__metadata__"]))
        let meta = try #require(json["__metadata__"] as? [String: String])
        #expect(meta["epoch"] == "3" && meta["format"] == "gradbook")
        var offset = 0, total = 0
        for (name, p, _) in m.namedParameters {
            let entry = try #require(json[name] as? [String: Any], "\(name)")
            #expect(entry["dtype"] as? String == "F32")
            #expect(entry["shape"] as? [Int] == p.tensor.shape, "\(name)")
            let offs = try #require(entry["data_offsets"] as? [Int])
            #expect(offs == [offset, offset + p.tensor.count * 4], "\(name)")
            // The bytes at those offsets are the weight's little-endian floats.
            let body = data.subdata(in: 8 + n + offs[0] ..< 8 + n + offs[1])
            let values = body.withUnsafeBytes { raw in (0..<p.tensor.count).map { Float(bitPattern: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self).littleEndian) } }
            #expect(bitIdentical(values, p.tensor.array), "\(name)")
            offset += p.tensor.count * 4; total += p.tensor.count
        }
        #expect(data.count == 8 + n + total * 4)
        #expect((json["conv2d_1.kernel"] as? [String: Any])?["shape"] as? [Int] == [3, 3, 1, 3])
    }

    private func expectFailure(_ model: Sequential, _ path: String, kind: String, mentions: [String]) {
        let before = weightSnapshot(model)
        let error = thrownError { try Checkpoint.load(model, from: path) }
        guard let failure = error as? Checkpoint.Failure else { Issue.record("expected Checkpoint.Failure, got \(String(describing: error))"); return }
        let actualKind: String
        switch failure {
        case .unreadable: actualKind = "unreadable"
        case .corrupt: actualKind = "corrupt"
        case .mismatch: actualKind = "mismatch"
        case .unsavable: actualKind = "unsavable"
        }
        #expect(actualKind == kind, "\(failure)")
        for s in mentions + [path] { #expect(failure.description.contains(s), "'\(failure)' should mention \(s)") }
        #expect(identical(weightSnapshot(model), before), "a failed load changed the model")
    }

    @Test("Wrong shape, missing tensor, truncated, garbage, NaN and missing files fail with typed errors and change nothing")
    func failures() throws {
        let dir = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/w.safetensors"
        try Checkpoint.save(try checkpointModel(seed: 1), to: path)
        // dense_1 has 5 units: conv2d_1 and batch norm fit (and must not be half-loaded), dense_1 does not.
        expectFailure(try checkpointModel(seed: 2, units: 5), path, kind: "mismatch", mentions: ["dense_1.kernel", "(12, 4)", "(12, 5)"])
        expectFailure(try checkpointModel(seed: 2, extra: true), path, kind: "mismatch", mentions: ["no tensor 'dense_2.kernel'"])
        let target = try checkpointModel(seed: 2)
        let full = try Data(contentsOf: URL(fileURLWithPath: path))
        try full.prefix(full.count - 20).write(to: URL(fileURLWithPath: dir + "/truncated"))
        expectFailure(target, dir + "/truncated", kind: "corrupt", mentions: ["dense_1"])
        try full.prefix(30).write(to: URL(fileURLWithPath: dir + "/short"))
        expectFailure(target, dir + "/short", kind: "corrupt", mentions: ["exceeds the file"])
        var rng = SeededGenerator(seed: 9)
        try Data((0..<500).map { _ in UInt8(truncatingIfNeeded: rng.next()) }).write(to: URL(fileURLWithPath: dir + "/garbage"))
        expectFailure(target, dir + "/garbage", kind: "corrupt", mentions: [])
        var notJSON = Data([16, 0, 0, 0, 0, 0, 0, 0]); notJSON.append(Data("this is not json".utf8))
        try notJSON.write(to: URL(fileURLWithPath: dir + "/notjson"))
        expectFailure(target, dir + "/notjson", kind: "corrupt", mentions: ["not a JSON object"])
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: dir + "/tiny"))
        expectFailure(target, dir + "/tiny", kind: "corrupt", mentions: ["only 3 bytes"])
        var nan = full
        let (_, n, _) = try header(path)
        nan.replaceSubrange(8 + n ..< 8 + n + 4, with: withUnsafeBytes(of: Float.nan.bitPattern.littleEndian) { Data($0) })
        try nan.write(to: URL(fileURLWithPath: dir + "/nan"))
        expectFailure(target, dir + "/nan", kind: "corrupt", mentions: ["conv2d_1.kernel", "NaN"])
        expectFailure(target, dir + "/missing.safetensors", kind: "unreadable", mentions: ["no such file"])
    }

    @Test("The write is atomic: no temporary file remains, an old file is replaced, a missing folder throws")
    func atomicWrite() throws {
        let dir = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/w.safetensors"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        let m = try checkpointModel(seed: 1)
        try Checkpoint.save(m, to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["w.safetensors"])
        let fresh = try checkpointModel(seed: 5)
        try Checkpoint.load(fresh, from: path)
        #expect(identical(weightSnapshot(fresh), weightSnapshot(m)))
        let missing = dir + "/no/such/folder/w.safetensors"
        let error = thrownError { try Checkpoint.save(m, to: missing) }
        guard case .folderMissing(let folder)? = error as? FileWriteError else { Issue.record("got \(String(describing: error))"); return }
        #expect(folder == dir + "/no/such/folder")
        #expect((error as? FileWriteError)?.message.contains("does not exist") == true)
        #expect(!FileManager.default.fileExists(atPath: dir + "/no"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["w.safetensors"])
    }
}
