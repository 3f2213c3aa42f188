// The data part of a Keras script: `load_data()` returning each split as (x, y) numpy arrays (y None when
// the examples are their own targets), with the readers its origin needs.

import NeuralNet

enum KerasData {
    /// The readers and `load_data()` for `data`.
    static func code(_ data: DataPlan) -> String {
        var helpers: [String] = []
        let body: String
        let validation = data.validationCount
        switch data.origin {
        case let .idx(directory, fashion, read, test):
            helpers = [readIDX, holdOut]
            let folder = fashion ? "os.environ.get(\"GRADBOOK_FASHION_MNIST\") or \(PythonValue.quoted(directory))" : PythonValue.quoted(directory)
            body = """
            folder = \(folder)
            x = read_idx(folder, "train", "images", \(read)).astype("float32") / 255
            y = read_idx(folder, "train", "labels", \(read)).astype("int64")
            train, validation = hold_out(x, y, \(validation)) if \(validation) else ((x, y), None)
            test = (read_idx(folder, "t10k", "images", \(test)).astype("float32") / 255, read_idx(folder, "t10k", "labels", \(test)).astype("int64"))
            return {"train": train, "validation": validation, "test": test if \(test) else None}
            """
        case let .folder(train, validationFolder, height, width, channels, scale):
            helpers = [readFolder, holdOut]
            func read(_ root: String) -> String { "read_folder(\(PythonValue.quoted(root)), \(height), \(width), \(channels), \(PythonValue.float(scale).literal))" }
            let split = validationFolder.map { "validation = \(read($0))" }
                ?? "train, validation = hold_out(*train, \(validation)) if \(validation) else (train, None)"
            body = """
            train = \(read(train))
            \(split)
            return {"train": train, "validation": validation, "test": None}
            """
        case .arrays:
            body = """
            arrays, _ = read_safetensors(DATA)

            def split(name):
                if name + ".x" not in arrays:
                    return None
                y = arrays.get(name + ".y")
                return arrays[name + ".x"], (None if y is None else y.astype("int64") if y.dtype.kind == "i" else y)

            return {name: split(name) for name in ("train", "validation", "test")}
            """
        case let .text(_, context, stride, _):
            body = """
            arrays, metadata = read_safetensors(DATA)
            global VOCABULARY
            VOCABULARY = json.loads(metadata["vocabulary"])   # VOCABULARY[id] is the token's text

            def split(name):
                if name + ".tokens" not in arrays:
                    return None
                tokens = arrays[name + ".tokens"].astype("int32")
                starts = np.arange(0, len(tokens) - \(context), \(stride))   # \(context) tokens every \(stride), and the next
                windows = tokens[starts[:, None] + np.arange(\(context + 1))]
                return windows[:, :-1], windows[:, 1:].astype("int64")

            return {name: split(name) for name in ("train", "validation", "test")}
            """
        }
        return data.loadDataFunction(helpers: helpers, body: body)
    }

    static let readIDX = DataPlan.readIDX(
        decode: #"np.frombuffer(f.read(count * math.prod(dims[1:])), dtype=np.uint8)"#,
        addChannel: #"values[..., None]"#)

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
                    pictures.append(np.asarray(image.resize((width, height), Image.BILINEAR)).reshape(height, width, channels))
                labels.append(label)
    return np.stack(pictures).astype("float32") * scale, np.array(labels, dtype="int64")
"""#

    static let holdOut = #"""
def hold_out(x, y, count):
    """(train, validation): `count` examples held out, about as many of each class as the whole set has, as
    Gradbook's `split` does (which examples is drawn here, so they are not the session's)."""
    order = np.random.default_rng(SEED).permutation(len(x))
    held = np.zeros(len(x), dtype=bool)
    for label in np.unique(y):
        members = order[y[order] == label]
        held[members[:round(count * len(members) / len(x))]] = True
    return (x[~held], y[~held]), (x[held], y[held])
"""#
}
