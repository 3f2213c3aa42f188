// The data part of a PyTorch script: `load_data()` returning each split as (x, y) tensors (y None when the
// examples are their own targets), with the readers its origin needs.

import NeuralNet

enum PyTorchData {
    /// The readers and `load_data()` for `data`.
    static func code(_ data: DataPlan, seed: UInt64) -> String {
        var helpers: [String] = []
        let body: String
        let validation = data.validationCount
        switch data.origin {
        case let .idx(directory, fashion, read, test):
            helpers = [readIDX, holdOut]
            let folder = fashion ? "os.environ.get(\"GRADBOOK_FASHION_MNIST\") or \(PythonValue.quoted(directory))" : PythonValue.quoted(directory)
            body = """
            folder = \(folder)
            x = read_idx(folder, "train", "images", \(read)).float() / 255
            y = read_idx(folder, "train", "labels", \(read)).long()
            train, validation = hold_out(x, y, \(validation)) if \(validation) else ((x, y), None)
            test = (read_idx(folder, "t10k", "images", \(test)).float() / 255, read_idx(folder, "t10k", "labels", \(test)).long())
            return {"train": train, "validation": validation, "test": test if \(test) else None}
            """
        case let .folder(train, validationFolder, height, width, channels, scale):
            helpers = [readFolder, holdOut]
            let read = "read_folder(%@, \(height), \(width), \(channels), \(PythonValue.float(scale).literal))"
            let split = validationFolder.map { "validation = \(read.replacingOccurrences(of: "%@", with: PythonValue.quoted($0)))" }
                ?? "train, validation = hold_out(*train, \(validation)) if \(validation) else (train, None)"
            body = """
            train = \(read.replacingOccurrences(of: "%@", with: PythonValue.quoted(train)))
            \(split)
            return {"train": train, "validation": validation, "test": None}
            """
        case .arrays:
            body = """
            tensors, _ = read_safetensors(DATA)

            def split(name):
                if name + ".x" not in tensors:
                    return None
                x, y = tensors[name + ".x"], tensors.get(name + ".y")
                x = x.long() if x.dtype == torch.int32 else x
                return x, (None if y is None else y.long() if y.dtype == torch.int32 else y)

            return {name: split(name) for name in ("train", "validation", "test")}
            """
        case let .text(_, context, stride, _):
            body = """
            tensors, metadata = read_safetensors(DATA)
            global VOCABULARY
            VOCABULARY = json.loads(metadata["vocabulary"])   # VOCABULARY[id] is the token's text

            def split(name):
                if name + ".tokens" not in tensors:
                    return None
                windows = tensors[name + ".tokens"].long().unfold(0, \(context + 1), \(stride))   # \(context) tokens every \(stride), and the next
                return windows[:, :-1], windows[:, 1:]

            return {name: split(name) for name in ("train", "validation", "test")}
            """
        }
        return data.loadDataFunction(helpers: helpers, body: body)
    }

    static let readIDX = DataPlan.readIDX(
        decode: #"torch.frombuffer(bytearray(f.read(count * math.prod(dims[1:]))), dtype=torch.uint8)"#,
        addChannel: #"values.unsqueeze(-1)"#)

    static let readFolder = #"""
def read_folder(root, height, width, channels, scale):
    """Every PNG and JPEG of root/CLASS/ (classes are the sub-folders, sorted), turned upright, resized to
    height x width and scaled by `scale` (Gradbook resizes with area averaging when it shrinks, so values
    differ a little): (N, H, W, C) floats and the labels. Needs Pillow."""
    from PIL import Image, ImageOps
    classes = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
    pictures, labels = [], []
    for label, name in enumerate(classes):
        for file in sorted(os.listdir(os.path.join(root, name))):
            if file.lower().endswith((".png", ".jpg", ".jpeg")):
                with Image.open(os.path.join(root, name, file)) as image:
                    image = ImageOps.exif_transpose(image).convert("L" if channels == 1 else "RGB")
                    image = image.resize((width, height), Image.BILINEAR)
                    pictures.append(torch.frombuffer(bytearray(image.tobytes()), dtype=torch.uint8).reshape(height, width, channels))
                labels.append(label)
    return torch.stack(pictures).float() * scale, torch.tensor(labels)
"""#

    static let holdOut = #"""
def hold_out(x, y, count):
    """(train, validation): `count` examples held out, about as many of each class as the whole set has, as
    Gradbook's `split` does (which examples is drawn here, so they are not the session's)."""
    order = torch.randperm(len(x), generator=torch.Generator().manual_seed(SEED))
    held = torch.zeros(len(x), dtype=torch.bool)
    for label in y.unique():
        members = order[y[order] == label]
        held[members[:round(count * len(members) / len(x))]] = True
    return (x[~held], y[~held]), (x[held], y[held])
"""#
}
