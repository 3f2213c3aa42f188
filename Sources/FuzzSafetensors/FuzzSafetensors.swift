// libFuzzer target: the safetensors header parser and checkpoint loading on arbitrary bytes, in memory
// (`SafetensorsHeader(parsing:path:)`, `Checkpoint.load(_:contents:path:)` into a small fixed model),
// F32, F16 and I8 tensors (int8 kernels with their scales); a file that loads is run forward once (the
// int8 kernels when it held I8 tensors) and saved again as float32, float16 and, when int8, int8.
//
// scripts/fuzz.sh builds it for libFuzzer; a plain build replays the files given as arguments (FuzzMain).

import Foundation
import FuzzSupport
import NeuralNet
import TensorRuntime

/// input (4, 4, 1) -> conv2d_1 (2 filters, 3x3) -> flatten_1 -> dense_1 (2 units), made once.
nonisolated(unsafe) private var model: Sequential?

private func fuzzModel() -> Sequential? {
    if model == nil {
        model = try? {
            let m = try Sequential(inputShape: [4, 4, 1], seed: 1)
            try m.add(Conv2D(filters: 2, kernelSize: 3, activation: .relu))
            try m.add(Flatten())
            try m.add(Dense(units: 2, activation: .softmax))
            return m
        }()
    }
    return model
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafetensors(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    if let header = try? SafetensorsHeader(parsing: data, path: "fuzz.safetensors") {
        for entry in header.entries.values {
            guard entry.offsets.upperBound <= data.count - header.dataStart else { fatalError("\(entry.name) lies outside the data") }
        }
    }
    if let model = fuzzModel() {
        do {
            try Checkpoint.load(model, contents: data, path: "fuzz.safetensors")
            let out = try model.forward(Tensor(repeating: 0.5, shape: [1, 4, 4, 1]), ForwardContext(training: false))
            guard out.shape == [1, 2] else { fatalError("forward gave \(out.shape)") }
            for dtype in StorageType.allCases where dtype != .int8 || model.quantization != nil {
                let path = NSTemporaryDirectory() + "gradbook-fuzz-safetensors-\(getpid()).safetensors"
                defer { unlink(path) }
                do { try Checkpoint.save(model, to: path, dtype: dtype) } catch { _ = "\(error)" }
            }
        } catch { _ = "\(error)" }
        model.quantization = nil
    }
    return 0
}

@main
enum FuzzSafetensorsMain {
    static func main() {
        FuzzMain.run(fuzzSafetensors)
    }
}
