extension ImageDataset {
    /// A set with no images (1x1x1, one class), standing in where a data set holds no images (token sequences).
    public static func empty(name: String) -> ImageDataset {
        ImageDataset(unchecked: name, height: 1, width: 1, channels: 1, pixels: [], labels: [], classNames: ["none"])
    }
}
