// libFuzzer target: the text reader and the tokenizers on arbitrary bytes.
//
// Each input is written to one temporary file per process and read with `TextFile.read` (the regular-file
// check, UTF-8 validation with its located error, BOM and line ends); the same bytes also go through
// `TextFile.decode` directly, the corpus cleaning, and, when they are text, through every tokenizer
// (char, word, bpe, with and without lowercasing) with a vocabulary size taken from the first byte. A
// tokenizer must give ids inside its vocabulary, decode to the text it encoded whenever no id is `<unk>`,
// learn the same merges twice, and cut windows whose targets are the inputs shifted by one; a failure
// of these is a crash the fuzzer reports. The file is removed when the process exits.
//
// scripts/fuzz.sh builds it for libFuzzer; a plain build replays the files given as arguments (FuzzMain).

import Datasets
import Foundation
import FuzzSupport

/// The per-process scratch file.
private let scratch: String = {
    let path = NSTemporaryDirectory() + "/gradbook-fuzz-text-\(getpid()).txt"
    atexit { unlink(NSTemporaryDirectory() + "/gradbook-fuzz-text-\(getpid()).txt") }
    return path
}()

/// The properties every tokenizer keeps on `text`.
private func check(_ kind: Tokenizer.Kind, _ text: String, vocabulary: Int, lowercase: Bool) {
    let tokenizer = Tokenizer.train(kind, on: text, vocabulary: vocabulary, lowercase: lowercase)
    guard tokenizer.vocabularySize <= max(vocabulary, 1), tokenizer.tokens.first == Tokenizer.unknownName else {
        fatalError("\(kind): vocabulary of \(tokenizer.vocabularySize) for a bound of \(vocabulary)")
    }
    let ids = tokenizer.encode(text)
    guard ids.allSatisfy({ $0 >= 0 && Int($0) < tokenizer.vocabularySize }) else { fatalError("\(kind): an id outside the vocabulary") }
    let expected = lowercase ? text.lowercased() : text
    if !ids.contains(Tokenizer.unknown), tokenizer.decode(ids) != expected {
        fatalError("\(kind): decoding the ids does not give the text back")
    }
    if kind == .bpe, Tokenizer.train(kind, on: text, vocabulary: vocabulary, lowercase: lowercase) != tokenizer {
        fatalError("bpe: two trainings on the same text differ")
    }
    for id in ids.prefix(64) { _ = tokenizer.displayName(of: id) }
    let context = 2 + vocabulary % 7
    let windows = TokenWindows(name: "fuzz", tokens: ids, context: context, stride: 1 + vocabulary % context)
    for i in 0..<min(windows.count, 8) where Array(windows.input(at: i).dropFirst()) != Array(windows.target(at: i).dropLast()) {
        fatalError("window \(i): the targets are not the inputs shifted by one")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzText(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    ScratchFile.write(bytes[...], to: scratch)
    let read = try? TextFile.read(scratch)
    let decoded = try? TextFile.decode(bytes, path: "fuzz")
    guard read == decoded else { fatalError("reading the file and decoding its bytes disagree") }
    if let broken = TextFile.firstInvalidByte(bytes), broken.offset >= bytes.count || read != nil {
        fatalError("invalid UTF-8 reported at byte \(broken.offset) of \(bytes.count), read: \(read != nil)")
    }
    guard let text = read else { return 0 }
    _ = TextCorpus.cleaned(text)
    _ = TextChunks.split(text, ideographsApart: bytes.count % 2 == 0)
    let vocabulary = 2 + Int(bytes.first ?? 0)
    for kind in Tokenizer.Kind.allCases {
        check(kind, text, vocabulary: vocabulary, lowercase: (bytes.last ?? 0) & 1 == 1)
    }
    return 0
}

@main
enum FuzzTextMain {
    static func main() {
        FuzzMain.run(fuzzText)
    }
}
