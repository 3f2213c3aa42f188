// Bounds of the generative commands and layers (decoders, autoencoders, VAEs, GANs).

extension Limits {
    /// `upsample` factor.
    public static let upsample = 64
    /// Pictures one `show reconstructions`, `generate images` or `watch samples` draws.
    public static let pictures = 64
    /// Codes per side of `show latent grid`.
    public static let latentGrid = 16
    /// Points `show latent` projects.
    public static let latentPoints = 5_000
    /// Largest KL weight (`compile kl=`).
    public static let klWeight = 100.0
    /// Discriminator steps per generator step, and the other way round (`train gan ratio=`).
    public static let ganRatio = 16
}
