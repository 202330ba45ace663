//! The emission program's errors. Codes, names and messages are mirrored in
//! `programs-idl/emission.json` (`errors`), from which the Go client decodes them.

ionet_sdk::program_errors! {
    /// Errors of the emission program.
    pub enum EmissionError {
        ZeroAmount = 6000 => "amount must be greater than zero",
        Overflow = 6001 => "arithmetic overflow",
        InvalidParams = 6002 => "invalid parameters: staker split at most 10000 bps, max epochs per crank from 1 to 3600, crank tip at most 1 IO",
        Unauthorized = 6003 => "signer is not the emission authority",
        NotTreasuryAuthority = 6004 => "signer is not the treasury authority, or the token account is not owned by it",
        WrongMint = 6005 => "mint or token account is not the IO mint",
        WrongMintAuthority = 6006 => "signer is not the IO mint's current mint authority",
        MintHasFreezeAuthority = 6007 => "the IO mint has a freeze authority: emission needs a mint nobody can freeze",
        WrongDecimals = 6008 => "the IO mint does not have 8 decimals",
        WrongLaunchSupply = 6009 => "the IO mint supply is not the 500,000,000 IO launch supply",
        WrongVault = 6010 => "account is not this program's vault",
        WrongStakingAccount = 6011 => "account is not the staking program, config or reward vault this program was set up with",
        NothingToMint = 6012 => "no ended epoch is left to mint: wait for the current epoch to end",
        EmissionEnded = 6013 => "the final epoch is minted: nothing is left to emit",
        ReasonTooLong = 6014 => "burn reason is longer than 64 bytes",
        WrongBurnRecord = 6015 => "burn record is not the seeded address of the next burn index",
        UnknownInstruction = 6016 => "unknown instruction discriminator",
        WrongEpoch = 6017 => "heartbeat is not for the current epoch: send it for the epoch the chain clock is in (emission started and not ended)",
        WrongDevice = 6018 => "device account is not the staking program's Device PDA of the signing device key",
        DeviceNotEligible = 6019 => "device stake is below what its GPU class and count require (or its class left the table): stake the device first",
        ZeroWeight = 6020 => "device weight (class multiplier x GPU count) is zero: it cannot share the supplier pool",
        AlreadyLive = 6021 => "a heartbeat of this device is already recorded for this epoch",
        NoHeartbeat = 6022 => "no claimable heartbeat in this device's liveness account: none recorded in the epochs minted and still in the ring, or all claimed",
        NotDeviceOwner = 6023 => "signer is not the owner of the device that recorded this heartbeat",
        EpochNotMinted = 6024 => "the epoch's supplier pool is not minted yet: wait for the epoch to end and the crank to mint it",
        EpochOutsideRing = 6025 => "the epoch is older than the last 72 minted epochs: its reward can no longer be claimed",
        WrongLivenessPool = 6026 => "account is not the liveness pool PDA [\"liveness\"]",
        RewardIsShared = 6120 => "the device had a co-staking offer at this heartbeat: its reward is shared, claim it with claim_shared_supplier_reward",
        RewardNotShared = 6121 => "the device had no co-staking offer at this heartbeat: its owner claims it with claim_supplier_reward",
        WrongLivenessOwner = 6122 => "the owner account is not the device owner recorded in the device's liveness account",
        NotUpgradeAuthority = 6040 => "initialize must be signed by the emission program's upgrade authority, with its ProgramData account",
        NothingToSweep = 6080 => "every token in the supplier vault can still be claimed: nothing to sweep",
        NotStakingConfig = 6081 => "signer is not the staking config PDA recorded at set-up, or the token account is not owned by it: only staking's slash burns this way",
        DeviceNotProven = 6082 => "the device has no passed capacity challenge within the validity (or missed one since, or has a proven fault): see ionet capacity show",
        WrongCapacityAccount = 6083 => "account is not the capacity link PDA [\"capacity\"], or not the linked capacity program's config or this device's capacity record",
        WrongLivenessAccount = 6084 => "account is not this device's liveness account (the seeded address of \"liveness\" under the device key)",
        NoLivenessAccount = 6085 => "the device has no liveness account yet: open it first (open_liveness, once per device; the clients send it with the device's first heartbeat)",
    }
}

impl ionet_sdk::token::WrongMint for EmissionError {
    const WRONG_MINT: Self = Self::WrongMint;
}
