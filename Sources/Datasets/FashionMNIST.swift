#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Zalando's Fashion-MNIST: 28x28 grayscale clothing images, 60,000 for training and 10,000 for test,
/// in ten classes. Read from the IDX files installed by Debian's `dataset-fashion-mnist` package.
public enum FashionMNIST {
    /// Where Debian installs the files.
    public static let debianDirectory = "/usr/share/datasets/fashion-mnist"

    /// The environment variable that, when set and non-empty, overrides `debianDirectory`.
    public static let environmentVariable = "GRADBOOK_FASHION_MNIST"

    /// `$GRADBOOK_FASHION_MNIST` if set and non-empty, otherwise `debianDirectory`. Read on each access.
    public static var defaultDirectory: String {
        defaultDirectory(environmentValue: getenv(environmentVariable).map { String(cString: $0) })
    }

    /// The default directory for a given value of `GRADBOOK_FASHION_MNIST` (`nil` when unset).
    public static func defaultDirectory(environmentValue: String?) -> String {
        guard let value = environmentValue, !value.isEmpty else { return debianDirectory }
        return value
    }

    /// The class names, indexed by label.
    public static let classNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]

    /// Image side length.
    public static let imageSize = 28

    /// Loads (train, test), named "fashion-mnist/train" and "fashion-mnist/test".
    ///
    /// Accepts the `.gz` files and the un-gzipped names (see `IDXDataset`). With `subset`, keeps only
    /// the first `subset` training images and decompresses only those; `testSubset` does the same for
    /// the test images (all 10,000 by default). Full load: ~55 MB of bytes in memory, O(file size) time. Throws a `DatasetError` naming the file on any problem; a missing
    /// file's message lists the expected names and how to install or point at them.
    public static func load(directory: String = FashionMNIST.defaultDirectory, subset: Int? = nil,
                            testSubset: Int? = nil) throws(DatasetError) -> (train: ImageDataset, test: ImageDataset) {
        let hint = "install Debian's dataset-fashion-mnist package (files go to \(debianDirectory)) "
            + "or set \(environmentVariable) to a directory holding these files"
        let (train, test) = try IDXDataset.load(directory: directory, classNames: classNames,
                                                name: "fashion-mnist", subset: subset, testSubset: testSubset,
                                                hint: hint)
        for split in [train, test] where split.height != imageSize || split.width != imageSize || split.channels != 1 {
            throw .badHeader(path: directory, reason: "\(split.name) has \(split.height)x\(split.width)x"
                + "\(split.channels) images, Fashion-MNIST's are \(imageSize)x\(imageSize)x1")
        }
        return (train, test)
    }
}
