import Testing
import TensorRuntime
import TestSupport

// GraphProfile: backward time attributed to the parts that recorded the nodes, same gradients as plain backward.

@Suite struct GraphProfileTests {
    /// y = sum(scale(linear(x, w) * 2)): part 0 records the product, part 1 the rest.
    private func graph(_ w: Tensor, _ x: Tensor, profile: GraphProfile?) throws -> Tensor {
        let h = try Tensor.linear(x, w, nil)
        profile?.claim(h, part: 0)
        let y = Tensor.sum(Tensor.scale(h, 2))
        profile?.claim(y, part: 1)
        return y
    }

    @Test func profiledBackwardGivesTheSameGradients() throws {
        let x = randomTensor([4, 3], seed: 1)
        let plainW = randomTensor([3, 2], seed: 2)
        plainW.requiresGrad = true
        let profiledW = Tensor(plainW.array, shape: [3, 2], requiresGrad: true)
        try graph(plainW, x, profile: nil).backward()
        let profile = GraphProfile()
        try graph(profiledW, x, profile: profile).backward(profile: profile)
        #expect(bitIdentical(plainW.gradArray, profiledW.gradArray))
    }

    @Test func everyNodeIsClaimedByTheFirstPartThatReachesIt() throws {
        let x = randomTensor([4, 3], seed: 3)
        let w = randomTensor([3, 2], seed: 4)
        w.requiresGrad = true
        let profile = GraphProfile()
        let h = try Tensor.linear(x, w, nil)
        profile.claim(h, part: 0)
        let scaled = Tensor.scale(h, 2)
        let y = Tensor.sum(scaled)
        profile.claim(y, part: 1)
        #expect(profile.part(of: h) == 0)
        #expect(profile.part(of: scaled) == 1)
        #expect(profile.part(of: y) == 1)
        // Leaves record nothing and belong to no part.
        #expect(profile.part(of: w) == GraphProfile.unclaimed)
        y.backward(profile: profile)
        #expect(Set(profile.backwardSeconds.keys) == [0, 1])
        #expect(profile.backwardSeconds.values.allSatisfy { $0 >= 0 })
        profile.finish()
        #expect(profile.backwardSeconds.isEmpty)
        #expect(profile.part(of: h) == GraphProfile.unclaimed)
    }

    @Test func nodesNoPartClaimedCountAsUnclaimed() throws {
        let w = randomTensor([3], seed: 5)
        w.requiresGrad = true
        let profile = GraphProfile()
        Tensor.sum(Tensor.scale(w, 3)).backward(profile: profile)
        #expect(Array(profile.backwardSeconds.keys) == [GraphProfile.unclaimed])
        #expect(w.gradArray == [3, 3, 3])
    }
}
