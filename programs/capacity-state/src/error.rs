//! The capacity program's errors. Codes, names and messages are mirrored in
//! `programs-idl/capacity.json` (`errors`), from which the Go client decodes them.

ionet_sdk::program_errors! {
    /// Errors of the capacity program.
    pub enum CapacityError {
        InvalidParams = 6000 => "invalid parameters: per class n 0 (disabled) or a power of two 8 to 4096, k 1 to 16 with k * (13 + 64 * log2(n)) at most 840 bytes (all k proofs fit one transaction), deadline 10 to 400 slots; validity 1 to 720 epochs; interval at most 216000 slots",
        UnknownInstruction = 6001 => "unknown instruction discriminator",
        NotUpgradeAuthority = 6002 => "initialize must be signed by the capacity program's upgrade authority, with its ProgramData account",
        NotAuthority = 6003 => "only the config's authority can change the parameters",
        WrongAccountType = 6004 => "account is not the expected capacity account type",
        WrongDevice = 6005 => "account is not the staking Device of this device key, or the record is not this device's",
        ClassDisabled = 6006 => "the device's GPU class has no capacity challenge (n = 0)",
        ChallengeOpen = 6007 => "a challenge is already open for this device: answer it or let it expire",
        TooSoon = 6008 => "the previous challenge closed less than interval_slots ago",
        NoOpenChallenge = 6009 => "the device has no challenge in this phase (request one; commit before prove)",
        SeedNotReady = 6010 => "the challenge's seed slot hash is not in SlotHashes yet: wait a slot",
        DeadlinePassed = 6011 => "the deadline of this challenge phase has passed: it counts as missed",
        ChecksNotReady = 6012 => "the spot check's slot hash (the commit's slot) is not in SlotHashes yet: wait a slot",
        InvalidProof = 6013 => "an entry's Merkle path does not lead to the committed root, or its index is out of range or repeated",
        NotExpired = 6014 => "the open challenge's deadline has not passed yet",
        Overflow = 6015 => "arithmetic overflow",
        NoFaultToSlash = 6140 => "the device has no proven fault: only a wrong entry proved by its Merkle path is slashed",
        FaultAlreadySlashed = 6141 => "the device's proven fault was slashed already: a device is slashed once",
        WrongTreasury = 6142 => "the treasury is not an IO token account of the emission state's treasury authority, or emission_state is not the emission program's state",
    }
}
