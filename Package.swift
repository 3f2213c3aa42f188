// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Gradbook",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gradbook", targets: ["gradbook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // MARK: C libraries (Debian packages, see scripts/setup.sh)
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .systemLibrary(name: "CReadline", path: "Sources/CReadline"),

        // MARK: Image codecs (libpng-dev, libturbojpeg0-dev; used by Datasets)
        .systemLibrary(name: "CPNG", path: "Sources/CPNG"),
        .systemLibrary(name: "CTurboJPEG", path: "Sources/CTurboJPEG"),

        // MARK: Engine
        // Fixed-order kernels (GEMM, sums, exp/log/tanh/erf) with one path per instruction set, chosen at
        // load. Portable flags: the AVX2/AVX-512 paths are per-function target attributes. -O2 in debug
        // builds too (the tests train models through these kernels); no floating-point contraction.
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O2", "-ffp-contract=off"])]),
        .target(name: "TensorRuntime", dependencies: ["CBLAS", "CKernels"]),
        .target(name: "NeuralNet", dependencies: ["TensorRuntime"]),
        .target(name: "Datasets", dependencies: ["TensorRuntime", "CZlib", "CPNG", "CTurboJPEG"]),

        // MARK: Presentation
        .target(name: "Canvas"),
        .target(name: "Notebook", dependencies: ["TensorRuntime", "NeuralNet", "Datasets", "Canvas"]),
        // The only module that calls ncurses or readline (main thread only).
        .target(name: "TerminalUI", dependencies: ["Notebook", "Canvas", "NeuralNet", "TensorRuntime", "CNcurses", "CReadline"]),

        // MARK: Measurements
        // `gradbook bench`: real models against the peers (NotebookOverhead draws TerminalUI's LivePanel).
        .target(name: "Bench", dependencies: ["TensorRuntime", "NeuralNet", "Datasets", "Canvas", "Notebook", "TerminalUI"]),

        // MARK: Executable
        // Only parses arguments and picks a front end: the notebook (TerminalUI), a headless run (Notebook), the bench.
        .executableTarget(name: "gradbook", dependencies: [
            "TensorRuntime", "Canvas", "Notebook", "TerminalUI", "Bench",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // MARK: Fuzz targets
        // libFuzzer targets, built by scripts/fuzz.sh with -sanitize=fuzzer,address -DFUZZING in .build-fuzz;
        // a plain build makes replay executables (`swift run FuzzInterpreter Tests/Fuzz/FuzzInterpreter/crashes`).
        .target(name: "CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzDriver"]),
        .executableTarget(name: "FuzzParser", dependencies: ["Notebook", "FuzzSupport"]),
        .executableTarget(name: "FuzzInterpreter", dependencies: ["Notebook", "Canvas", "FuzzSupport"]),
        .executableTarget(name: "FuzzIDX", dependencies: ["Datasets", "FuzzSupport"]),
        .executableTarget(name: "FuzzSafetensors", dependencies: ["NeuralNet", "TensorRuntime", "FuzzSupport"]),
        .executableTarget(name: "FuzzImage", dependencies: ["Datasets", "FuzzSupport"]),
        .executableTarget(name: "FuzzText", dependencies: ["Datasets", "FuzzSupport"]),

        // MARK: Tests
        .target(name: "TestSupport", dependencies: ["TensorRuntime"], path: "Tests/TestSupport"),
        .testTarget(name: "TensorRuntimeTests", dependencies: ["TensorRuntime", "TestSupport"]),
        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", "TensorRuntime", "Datasets", "TestSupport"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "TensorRuntime", "CZlib", "CPNG", "CTurboJPEG", "TestSupport"]),
        .testTarget(name: "CanvasTests", dependencies: ["Canvas"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "NeuralNet", "Datasets", "TensorRuntime", "Canvas", "TestSupport"],
                    exclude: ["Golden"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "Notebook", "Canvas", "NeuralNet"]),
        .testTarget(name: "BenchTests", dependencies: ["Bench", "NeuralNet"]),
    ],
    swiftLanguageModes: [.v6]
)
